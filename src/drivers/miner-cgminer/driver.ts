/**
 * @module drivers/miner-cgminer/driver
 * Read-only telemetry for any cgminer-family firmware (cgminer, bmminer, and the 4028 face of LuxOS or BOSminer):
 * one `summary+stats+version` request per read. Stock cgminer has no sleep or power command (PROTOCOLS.md §1.5),
 * so writes are refused with `UNSUPPORTED`; power control needs a firmware driver (LuxOS, Braiins).
 */
import { ProtocolError, SwitchyardError } from '../../errors.ts';
import { CgminerClient } from '../cgminer/client.ts';
import { type CgminerReply, expectOk, isOk } from '../cgminer/protocol.ts';
import {
  modelName,
  statsIdealHashrateThs,
  statsMaxTemperatureC,
  statsPowerW,
  summaryHashrateThs,
  summaryUptimeS,
} from '../cgminer/telemetry.ts';
import type {
  MinerCapabilities,
  MinerCommand,
  MinerDriver,
  MinerEndpoint,
  MinerReading,
} from '../natures.ts';

export interface CgminerDriverOptions {
  /** Nameplate draw, W: the basis of the power estimate for firmware that reports no power (see `estimatePowerW`). */
  readonly ratedPowerW?: number;
}

/** What a read gathers; `stats` and `version` may be missing when the firmware refused them one by one. */
export interface CgminerTelemetry {
  readonly summary: CgminerReply;
  readonly stats?: CgminerReply;
  readonly version?: CgminerReply;
}

const READ_COMMANDS = ['summary', 'stats', 'version'] as const;

const READ_ONLY: MinerCapabilities = {
  canSleep: false,
  canSetPowerTarget: false,
  powerRangeW: null,
  powerStepsW: null,
};

/**
 * Stock cgminer/bmminer has no power reading; newer bmminer builds add `total_power`/`chain_power{n}`. Without
 * them the draw is estimated as rated power × hashrate / ideal hashrate: the chips run at a fixed frequency, so
 * draw follows the share of chips hashing. With no rating configured, 0 W — the controller must not count a
 * stock miner's draw it was never told (configure `ratedPowerW`).
 */
function estimatePowerW(
  hashrateThs: number,
  summary: CgminerReply,
  stats: CgminerReply | undefined,
  ratedPowerW: number | undefined,
): number {
  const reportedW = stats === undefined ? undefined : statsPowerW(stats);
  if (reportedW !== undefined) return reportedW;
  if (ratedPowerW === undefined || hashrateThs <= 0) return 0;
  const idealThs = stats === undefined ? undefined : statsIdealHashrateThs(stats);
  const estimateW =
    idealThs === undefined || idealThs <= 0 ? ratedPowerW : ratedPowerW * (hashrateThs / idealThs);
  // Two finite fields can still make an infinite ratio; a reading must never carry one.
  if (!Number.isFinite(estimateW)) {
    throw new ProtocolError(
      summary.device,
      summary.command,
      'hashrate against total_rateideal is implausible',
      summary.raw,
    );
  }
  return estimateW;
}

/** Pure mapping of the replies to a reading (exported for the fuzz tests): throws only `ProtocolError`. */
export function cgminerReading(
  telemetry: CgminerTelemetry,
  options: CgminerDriverOptions = {},
): MinerReading {
  const { summary, stats, version } = telemetry;
  const hashrateThs = summaryHashrateThs(expectOk(summary));
  return {
    // Stock cgminer cannot sleep: a miner that is not hashing is simply off.
    state: hashrateThs > 0 ? 'running' : 'off',
    powerW: estimatePowerW(hashrateThs, summary, stats, options.ratedPowerW),
    hashrateThs,
    powerTargetW: null,
    temperatureC: stats === undefined ? null : statsMaxTemperatureC(stats),
    uptimeS: summaryUptimeS(summary),
    model: modelName(version, stats),
  };
}

export class CgminerDriver implements MinerDriver {
  readonly firmware = 'cgminer' as const;
  private readonly client: CgminerClient;
  private readonly options: CgminerDriverOptions;

  constructor(endpoint: MinerEndpoint, options: CgminerDriverOptions = {}) {
    this.client = new CgminerClient(endpoint, 'cgminer');
    this.options = options;
  }

  async read(): Promise<MinerReading> {
    return cgminerReading(await this.fetch(), this.options);
  }

  async capabilities(): Promise<MinerCapabilities> {
    return READ_ONLY;
  }

  async apply(command: MinerCommand): Promise<MinerCommand> {
    throw new SwitchyardError(
      'UNSUPPORTED',
      `${this.client.device}: stock cgminer has no ${command.kind} command (PROTOCOLS.md §1.5); use a LuxOS or Braiins driver`,
    );
  }

  async close(): Promise<void> {}

  /**
   * Some stock S19 builds refuse `+` (§1.2): like pyasic, any protocol failure of the joined request falls back to
   * one request per command, keeping what answers. A timeout does not: a silent miner would only time out thrice.
   */
  private async fetch(): Promise<CgminerTelemetry> {
    try {
      const parts = await this.client.requestJoined(READ_COMMANDS);
      const summary = parts.get('summary')!;
      const stats = parts.get('stats')!;
      const version = parts.get('version')!;
      if ([summary, stats, version].every(isOk)) return { summary, stats, version };
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
    }
    const single = async (command: string) => expectOk(await this.client.request(command));
    const [summary, stats, version] = await Promise.allSettled([
      single('summary'),
      single('stats'),
      single('version'),
    ]);
    if (summary.status === 'rejected') throw summary.reason;
    return {
      summary: summary.value,
      ...(stats.status === 'fulfilled' ? { stats: stats.value } : {}),
      ...(version.status === 'fulfilled' ? { version: version.value } : {}),
    };
  }
}
