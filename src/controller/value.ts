/**
 * @module controller/value
 * Each machine's lever costs for this cycle (see `policy/levers`), from the live hashprice and the site's AI
 * economics: a miner's sleep gives up its hashprice revenue per MWh at its own efficiency (inefficient machines
 * shed first); a GPU server's cap and drain are priced by `gpuLeverCostsUsdPerMWh`.
 */
import type { ControllerConfig, GpuServerConfig } from '../config/controller.ts';
import type { MinerReading } from '../drivers/natures.ts';
import { gpuLeverCostsUsdPerMWh } from '../economics/ai/levers.ts';
import { breakEvenPowerPriceUsdPerMWh } from '../economics/bitcoin/hashprice.ts';
import type { LeverCosts, MachineRuntime } from './fleet.ts';

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
