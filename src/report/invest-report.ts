/**
 * @module report/invest-report
 * Resolves a site's investment case against the shipped history of one date, runs the cash-flow model
 * and the sensitivity table, and lists every default it had to assume.
 */
import type { Site } from '../config/site.ts';
import { findAsic } from '../economics/hardware/asics.ts';
import { findAiServer, findGpu } from '../economics/hardware/gpus.ts';
import { NotFoundError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { aiPerItMW, catalogGpuPriceUsd, resolveAiPricing } from './ai.ts';
import type { PowerPrice } from './compare.ts';
import {
  type InvestDrivers,
  type InvestResult,
  investCashflows,
  investSensitivity,
  type SensitivityRow,
} from './invest.ts';
import { type Assumption, isoDay, marketDay, trailingLogGrowthPerYear } from './market.ts';
import { miningPerItMW } from './mining.ts';

/** Retargets hold blocks near 600 s over years, so long projections use the protocol target, not a recent mean. */
const BLOCKS_PER_YEAR = (365.25 * 86_400) / 600;

export interface InvestReport {
  readonly date: string;
  readonly site: string;
  readonly drivers: InvestDrivers;
  readonly result: InvestResult;
  readonly sensitivity: readonly SensitivityRow[];
  readonly notes: readonly Assumption[];
}

export function investReport({
  network,
  dayMs,
  site,
  power,
}: {
  network: DailyNetwork;
  dayMs: number;
  site: Site;
  power: PowerPrice;
}): InvestReport {
  const invest = site.invest;
  if (invest === undefined) {
    throw new NotFoundError(
      'the site file has no invest section; add invest: { convertItMW: 10 } (see examples/site.yaml)',
    );
  }
  const market = marketDay(network, dayMs);
  const notes: Assumption[] = [...market.assumptions];
  const fleet = site.mining.fleet.map((f) => ({ model: findAsic(f.model), share: f.share }));
  const mining = miningPerItMW({
    fleet,
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    priceUsdPerMWh: power.priceUsdPerMWh,
    terms: site.mining,
  });
  const server = findAiServer(site.ai.server);
  const gpu = findGpu(server.gpuId);
  const pricing = resolveAiPricing({ pricing: site.ai.pricing, gpu, year: new Date(dayMs).getUTCFullYear() });
  notes.push(...pricing.assumptions);
  const ai = aiPerItMW({
    server,
    gpu,
    revenueUsdPerGpuHour: pricing.revenueUsdPerGpuHour,
    priceUsdPerMWh: power.priceUsdPerMWh,
    terms: site.ai,
  });
  const catalogGpuPrice = catalogGpuPriceUsd(gpu);
  const gpuPriceUsd = invest.gpuPriceUsd ?? catalogGpuPrice;
  if (gpuPriceUsd === undefined)
    throw new NotFoundError(`the catalog has no purchase price for ${gpu.id}; set invest.gpuPriceUsd`);
  if (invest.gpuPriceUsd === undefined)
    notes.push({
      input: 'GPU price',
      assumed: `catalog ${gpu.id} price $${gpuPriceUsd.toLocaleString('en-US')} (${gpu.purchasePrice?.source ?? ''})`,
    });
  let difficultyGrowthPerYear = invest.difficultyGrowthPerYear;
  if (difficultyGrowthPerYear === undefined) {
    const fitted = trailingLogGrowthPerYear(network, 'difficulty', dayMs, 365);
    if (fitted === undefined)
      throw new NotFoundError(
        `no year of shipped difficulty before ${isoDay(dayMs)}; set invest.difficultyGrowthPerYear`,
      );
    difficultyGrowthPerYear = fitted.growthPerYear;
    notes.push({
      input: 'difficulty growth',
      assumed: `${(fitted.growthPerYear * 100).toFixed(1)} %/yr (log), fitted on shipped difficulty ${isoDay(fitted.fromDayMs)} → ${isoDay(fitted.toDayMs)}; set invest.difficultyGrowthPerYear to override`,
    });
  }
  if (market.heightAtEndOfDay === undefined)
    throw new NotFoundError(`no block height is derivable for ${isoDay(dayMs)}`);
  const drivers: InvestDrivers = {
    invest,
    market,
    tipHeight: market.heightAtEndOfDay,
    blocksPerYear: BLOCKS_PER_YEAR,
    difficultyGrowthPerYear,
    powerPriceUsdPerMWh: power.priceUsdPerMWh,
    mining,
    ai: {
      gpusPerItMW: ai.gpus,
      facilityEnergyMWhPerDay: ai.facilityEnergyMWhPerDay,
      pue: site.ai.pue,
      utilization: site.ai.pricing.utilization,
      priceUsdPerGpuHourAtStart: pricing.revenueUsdPerGpuHour / site.ai.pricing.utilization,
      gpuPriceUsd,
    },
  };
  notes.push({
    input: 'block time',
    assumed: 'projected at the 600 s protocol target (52,596 blocks/yr); halvings switch at their heights',
  });
  if (invest.taxRate === 0)
    notes.push({
      input: 'tax',
      assumed: 'pre-tax cash flows (invest.taxRate: 0); depreciation is shown but shields nothing',
    });
  return {
    date: isoDay(dayMs),
    site: site.name,
    drivers,
    result: investCashflows(drivers),
    sensitivity: investSensitivity(drivers),
    notes,
  };
}
