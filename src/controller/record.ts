/**
 * @module controller/record
 * The record phase: telemetry (one batched statement), the decision with its binding policy and machine counts,
 * the revenue accrued since the last cycle (mining MWh measured × the interval's mining rate and price), and the
 * retention prune. Every write goes through the durable log, so a lost store degrades, never throws.
 */
import type { ControllerConfig } from '../config/controller.ts';
import type { MachineState } from '../store/types.ts';
import { energyMWhFromPowerW, MS_PER_DAY } from '../units/index.ts';
import type { DurableLog } from './durable.ts';
import type { MachineRuntime } from './fleet.ts';
import type { PlanTarget } from './plan/source.ts';
import type { Decision } from './policy/types.ts';

export interface CycleRecord {
  readonly config: ControllerConfig;
  readonly machines: readonly MachineRuntime[];
  readonly durable: DurableLog;
  readonly cycleId: number;
  readonly atMs: number;
  /** The previous cycle's tick; null on the first cycle (nothing accrued yet). */
  readonly previousAtMs: number | null;
  readonly decision: Decision;
  readonly counts: Readonly<Record<MachineState, number>>;
  readonly measuredMiningW: number;
  readonly target: PlanTarget | undefined;
  /** Read to write, ms (the record phase itself is not in it). */
  readonly cycleMs: number;
  readonly pruneDue: boolean;
}

export async function recordCycle(r: CycleRecord): Promise<void> {
  const { config, durable, atMs } = r;
  const siteId = config.siteId;
  if (r.cycleId % config.store.telemetryEveryCycles === 0) {
    const maxAgeMs = config.cycle.maxAgeS * 1000;
    const rows = r.machines.flatMap((m) => {
      const latest = m.latest;
      if (latest === undefined || atMs - latest.atMs > maxAgeMs) return [];
      const reading = latest.reading;
      return [
        {
          siteId,
          machineId: m.config.id,
          atMs: latest.atMs,
          state: m.unconfirmed === null ? reading.state : ('unknown' as const),
          powerW: reading.powerW,
          hashrateThs: reading.hashrateThs,
          temperatureC: reading.temperatureC,
        },
      ];
    });
    await durable.attempt('telemetry', (s) => s.writeTelemetry(rows));
  }
  await durable.attempt('decision', (s) =>
    s.recordDecision({
      siteId,
      cycleId: r.cycleId,
      atMs,
      miningTargetW: r.decision.miningTargetW,
      miningMeasuredW: r.measuredMiningW,
      bindingPolicy: r.decision.bindingPolicy,
      commandCount: r.decision.commands.length,
      details: {
        counts: r.counts,
        machines: r.machines.length,
        notes: r.decision.notes,
        expectedMiningW: r.decision.expectedMiningW,
      },
      cycleMs: r.cycleMs,
    }),
  );
  const { target } = r;
  if (
    r.previousAtMs !== null &&
    target?.priceUsdPerMWh !== undefined &&
    target.miningUsdPerMWh !== undefined
  ) {
    // Energy drawn over wall-clock time, priced at the interval being replayed (at 1× replay, the live price).
    const durationS = (atMs - r.previousAtMs) / 1000;
    const miningEnergyMWh = energyMWhFromPowerW(r.measuredMiningW, durationS / 3600);
    const { miningUsdPerMWh, priceUsdPerMWh } = target;
    await durable.attempt('revenue', (s) =>
      s.recordRevenueAccrual([
        {
          siteId,
          atMs,
          durationS,
          miningEnergyMWh,
          miningRevenueUsd: miningEnergyMWh * miningUsdPerMWh,
          energyCostUsd: miningEnergyMWh * config.grid.miningPue * priceUsdPerMWh,
        },
      ]),
    );
  }
  if (r.pruneDue) {
    const beforeMs = atMs - config.store.telemetryRetentionDays * MS_PER_DAY;
    await durable.attempt('retention', (s) => s.pruneTelemetry(siteId, beforeMs));
  }
}
