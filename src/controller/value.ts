/**
 * @module controller/value
 * Each machine's lever costs for this cycle (see `policy/levers`), from the live hashprice and the site's AI
 * economics: a miner's sleep gives up its hashprice revenue per MWh at its own efficiency (inefficient machines
 * shed first); a GPU server's cap and drain are priced by `gpuLeverCostsUsdPerMWh`.
 */
import type { ControllerConfig, GpuServerConfig } from '../config/controller.ts';
import type { MinerReading } from '../drivers/natures.ts';
import { gpuLeverCostsUsdPerMWh, gpuThroughputShare } from '../economics/ai/levers.ts';
import { breakEvenPowerPriceUsdPerMWh } from '../economics/bitcoin/hashprice.ts';
import type { LeverCosts, MachineRuntime } from './fleet.ts';
import { medianMinerValueUsdPerMWh } from './policy/target.ts';
import type { MachineView } from './policy/types.ts';

type Economics = ControllerConfig['economics'];

/** Revenue per IT MWh of a miner: hashprice at its measured J/TH while hashing, else the site default. */
export function minerValueUsdPerMWh(
  reading: MinerReading | undefined,
  hashpriceUsdPerPhDay: number,
  economics: Economics,
): number {
  const measured =
    reading !== undefined && reading.state === 'running' && reading.hashrateThs > 0 && reading.powerW > 0
      ? reading.powerW / reading.hashrateThs
      : null;
  return breakEvenPowerPriceUsdPerMWh({
    hashpriceUsdPerPhDay,
    efficiencyJPerTh: measured ?? economics.minerEfficiencyJPerTh,
    pue: 1,
    poolFeeFraction: economics.poolFeeFraction,
  });
}

/** A server that cannot be capped (floor null) keeps only its drain: its cap lever is priced out of reach. */
export function gpuLeverCosts(server: GpuServerConfig, floorW: number | null, economics: Economics) {
  const floorPowerW = Math.min(
    server.ratedPowerW,
    Math.max(floorW ?? server.ratedPowerW, server.idlePowerW + 1),
  );
  const costs = gpuLeverCostsUsdPerMWh({
    revenueUsdPerHour: server.gpus * (server.priceUsdPerGpuHour ?? economics.aiPriceUsdPerGpuHour),
    ratedPowerW: server.ratedPowerW,
    idlePowerW: server.idlePowerW,
    floorPowerW,
    throughputExponent: economics.capThroughputExponent,
    slaPenaltyUsdPerHour: economics.slaPenaltyUsdPerServerHour,
  });
  return { sleep: costs.sleepUsdPerMWh, trim: costs.trimUsdPerMWh };
}

/** The pricing of every machine for one cycle. */
export function leverCostsFor(config: ControllerConfig, hashpriceUsdPerPhDay: number): LeverCosts {
  const servers = new Map(config.gpuServers.map((g) => [g.id, g]));
  return (m: MachineRuntime) => {
    const server = servers.get(m.config.id);
    if (server === undefined) {
      const valueUsdPerMWh = minerValueUsdPerMWh(m.latest?.reading, hashpriceUsdPerPhDay, config.economics);
      return { sleep: valueUsdPerMWh, trim: valueUsdPerMWh };
    }
    return gpuLeverCosts(server, m.capabilities?.powerRangeW?.minW ?? null, config.economics);
  };
}

/**
 * What the site earns per hour now, USD: each hashing miner its draw × its value per MWh (hashprice at its own
 * J/TH, net of pool fee: the sleep lever's price), each running GPU server its GPUs × price × the throughput
 * its draw allows. Machines asleep, off or unknown earn nothing.
 */
export function revenueUsdPerHour(
  machines: readonly MachineView[],
  config: ControllerConfig,
): { readonly miningUsdPerHour: number; readonly aiUsdPerHour: number } {
  const servers = new Map(config.gpuServers.map((g) => [g.id, g]));
  let miningUsdPerHour = 0;
  let aiUsdPerHour = 0;
  for (const m of machines) {
    if (m.state !== 'running' || m.powerW === null) continue;
    const server = servers.get(m.machineId);
    if (server === undefined) {
      miningUsdPerHour += (m.powerW / 1e6) * m.leverCostUsdPerMWh.sleep;
      continue;
    }
    const share = gpuThroughputShare({
      powerW: m.powerW,
      ratedPowerW: server.ratedPowerW,
      idlePowerW: server.idlePowerW,
      throughputExponent: config.economics.capThroughputExponent,
    });
    aiUsdPerHour +=
      server.gpus * (server.priceUsdPerGpuHour ?? config.economics.aiPriceUsdPerGpuHour) * share;
  }
  return { miningUsdPerHour, aiUsdPerHour };
}

/** What a MWh earns now per workload, and the power price at which each stops paying. */
export interface EconomicsNow {
  /**
   * Revenue per IT MWh, USD, of the machines working now (a sleeping board or an idle drained server earns
   * nothing and is left out); with none working, what the fleet would earn per MWh.
   */
  readonly miningUsdPerMWh: number | null;
  readonly aiUsdPerMWh: number | null;
  /** The power price at which each workload earns just its energy, USD per MWh of import (value ÷ PUE). */
  readonly miningBreakEvenUsdPerMWh: number | null;
  readonly aiBreakEvenUsdPerMWh: number | null;
  readonly miningUsdPerHour: number;
  readonly aiUsdPerHour: number;
  /** What a GPU-hour of the site's AI work earns, USD (the servers' prices weighted by their GPUs). */
  readonly aiPriceUsdPerGpuHour: number | null;
}

export function economicsNow(machines: readonly MachineView[], config: ControllerConfig): EconomicsNow {
  const { miningUsdPerHour, aiUsdPerHour } = revenueUsdPerHour(machines, config);
  const workingW = { mining: 0, ai: 0 };
  for (const m of machines) if (m.state === 'running') workingW[m.workload] += m.powerW ?? 0;
  const miningUsdPerMWh =
    workingW.mining > 0 ? miningUsdPerHour / (workingW.mining / 1e6) : medianMinerValueUsdPerMWh(machines);
  const gpus = config.gpuServers.reduce((sum, g) => sum + g.gpus, 0);
  const ratedAiUsdPerHour = config.gpuServers.reduce(
    (sum, g) => sum + g.gpus * (g.priceUsdPerGpuHour ?? config.economics.aiPriceUsdPerGpuHour),
    0,
  );
  const ratedAiW = config.gpuServers.reduce((sum, g) => sum + g.ratedPowerW, 0);
  const aiUsdPerMWh =
    workingW.ai > 0
      ? aiUsdPerHour / (workingW.ai / 1e6)
      : ratedAiW > 0
        ? ratedAiUsdPerHour / (ratedAiW / 1e6)
        : null;
  const perImport = (valueUsdPerMWh: number | null, pue: number) =>
    valueUsdPerMWh === null ? null : valueUsdPerMWh / pue;
  return {
    miningUsdPerMWh,
    aiUsdPerMWh,
    miningBreakEvenUsdPerMWh: perImport(miningUsdPerMWh, config.grid.miningPue),
    aiBreakEvenUsdPerMWh: perImport(aiUsdPerMWh, config.grid.aiPue),
    miningUsdPerHour,
    aiUsdPerHour,
    aiPriceUsdPerGpuHour: gpus > 0 ? ratedAiUsdPerHour / gpus : null,
  };
}
