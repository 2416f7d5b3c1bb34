/**
 * @module drivers/gpu-redfish/discovery
 * Finds, once per driver, the URIs a read and a cap need, by following links from the service root (ids
 * differ per vendor: `1`, `System.Embedded.1`, `HGX_Baseboard_0`). The chassis is the system's own first, then
 * the others; its power reading is probed newest schema first (EnvironmentMetrics, PowerSubsystem, legacy
 * Power), and its cap is a `Control` of type Power when one exists, else the legacy `PowerLimit`.
 */
import { ProtocolError } from '../../errors.ts';
import {
  actionInfoSchema,
  chassisSchema,
  collectionSchema,
  controlSchema,
  DEFAULT_SESSIONS_URI,
  environmentMetricsSchema,
  legacyPowerSchema,
  powerSubsystemSchema,
  powerSupplyMetricsSchema,
  powerSupplySchema,
  type RedfishGeneration,
  SERVICE_ROOT_URI,
  sensorSchema,
  serviceRootSchema,
  systemSchema,
} from './codec.ts';
import type { RedfishHttp } from './http.ts';
import {
  type ControlBody,
  hasLegacyLimit,
  isTotalPowerSensor,
  legacyCapacityW,
  resetTypesOf,
  type SystemBody,
  wattsPerUnit,
} from './mapping.ts';

export type PowerSource =
  | { readonly kind: 'environment-metrics'; readonly uri: string }
  | { readonly kind: 'psu-metrics'; readonly uris: readonly string[] }
  | { readonly kind: 'sensor'; readonly uri: string }
  | { readonly kind: 'legacy-power'; readonly uri: string };

export type CapPath =
  | {
      readonly kind: 'control';
      readonly uri: string;
      readonly control: ControlBody;
      /** Watts per SetPoint unit; null for a percent control with no watt maximum to convert from. */
      readonly perUnitW: number | null;
    }
  | { readonly kind: 'legacy-power'; readonly uri: string };

export interface ServiceInfo {
  readonly redfishVersion: string | null;
  readonly vendor: string | null;
  readonly product: string | null;
  readonly uuid: string | null;
}

export interface RedfishLayout {
  readonly service: ServiceInfo;
  readonly systemUri: string;
  readonly systemId: string;
  readonly manufacturer: string | null;
  readonly chassisUri: string;
  readonly generation: RedfishGeneration;
  readonly source: PowerSource;
  readonly cap: CapPath | null;
  /** The power source's body shows the cap too, so a read needs no GET of its own for it. */
  readonly capInSource: boolean;
  readonly reset: { readonly target: string; readonly types: readonly string[] } | null;
}

/** Bounds the GETs one discovery may spend on a collection (an HGX chassis lists dozens of sensors). */
const MAX_MEMBERS = 64;
const GENERATION: Record<PowerSource['kind'], RedfishGeneration> = {
  'environment-metrics': 'environment-metrics',
  'psu-metrics': 'power-subsystem',
  sensor: 'power-subsystem',
  'legacy-power': 'legacy-power',
};

const id = (link: { '@odata.id': string }) => link['@odata.id'];

function fail(http: RedfishHttp, problem: string): never {
  throw new ProtocolError(http.device, 'discover', problem, '');
}

export async function discover(http: RedfishHttp, systemIndex: number): Promise<RedfishLayout> {
  const root = await http.get(SERVICE_ROOT_URI, serviceRootSchema, true);
  const sessionService = root.SessionService === undefined ? undefined : id(root.SessionService);
  http.sessionsUri =
    root.Links?.Sessions === undefined
      ? sessionService === undefined
        ? DEFAULT_SESSIONS_URI
        : `${sessionService.replace(/\/$/, '')}/Sessions`
      : id(root.Links.Sessions);
  const systems = await http.get(
    id(root.Systems ?? fail(http, 'the service root links no Systems')),
    collectionSchema,
  );
  const member = systems.Members[systemIndex];
  if (member === undefined) {
    fail(http, `no system at index ${systemIndex}; the service lists ${systems.Members.length}`);
  }
  const systemUri = id(member);
  const system = await http.get(systemUri, systemSchema);

  const tried = new Set<string>();
  const tryChassis = async (uris: readonly string[]) => {
    for (const uri of uris) {
      if (tried.has(uri)) continue;
      tried.add(uri);
      const found = await probeChassis(http, uri);
      if (found !== null) return { chassisUri: uri, ...found };
    }
    return null;
  };
  const found =
    (await tryChassis((system.Links?.Chassis ?? []).map(id))) ??
    (root.Chassis === undefined
      ? null
      : await tryChassis(
          (await http.get(id(root.Chassis), collectionSchema)).Members.slice(0, MAX_MEMBERS).map(id),
        ));
  if (found === null) fail(http, 'no chassis reports power (EnvironmentMetrics, PowerSubsystem or Power)');
  return {
    service: {
      redfishVersion: root.RedfishVersion ?? null,
      vendor: root.Vendor ?? null,
      product: root.Product ?? null,
      uuid: root.UUID ?? null,
    },
    systemUri,
    systemId: system.Id,
    manufacturer: system.Manufacturer ?? null,
    ...found,
    generation: GENERATION[found.source.kind],
    reset: await resetOf(http, system),
  };
}

/** A GET made at most once, and only if some step needs its body. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load();
    return loaded;
  };
}

/** What one chassis offers; null when it reports no power at all (an HGX baseboard's chassis, a drive cage). */
async function probeChassis(http: RedfishHttp, uri: string) {
  const chassis = await http.get(uri, chassisSchema);
  const { EnvironmentMetrics: emLink, PowerSubsystem: subsystemLink, Power: powerLink } = chassis;
  const em = once(async () => (emLink === undefined ? null : http.get(id(emLink), environmentMetricsSchema)));
  const subsystem = once(async () =>
    subsystemLink === undefined ? null : http.get(id(subsystemLink), powerSubsystemSchema),
  );
  const legacy = once(async () =>
    powerLink === undefined ? null : http.get(id(powerLink), legacyPowerSchema),
  );

  let source: PowerSource | null = null;
  if ((await em())?.PowerWatts !== undefined) source = { kind: 'environment-metrics', uri: id(emLink!) };
  source ??= await psuSource(http, (await subsystem())?.PowerSupplies);
  if (source === null && (await subsystem()) !== null) source = await sensorSource(http, chassis.Sensors);
  if (source === null && (await legacy())?.PowerControl?.[0]?.PowerConsumedWatts !== undefined) {
    source = { kind: 'legacy-power', uri: id(powerLink!) };
  }
  if (source === null) return null;

  const excerpt = (await em())?.PowerLimitWatts;
  const control =
    (excerpt?.DataSourceUri === undefined ? null : await powerControl(http, [excerpt.DataSourceUri])) ??
    (chassis.Controls === undefined
      ? null
      : await powerControl(
          http,
          (await http.get(id(chassis.Controls), collectionSchema)).Members.slice(0, MAX_MEMBERS).map(id),
        ));
  let cap: CapPath | null = null;
  if (control !== null) {
    // A percent set point needs the chassis maximum in watts (the excerpt is in watts by its name).
    const referenceW = async () => {
      if (typeof excerpt?.AllowableMax === 'number') return excerpt.AllowableMax;
      const capacityW = (await subsystem())?.CapacityWatts;
      if (typeof capacityW === 'number') return capacityW;
      const power = await legacy();
      return power === null ? null : legacyCapacityW(power);
    };
    const needsReference = control.control.SetPointUnits === '%';
    const ctx = { device: http.device, command: `GET ${control.uri}` };
    const perUnitW = wattsPerUnit(control.control, needsReference ? await referenceW() : null, ctx);
    cap = { kind: 'control', ...control, perUnitW };
  } else {
    const power = await legacy();
    if (power !== null && hasLegacyLimit(power)) cap = { kind: 'legacy-power', uri: id(powerLink!) };
  }
  const capInSource =
    (cap?.kind === 'control' &&
      source.kind === 'environment-metrics' &&
      excerpt !== undefined &&
      (excerpt.DataSourceUri === undefined || excerpt.DataSourceUri === cap.uri)) ||
    (cap?.kind === 'legacy-power' && source.kind === 'legacy-power');
  return { source, cap, capInSource };
}

async function psuSource(http: RedfishHttp, supplies: { '@odata.id': string } | undefined) {
  if (supplies === undefined) return null;
  const members = (await http.get(id(supplies), collectionSchema)).Members.slice(0, MAX_MEMBERS);
  const bodies = await Promise.all(members.map((m) => http.get(id(m), powerSupplySchema)));
  const metricsUris = bodies.flatMap((body) => (body.Metrics === undefined ? [] : [id(body.Metrics)]));
  const metrics = await Promise.all(metricsUris.map((uri) => http.get(uri, powerSupplyMetricsSchema)));
  // Every supply must report input power, or the sum would read low; otherwise fall back to a sensor.
  if (metrics.length === 0 || metrics.some((m) => m.InputPowerWatts === undefined)) return null;
  return { kind: 'psu-metrics', uris: metricsUris } as const;
}

async function sensorSource(http: RedfishHttp, sensors: { '@odata.id': string } | undefined) {
  if (sensors === undefined) return null;
  const members = (await http.get(id(sensors), collectionSchema)).Members.slice(0, MAX_MEMBERS).map(id);
  const bodies = await Promise.all(members.map((uri) => http.get(uri, sensorSchema)));
  const index = bodies.findIndex(isTotalPowerSensor);
  return index < 0 ? null : ({ kind: 'sensor', uri: members[index]! } as const);
}

/**
 * The chassis-wide power Control among `uris`, chosen by `ControlType`, never by id (the mockup's
 * `PowerLimit` sits next to `CPU1Freq`; Lenovo adds per-GPU `GPU{N}_PowerLimit`, which a chassis cap outranks).
 */
async function powerControl(http: RedfishHttp, uris: readonly string[]) {
  const bodies = await Promise.all(uris.map((uri) => http.get(uri, controlSchema)));
  const rank = (c: ControlBody) =>
    c.PhysicalContext === undefined || c.PhysicalContext === 'Chassis' || c.PhysicalContext === 'System'
      ? 0
      : 1;
  let best: { uri: string; control: ControlBody } | null = null;
  for (const [i, control] of bodies.entries()) {
    if (control.ControlType !== 'Power') continue;
    if (best === null || rank(control) < rank(best.control)) best = { uri: uris[i]!, control };
  }
  return best;
}

async function resetOf(http: RedfishHttp, system: SystemBody) {
  const action = system.Actions?.['#ComputerSystem.Reset'];
  if (action === undefined) return null;
  const infoUri = action['@Redfish.ActionInfo'];
  const info =
    action['ResetType@Redfish.AllowableValues'] === undefined && infoUri !== undefined
      ? await http.get(infoUri, actionInfoSchema)
      : null;
  return { target: action.target, types: resetTypesOf(action, info) };
}
