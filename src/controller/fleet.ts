/**
 * @module controller/fleet
 * The controller's live knowledge of each machine: its driver, capabilities, last reading, per-device back-off
 * (OpenEMS DefectiveComponents: +step per failure up to a cap) and the command in flight. The read phase polls
 * every machine with bounded concurrency; `snapshot` freezes it into the process image one decision reads.
 */
import pLimit from 'p-limit';
import type { MinerConfig } from '../config/controller.ts';
import type { MachineDriver, MinerCapabilities, MinerCommand } from '../drivers/natures.ts';
import type { TimedReading } from './policy/confirm.ts';
import type { MachineView, SiteSnapshot, Workload } from './policy/types.ts';

/** What the controller knows of a machine before it reads it: identity, protocol, nameplate. */
export interface MachineSpec {
  readonly id: string;
  readonly kind: 'miner' | 'gpu-server';
  /** The protocol the driver speaks (`luxos`, `braiins`, `cgminer`, `redfish`). */
  readonly firmware: string;
  readonly host: string;
  readonly port: number;
  readonly ratedPowerW: number;
  /** Draw once asleep or drained, W. */
  readonly sleepW: number;
}

/** A sleeping miner keeps its control board and fans at idle: ~15–30 W (PROTOCOLS.md §2). */
const MINER_SLEEP_W = 20;

export const minerSpec = (m: MinerConfig): MachineSpec => ({
  id: m.id,
  kind: 'miner',
  firmware: m.firmware,
  host: m.host,
  port: m.port,
  ratedPowerW: m.ratedPowerW,
  sleepW: MINER_SLEEP_W,
});

export const workloadOf = (spec: MachineSpec): Workload => (spec.kind === 'miner' ? 'mining' : 'ai');

/** Revenue each lever of a machine gives up per MWh shed, USD/MWh, from this cycle's economics. */
export type LeverCosts = (machine: MachineRuntime) => MachineView['leverCostUsdPerMWh'];

export interface InFlight {
  readonly intentId: string;
  readonly command: MinerCommand;
  readonly sentAtMs: number;
  readonly deadlineMs: number;
  /** False for a safety shed sent while neither store nor journal took writes: there is no row to update. */
  readonly recorded: boolean;
}

export interface MachineRuntime {
  readonly config: MachineSpec;
  readonly driver: MachineDriver;
  capabilities: MinerCapabilities | null;
  latest: TimedReading | undefined;
  /** Consecutive failed reads and failed writes, counted apart: a miner that reads fine but refuses writes
   * (a LuxOS session held by another tool) must still back off and be reported. */
  failures: number;
  writeFailures: number;
  backoffUntilMs: number;
  lastError: string | null;
  inFlight: InFlight | null;
  /** A command the machine acknowledged and never applied: it stays `unknown` until a read shows the command. */
  unconfirmed: MinerCommand | null;
  unconfirmedAtMs: number;
  lastChangeAtMs: number | null;
  /** When the last command of any kind was taken (the meter's first suspects when it disagrees). */
  lastCommandAtMs: number | null;
  /** Whether an alert is already out for this machine being unknown (one alert per episode). */
  alerted: boolean;
}

export function newRuntime(config: MachineSpec, driver: MachineDriver): MachineRuntime {
  return {
    config,
    driver,
    capabilities: null,
    latest: undefined,
    failures: 0,
    writeFailures: 0,
    backoffUntilMs: 0,
    lastError: null,
    inFlight: null,
    unconfirmed: null,
    unconfirmedAtMs: 0,
    lastChangeAtMs: null,
    lastCommandAtMs: null,
    alerted: false,
  };
}

export interface ReadOptions {
  readonly concurrency: number;
  readonly backoffStepMs: number;
  readonly backoffMaxMs: number;
  readonly nowMs: () => number;
}

/** Backs the machine off by one step per consecutive failure of this kind, up to the cap (OpenEMS). */
export function noteFailure(
  machine: MachineRuntime,
  error: unknown,
  options: ReadOptions,
  kind: 'read' | 'write' = 'read',
): void {
  const count = kind === 'read' ? ++machine.failures : ++machine.writeFailures;
  machine.lastError = error instanceof Error ? error.message : String(error);
  machine.backoffUntilMs = options.nowMs() + Math.min(options.backoffStepMs * count, options.backoffMaxMs);
}

/** Polls every machine not in back-off; never throws (a failed read is a value: back-off, then `unknown`). */
export async function readAll(machines: readonly MachineRuntime[], options: ReadOptions): Promise<number> {
  const limit = pLimit(options.concurrency);
  const startedMs = options.nowMs();
  let polled = 0;
  await Promise.all(
    machines.map((m) =>
      m.backoffUntilMs > startedMs
        ? undefined
        : limit(async () => {
            polled++;
            try {
              m.capabilities ??= await m.driver.capabilities();
              const reading = await m.driver.read();
              m.latest = { atMs: options.nowMs(), reading };
              m.failures = 0;
              m.lastError = null;
            } catch (error) {
              noteFailure(m, error, options);
            }
          }),
    ),
  );
  return polled;
}

export function stateOf(m: MachineRuntime, atMs: number, maxAgeMs: number): MachineView['state'] {
  if (m.unconfirmed !== null || m.latest === undefined || atMs - m.latest.atMs > maxAgeMs) return 'unknown';
  return m.latest.reading.state;
}

export function snapshot(
  cycleId: number,
  atMs: number,
  machines: readonly MachineRuntime[],
  maxAgeMs: number,
  leverCosts: LeverCosts,
): SiteSnapshot {
  return {
    cycleId,
    atMs,
    machines: machines.map((m) => {
      const caps = m.capabilities;
      const reading = m.latest?.reading;
      return {
        machineId: m.config.id,
        workload: workloadOf(m.config),
        state: stateOf(m, atMs, maxAgeMs),
        powerW: reading?.powerW ?? null,
        powerTargetW: reading?.powerTargetW ?? null,
        ratedPowerW: m.config.ratedPowerW,
        minPowerW: caps?.canSetPowerTarget
          ? (caps.powerRangeW?.minW ?? m.config.ratedPowerW)
          : m.config.ratedPowerW,
        sleepW: m.config.sleepW,
        leverCostUsdPerMWh: leverCosts(m),
        canSleep: caps?.canSleep ?? false,
        canSetPowerTarget: caps?.canSetPowerTarget ?? false,
        powerStepsW: caps?.powerStepsW ?? null,
        inFlight: m.inFlight?.command ?? null,
        lastChangeAtMs: m.lastChangeAtMs,
        backedOff: m.backoffUntilMs > atMs,
      };
    }),
  };
}
