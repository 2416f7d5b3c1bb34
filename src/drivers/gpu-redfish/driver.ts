/**
 * @module drivers/gpu-redfish/driver
 * A GPU server behind its BMC over DMTF Redfish (PROTOCOLS.md §3.1): power reading, power cap and reset.
 * Discovery runs once (on the first call) and its URIs are kept, so a read costs, after discovery, the system
 * plus the power source, fetched in parallel: 2 GETs on EnvironmentMetrics (which carries the cap excerpt) and
 * on legacy Power; 2 + one per power supply on PowerSubsystem (the cap is in a Control of its own); 3 where the
 * cap must be read apart from the power source. A cap is re-read after the PATCH and returned as the BMC took it.
 */
import { ProtocolError, ValidationError } from '../../errors.ts';
import type {
  GpuServerCapabilities,
  GpuServerCommand,
  GpuServerDriver,
  GpuServerReading,
} from '../natures.ts';
import {
  controlSchema,
  environmentMetricsSchema,
  legacyPowerSchema,
  powerSupplyMetricsSchema,
  sensorSchema,
  systemSchema,
} from './codec.ts';
import { type CapPath, discover, type PowerSource, type RedfishLayout } from './discovery.ts';
import { RedfishHttp, type RedfishOptions } from './http.ts';
import {
  CONTROL_UNCAP_PATCH,
  capSetPoint,
  controlCapPatch,
  controlLimitW,
  controlRangeW,
  environmentLimitW,
  environmentPowerW,
  legacyCapPatch,
  legacyLimitW,
  legacyPowerW,
  psuInputSumW,
  sensorPowerW,
  toGpuServerReading,
} from './mapping.ts';

export interface RedfishDriverOptions extends RedfishOptions {
  /** Which member of the Systems collection, when a BMC manages several (default 0, the first). */
  readonly systemIndex?: number;
}

/** What a power source read yields; `limitW` is undefined when that body does not show the cap. */
interface PowerRead {
  readonly powerW: number;
  readonly limitW: number | null | undefined;
}

export class RedfishGpuDriver implements GpuServerDriver {
  private readonly http: RedfishHttp;
  private readonly systemIndex: number;
  private layout: RedfishLayout | null = null;
  /** Shared by concurrent first calls, so they discover once. */
  private discovering: Promise<RedfishLayout> | null = null;

  constructor(options: RedfishDriverOptions) {
    this.http = new RedfishHttp(options);
    this.systemIndex = options.systemIndex ?? 0;
  }

  get device(): string {
    return this.http.device;
  }

  /** HTTP requests sent so far (discovery and logins included). */
  get requestCount(): number {
    return this.http.requestCount;
  }

  /** The discovered layout: service, system, chassis, schema generation and where the cap is set. */
  describe(): Promise<RedfishLayout> {
    if (this.layout !== null) return Promise.resolve(this.layout);
    this.discovering ??= discover(this.http, this.systemIndex)
      .then((layout) => {
        this.layout = layout;
        return layout;
      })
      .finally(() => {
        this.discovering = null;
      });
    return this.discovering;
  }

  async read(): Promise<GpuServerReading> {
    const layout = await this.describe();
    const needCap = layout.cap !== null && !layout.capInSource;
    const [system, power, capLimitW] = await Promise.all([
      this.http.get(layout.systemUri, systemSchema),
      this.readSource(layout.source),
      needCap ? this.readCap(layout.cap as CapPath) : Promise.resolve(null),
    ]);
    const limitW = needCap ? capLimitW : layout.cap === null ? null : (power.limitW ?? null);
    return toGpuServerReading(system, power.powerW, limitW);
  }

  async capabilities(): Promise<GpuServerCapabilities> {
    const { cap, reset } = await this.describe();
    const resetTypes = reset?.types ?? [];
    if (cap === null || (cap.kind === 'control' && cap.perUnitW === null)) {
      return { canCap: false, powerLimitRangeW: null, resetTypes };
    }
    const powerLimitRangeW =
      cap.kind === 'control' ? controlRangeW(cap.control, cap.perUnitW as number) : null;
    return { canCap: true, powerLimitRangeW, resetTypes };
  }

  async apply(command: GpuServerCommand): Promise<GpuServerCommand> {
    const layout = await this.describe();
    switch (command.kind) {
      case 'cap': {
        if (!Number.isFinite(command.powerW) || command.powerW <= 0) {
          throw new ValidationError([
            {
              field: 'command.powerW',
              problem: 'must be a finite number of watts above 0',
              value: command.powerW,
              fix: 'send a cap within capabilities().powerLimitRangeW, or uncap',
            },
          ]);
        }
        const limitW = await this.setCap(this.capPath(layout), command.powerW);
        if (limitW === null)
          throw new ProtocolError(this.device, 'cap', 'the BMC shows no cap after setting one', '');
        return { kind: 'cap', powerW: limitW };
      }
      case 'uncap':
        await this.setCap(this.capPath(layout), null);
        return { kind: 'uncap' };
      case 'reset': {
        const { reset } = layout;
        if (reset === null)
          throw new ProtocolError(this.device, 'reset', 'the system has no Reset action', '');
        if (!reset.types.includes(command.resetType)) {
          throw new ProtocolError(
            this.device,
            `reset ${command.resetType}`,
            `the system does not list ResetType "${command.resetType}" (it lists ${reset.types.join(', ') || 'none'})`,
            '',
          );
        }
        // 202 means a task runs it; the controller confirms by reading PowerState, not by polling the task.
        await this.http.post(reset.target, { ResetType: command.resetType });
        return { kind: 'reset', resetType: command.resetType };
      }
    }
  }

  async close(): Promise<void> {
    await this.http.close();
  }

  private capPath(layout: RedfishLayout): CapPath {
    const { cap } = layout;
    if (cap === null) throw new ProtocolError(this.device, 'cap', 'the service exposes no power cap', '');
    if (cap.kind === 'control' && cap.perUnitW === null) {
      throw new ProtocolError(
        this.device,
        'cap',
        `Control ${cap.uri} takes SetPoint in %, and the service states no maximum in watts to convert from`,
        '',
      );
    }
    return cap;
  }

  /** PATCH the cap (null = remove), re-read it, and return it in watts as the BMC now shows it. */
  private async setCap(cap: CapPath, powerW: number | null): Promise<number | null> {
    if (cap.kind === 'legacy-power') {
      await this.http.patch(cap.uri, legacyCapPatch(powerW === null ? null : Math.round(powerW)));
      return this.readCap(cap);
    }
    const perUnitW = cap.perUnitW as number;
    await this.http.patch(
      cap.uri,
      powerW === null ? CONTROL_UNCAP_PATCH : controlCapPatch(capSetPoint(powerW, cap.control, perUnitW)),
    );
    return this.readCap(cap);
  }

  private async readCap(cap: CapPath): Promise<number | null> {
    if (cap.kind === 'legacy-power') return legacyLimitW(await this.http.get(cap.uri, legacyPowerSchema));
    const control = await this.http.get(cap.uri, controlSchema);
    // The allowable range can move (a PSU lost, a firmware policy): clamp against the latest one.
    if (this.layout !== null) this.layout = { ...this.layout, cap: { ...cap, control } };
    return cap.perUnitW === null ? null : controlLimitW(control, cap.perUnitW);
  }

  private async readSource(source: PowerSource): Promise<PowerRead> {
    const ctx = (uri: string) => ({ device: this.device, command: `GET ${uri}` });
    switch (source.kind) {
      case 'environment-metrics': {
        const body = await this.http.get(source.uri, environmentMetricsSchema);
        return { powerW: environmentPowerW(body, ctx(source.uri)), limitW: environmentLimitW(body) };
      }
      case 'psu-metrics': {
        const bodies = await Promise.all(
          source.uris.map((uri) => this.http.get(uri, powerSupplyMetricsSchema)),
        );
        return { powerW: psuInputSumW(bodies, ctx(source.uris.join(', '))), limitW: undefined };
      }
      case 'sensor':
        return {
          powerW: sensorPowerW(await this.http.get(source.uri, sensorSchema), ctx(source.uri)),
          limitW: undefined,
        };
      case 'legacy-power': {
        const body = await this.http.get(source.uri, legacyPowerSchema);
        return { powerW: legacyPowerW(body, ctx(source.uri)), limitW: legacyLimitW(body) };
      }
    }
  }
}
