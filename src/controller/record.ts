/**
 * @module controller/record
 * The record phase: telemetry (one batched statement), the decision with its binding policy, machine counts and
 * the site's power split, what the site earned, paid and emitted since the last cycle (per workload), and the
 * retention prune. Every write goes through the durable log, so a lost store degrades, never throws.
 */
import type { ControllerConfig } from '../config/controller.ts';
import type { MachineState } from '../store/types.ts';
import { energyMWhFromPowerW, MS_PER_DAY } from '../units/index.ts';
import type { DurableLog } from './durable.ts';
import type { MachineRuntime } from './fleet.ts';
import type { PlanTarget } from './plan/source.ts';
import type { Decision } from './policy/types.ts';
import type { EconomicsNow } from './value.ts';

/** Average grid carbon intensity the site's import is counted at, with where the figure comes from. */
export interface CarbonIntensity {
  readonly gPerKWh: number;
  readonly basis: string;
}

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
  readonly notDrawnW: Readonly<Record<MachineState, number>>;
  readonly measuredMiningW: number;
  readonly measuredAiW: number;
  /** What the machines earn per hour at this cycle's readings (the report's economics). */
  readonly economics: EconomicsNow;
  readonly meteredImportW: number | undefined;
  readonly target: PlanTarget | undefined;
  readonly carbon: CarbonIntensity | undefined;
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
  const { decision, notDrawnW, target } = r;
  await durable.attempt('decision', (s) =>
    s.recordDecision({
      siteId,
      cycleId: r.cycleId,
      atMs,
      miningTargetW: decision.miningTargetW,
      miningMeasuredW: r.measuredMiningW,
      bindingPolicy: decision.bindingPolicy,
      commandCount: decision.commands.length,
      details: {
        counts: r.counts,
        machines: r.machines.length,
        notes: decision.notes,
        expectedMiningW: decision.expectedMiningW,
      },
      cycleMs: r.cycleMs,
      split: {
        aiMeasuredW: r.measuredAiW,
        curtailedW: notDrawnW.curtailed,
        idleW: notDrawnW.off,
        unknownW: notDrawnW.unknown,
        meteredImportW: r.meteredImportW ?? null,
        expectedImportW: decision.expectedImportW,
        limitW: decision.importLimitW,
        priceUsdPerMWh: target?.priceUsdPerMWh ?? null,
        historicalMs: target?.historicalMs ?? null,
      },
    }),
  );
  if (r.previousAtMs !== null) await recordAccrual(r, r.previousAtMs);
  if (r.pruneDue) {
    const beforeMs = atMs - config.store.telemetryRetentionDays * MS_PER_DAY;
    await durable.attempt('retention', (s) => s.pruneTelemetry(siteId, beforeMs));
  }
}

/**
 * The interval since the last cycle, at this cycle's readings: energy per workload and at the meter (the
 * machines × PUE + overhead without one), revenue at the value each machine earns now, energy cost per hall and for
 * the whole site at the plan interval's price, emissions at the average intensity — a cost without a price and
 * emissions without an intensity are left empty, never 0.
 * A replayed plan runs the site on its clock: at 360× a wall-clock second stands for six historical minutes of
 * energy, so a replayed day adds up to a day's money and MWh.
 */
async function recordAccrual(r: CycleRecord, previousAtMs: number): Promise<void> {
  const { config, atMs } = r;
  const { grid } = config;
  const pace = config.plan.kind === 'history' ? config.plan.speed : 1;
  const durationS = ((atMs - previousAtMs) / 1000) * pace;
  const hours = durationS / 3600;
  const miningEnergyMWh = energyMWhFromPowerW(r.measuredMiningW, hours);
  const aiEnergyMWh = energyMWhFromPowerW(r.measuredAiW, hours);
  const facilityW =
    r.meteredImportW ??
    r.measuredMiningW * grid.miningPue + r.measuredAiW * grid.aiPue + grid.overheadW + grid.otherLoadW;
  const facilityEnergyMWh = energyMWhFromPowerW(facilityW, hours);
  const { miningUsdPerHour, aiUsdPerHour } = r.economics;
  const priceUsdPerMWh = r.target?.priceUsdPerMWh ?? null;
  const costUsd = (energyMWh: number) => (priceUsdPerMWh === null ? null : energyMWh * priceUsdPerMWh);
  const row = {
    siteId: config.siteId,
    atMs,
    durationS,
    miningEnergyMWh,
    miningRevenueUsd: miningUsdPerHour * hours,
    energyCostUsd: costUsd(miningEnergyMWh * grid.miningPue),
    aiEnergyMWh,
    aiRevenueUsd: aiUsdPerHour * hours,
    aiEnergyCostUsd: costUsd(aiEnergyMWh * grid.aiPue),
    facilityEnergyMWh,
    facilityEnergyCostUsd: costUsd(facilityEnergyMWh),
    curtailedEnergyMWh: energyMWhFromPowerW(r.notDrawnW.curtailed, hours),
    priceUsdPerMWh,
    co2Kg: r.carbon === undefined ? null : facilityEnergyMWh * r.carbon.gPerKWh,
  };
  // A clock stepped back, or a reading that is not a number, makes no interval: the store would refuse it, and a
  // refusal must not pass for a lost store.
  const numbers = [
    durationS,
    miningEnergyMWh,
    aiEnergyMWh,
    facilityEnergyMWh,
    row.miningRevenueUsd,
    row.aiRevenueUsd,
  ];
  if (!(durationS > 0) || !numbers.every(Number.isFinite)) return;
  await r.durable.attempt('revenue', (s) => s.recordRevenueAccrual([row]));
}
