/**
 * @module drivers/gpu-redfish/codec
 * DMTF Redfish (PROTOCOLS.md §3.1) as data: zod schemas of the resources the driver reads, the Redfish error
 * body, and JSON decoding that turns anything else into a `ProtocolError`. Pure: the driver, the simulator and
 * the fuzz tests share it. Schemas check only the properties the driver uses and let the rest through, so an
 * OEM extension or a newer schema version cannot break a read; links are followed, never built from ids.
 */
import { z } from 'zod';
import { ProtocolError } from '../../errors.ts';

/** The service root; the only resource (with `/redfish`) a client may read before it authenticates. */
export const SERVICE_ROOT_URI = '/redfish/v1/';
/**
 * Where the Redfish specification puts the session collection. Used only when the service root links neither
 * `Links.Sessions` nor `SessionService`, because the session service itself cannot be read before logging in.
 */
export const DEFAULT_SESSIONS_URI = '/redfish/v1/SessionService/Sessions';

export type RedfishGeneration = 'environment-metrics' | 'power-subsystem' | 'legacy-power';

/** Who was asked what, for error messages: `redfish@https://10.0.0.5`, `GET /redfish/v1/Systems`. */
export interface RedfishContext {
  readonly device: string;
  readonly command: string;
}

const linkSchema = z.object({ '@odata.id': z.string().min(1) });
const watts = z.number().nonnegative();
/** `{Reading, DataSourceUri}` excerpts (SensorPowerExcerpt and friends); `Reading` is null while unavailable. */
const readingExcerpt = z.object({
  Reading: watts.nullable().optional(),
  DataSourceUri: z.string().optional(),
});

export const serviceRootSchema = z.object({
  RedfishVersion: z.string().optional(),
  UUID: z.string().nullable().optional(),
  Vendor: z.string().nullable().optional(),
  Product: z.string().nullable().optional(),
  Systems: linkSchema.optional(),
  Chassis: linkSchema.optional(),
  SessionService: linkSchema.optional(),
  Links: z.object({ Sessions: linkSchema.optional() }).optional(),
});

export const collectionSchema = z.object({ Members: z.array(linkSchema) });

const POWER_STATES = ['On', 'Off', 'PoweringOn', 'PoweringOff', 'Paused'] as const;
const HEALTHS = ['OK', 'Warning', 'Critical'] as const;
const statusSchema = z.object({ Health: z.enum(HEALTHS).nullable().optional() });

/** The full `ResetType` enum of ComputerSystem; a service lists the subset it supports. */
export const RESET_TYPES = [
  'On',
  'ForceOff',
  'GracefulShutdown',
  'GracefulRestart',
  'ForceRestart',
  'Nmi',
  'ForceOn',
  'PushPowerButton',
  'PowerCycle',
  'Suspend',
  'Pause',
  'Resume',
  'FullPowerCycle',
] as const;
/** What a client may send when the service lists nothing (PROTOCOLS.md §3.1): the three every BMC takes. */
export const DEFAULT_RESET_TYPES: readonly string[] = ['On', 'ForceOff', 'GracefulShutdown'];

export const resetActionSchema = z.object({
  target: z.string().min(1),
  'ResetType@Redfish.AllowableValues': z.array(z.string()).optional(),
  '@Redfish.ActionInfo': z.string().min(1).optional(),
});

export const systemSchema = z.object({
  Id: z.string(),
  PowerState: z.enum(POWER_STATES),
  Status: statusSchema.optional(),
  Manufacturer: z.string().nullable().optional(),
  Model: z.string().nullable().optional(),
  Links: z.object({ Chassis: z.array(linkSchema).optional() }).optional(),
  Actions: z.object({ '#ComputerSystem.Reset': resetActionSchema.optional() }).optional(),
});

export const actionInfoSchema = z.object({
  Parameters: z.array(z.object({ Name: z.string(), AllowableValues: z.array(z.string()).optional() })),
});

export const chassisSchema = z.object({
  Id: z.string(),
  EnvironmentMetrics: linkSchema.optional(),
  PowerSubsystem: linkSchema.optional(),
  Power: linkSchema.optional(),
  Controls: linkSchema.optional(),
  Sensors: linkSchema.optional(),
});

/** A Control excerpt (`PowerLimitWatts`): watts by the property's name, whatever the Control's own units. */
const controlExcerpt = z.object({
  SetPoint: watts.nullable().optional(),
  AllowableMin: watts.nullable().optional(),
  AllowableMax: watts.nullable().optional(),
  ControlMode: z.string().nullable().optional(),
  DataSourceUri: z.string().min(1).optional(),
});

export const environmentMetricsSchema = z.object({
  PowerWatts: readingExcerpt.optional(),
  PowerLimitWatts: controlExcerpt.optional(),
});

export const powerSubsystemSchema = z.object({
  CapacityWatts: watts.nullable().optional(),
  PowerSupplies: linkSchema.optional(),
});

export const powerSupplySchema = z.object({ Metrics: linkSchema.optional() });
export const powerSupplyMetricsSchema = z.object({ InputPowerWatts: readingExcerpt.optional() });

export const sensorSchema = z.object({
  ReadingType: z.string().optional(),
  Reading: z.number().nullable().optional(),
  ReadingUnits: z.string().nullable().optional(),
  PhysicalContext: z.string().optional(),
  ElectricalContext: z.string().optional(),
});

export const controlSchema = z.object({
  Id: z.string(),
  ControlType: z.string().optional(),
  ControlMode: z.string().nullable().optional(),
  SetPoint: z.number().nonnegative().nullable().optional(),
  SetPointUnits: z.string().nullable().optional(),
  AllowableMin: z.number().nonnegative().nullable().optional(),
  AllowableMax: z.number().nonnegative().nullable().optional(),
  PhysicalContext: z.string().optional(),
});

const powerControlSchema = z.object({
  PowerConsumedWatts: watts.nullable().optional(),
  PowerCapacityWatts: watts.nullable().optional(),
  PowerLimit: z.object({ LimitInWatts: watts.nullable().optional() }).optional(),
});

/** The deprecated `Power` resource: only `PowerControl[0]` (the system input) is read. */
export const legacyPowerSchema = z.object({ PowerControl: z.array(powerControlSchema).optional() });

const redfishErrorSchema = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    '@Message.ExtendedInfo': z
      .array(z.object({ MessageId: z.string().optional(), Message: z.string().optional() }))
      .optional(),
  }),
});

export function parseJson(raw: string, ctx: RedfishContext): unknown {
  try {
    return JSON.parse(raw);
  } catch (cause) {
    throw new ProtocolError(ctx.device, ctx.command, 'reply is not JSON', raw, { cause });
  }
}

export function decode<S extends z.ZodType>(schema: S, json: unknown, raw: string, ctx: RedfishContext) {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data as z.output<S>;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new ProtocolError(ctx.device, ctx.command, `reply does not match the schema: ${issues}`, raw, {
    cause: parsed.error,
  });
}

/** `@odata.etag` of a body, when it has one (the `ETag` header wins when both come). */
export function bodyEtag(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const etag = (json as Record<string, unknown>)['@odata.etag'];
  return typeof etag === 'string' && etag !== '' ? etag : null;
}

/**
 * The words of a Redfish error reply for a `ProtocolError`: the status, `error.message` and each extended
 * message. A body that is not a Redfish error still gives the status.
 */
export function describeErrorReply(status: number, raw: string): string {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return `HTTP ${status}`;
  }
  const parsed = redfishErrorSchema.safeParse(json);
  if (!parsed.success) return `HTTP ${status}`;
  const { code, message } = parsed.data.error;
  const extended = (parsed.data.error['@Message.ExtendedInfo'] ?? [])
    .map((info) => [info.MessageId, info.Message].filter((part) => part !== undefined).join(': '))
    .filter((text) => text !== '');
  const words = [message ?? code, ...extended].filter((part) => part !== undefined && part !== '');
  return words.length === 0 ? `HTTP ${status}` : `HTTP ${status}: ${words.join('; ')}`;
}
