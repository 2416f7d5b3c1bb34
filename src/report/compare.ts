/**
 * @module report/compare
 * The seed's mining-vs-AI table made quantitative for one date, per MW of IT capacity. Pure: the caller
 * loads history and resolves the power price; every borrowed or missing input comes back as a note.
 */
import type { Site } from '../config/site.ts';
import { estimateNextHalving, type HalvingEstimate } from '../economics/bitcoin/halving.ts';
import { hashpriceUsdPerPhDay } from '../economics/bitcoin/hashprice.ts';
import { type Emissions, emissionsFromEnergy, kgCo2PerUsd } from '../economics/carbon/intensity.ts';
import { findAsic } from '../economics/hardware/asics.ts';
import { findAiServer, findGpu, rentalSnapshots2024For } from '../economics/hardware/gpus.ts';
import {
  coefficientOfVariation,
  logReturnBeta,
  maxDrawdownOfRollingSum,
  percentile,
} from '../economics/metrics/stability.ts';
import { NotFoundError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { MS_PER_DAY, satsToBtc } from '../units/index.ts';
import { type AiPerMW, type AiPricing, aiPerItMW, resolveAiPricing } from './ai.ts';
import type { ChosenIntensity } from './carbon.ts';
import { type Assumption, isoDay, type MarketDay, marketDay, observedBlockIntervalS } from './market.ts';
import { type MiningPerMW, miningPerItMW } from './mining.ts';

export interface PowerPrice {
  readonly priceUsdPerMWh: number;
  readonly source: string;
}

export interface Stability {
  /** Sample σ/μ of daily revenue per MW over the window. */
  readonly cv: number | undefined;
  readonly cvKind: 'sample';
  readonly windowDays: number;
  readonly p5RevenueUsdPerDay: number | undefined;
  readonly maxDrawdown30d: number | undefined;
  readonly basis: string;
}

export interface SideCarbon {
  readonly averageTPerDay: Emissions;
  readonly marginalTPerDay: Emissions;
  readonly averageKgPerUsd: number | undefined;
}

export interface CompareReport {
  readonly date: string;
  readonly site: { readonly name: string; readonly perItMW: 1 };
  readonly market: MarketDay;
  readonly power: PowerPrice;
  readonly mining: MiningPerMW & {
    readonly revenueUsdPerFacilityMWh: number;
    readonly feeShareOfReward: number;
    readonly stability: Stability;
    readonly betaToBtcPrice: number | undefined;
    readonly usdPerOnePercentBtcMove: number;
    readonly carbon: SideCarbon;
    readonly afterHalving: {
      readonly hashpriceUsdPerPhDay: number;
      readonly revenueUsdPerDay: number;
      readonly marginUsdPerDay: number;
    };
  };
  readonly ai: AiPerMW & {
    readonly pricing: AiPricing;
    readonly revenueUsdPerFacilityMWh: number;
    readonly stability: Stability;
    readonly carbon: SideCarbon;
  };
  readonly halving: HalvingEstimate & { readonly daysToGo: number; readonly blockIntervalWindowDays: number };
  readonly notes: readonly Assumption[];
}

function sideCarbon(
  facilityMWhPerDay: number,
  revenueUsdPerDay: number,
  average: ChosenIntensity,
  marginalGPerKWh: number,
): SideCarbon {
  const averageTPerDay = emissionsFromEnergy({ energyMWh: facilityMWhPerDay, intensity: average.intensity });
  const marginalTPerDay = emissionsFromEnergy({
    energyMWh: facilityMWhPerDay,
    intensity: {
      gPerKWh: marginalGPerKWh,
      method: 'marginal',
      basis: 'site marginal unit (site.carbon.marginalGPerKWh)',
      source: 'site file; default 490 = gas CC, IPCC AR5 life-cycle median',
    },
  });
  return {
    averageTPerDay,
    marginalTPerDay,
    averageKgPerUsd: kgCo2PerUsd({ emissions: averageTPerDay, revenueUsd: revenueUsdPerDay }),
  };
}

/** Daily mining revenue per MW over the trailing window; days without inputs are counted, not filled. */
function trailingMining(
  network: DailyNetwork,
  dayMs: number,
  windowDays: number,
  revenuePerHashpriceUnit: number,
) {
  const revenue: number[] = [];
  const prices: number[] = [];
  let carried = 0;
  let missing = 0;
  for (let d = windowDays - 1; d >= 0; d--) {
    const atMs = dayMs - d * MS_PER_DAY;
    try {
      const day = marketDay(network, atMs);
      if (day.assumptions.length > 0) carried++;
      revenue.push(day.hashpriceUsdPerPhDay * revenuePerHashpriceUnit);
      prices.push(day.btcPriceUsd);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      missing++;
    }
  }
  return { revenue, prices, carried, missing };
}

export function compareReport({
  network,
  dayMs,
  site,
  power,
  carbon,
  trailingDays = 365,
  blockIntervalWindowDays = 14,
}: {
  network: DailyNetwork;
  dayMs: number;
  site: Site;
  power: PowerPrice;
  carbon: ChosenIntensity;
  trailingDays?: number;
  blockIntervalWindowDays?: number;
}): CompareReport {
  const market = marketDay(network, dayMs);
  const notes: Assumption[] = [...market.assumptions];
  if (carbon.assumption) notes.push(carbon.assumption);
  const fleet = site.mining.fleet.map((f) => ({ model: findAsic(f.model), share: f.share }));
  const miningTerms = site.mining;
  const mining = miningPerItMW({
    fleet,
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    priceUsdPerMWh: power.priceUsdPerMWh,
    terms: miningTerms,
  });
  const perHashpriceUnit = mining.revenueUsdPerDay / market.hashpriceUsdPerPhDay;

  const trailing = trailingMining(network, dayMs, trailingDays, perHashpriceUnit);
  if (trailing.carried > 0 || trailing.missing > 0) {
    notes.push({
      input: 'revenue stability window',
      assumed: `${trailing.carried} of ${trailingDays} days use a carried difficulty or zero fees; ${trailing.missing} days without a price are left out`,
    });
  }
  const enough = trailing.revenue.length >= 30;
  const miningStability: Stability = {
    cv: enough ? coefficientOfVariation(trailing.revenue).value : undefined,
    cvKind: 'sample',
    windowDays: trailing.revenue.length,
    p5RevenueUsdPerDay: enough ? percentile(trailing.revenue, 0.05) : undefined,
    maxDrawdown30d: enough ? maxDrawdownOfRollingSum(trailing.revenue, 30) : undefined,
    basis: `daily hashprice from shipped price, difficulty and fees over the ${trailing.revenue.length} days to ${isoDay(dayMs)}`,
  };

  const server = findAiServer(site.ai.server);
  const gpu = findGpu(server.gpuId);
  const year = new Date(dayMs).getUTCFullYear();
  const pricing = resolveAiPricing({ pricing: site.ai.pricing, gpu, year });
  notes.push(...pricing.assumptions);
  const ai = aiPerItMW({
    server,
    gpu,
    revenueUsdPerGpuHour: pricing.revenueUsdPerGpuHour,
    priceUsdPerMWh: power.priceUsdPerMWh,
    terms: site.ai,
  });
  const snapshotMedians = rentalSnapshots2024For(gpu.id).map((s) => s.medianUsdPerGpuH);
  const aiStability: Stability = {
    cv: snapshotMedians.length >= 2 ? coefficientOfVariation(snapshotMedians).value : undefined,
    cvKind: 'sample',
    windowDays: snapshotMedians.length,
    p5RevenueUsdPerDay: undefined,
    maxDrawdown30d: undefined,
    basis:
      snapshotMedians.length >= 2
        ? `no daily AI price history is shipped; CV of ${snapshotMedians.length} list-price snapshot medians for ${gpu.id} (2024-05-26..2024-07-10). A take-or-pay contract is flat by construction`
        : `no daily AI price history is shipped for ${gpu.id}; a take-or-pay contract is flat by construction`,
  };

  const tipHeight = market.heightAtEndOfDay;
  const intervalS = observedBlockIntervalS(network, dayMs, blockIntervalWindowDays);
  if (intervalS === undefined)
    notes.push({
      input: 'block interval',
      assumed: `block counts missing in the ${blockIntervalWindowDays} days to ${isoDay(dayMs)}; used 600 s`,
    });
  if (tipHeight === undefined) throw new NotFoundError(`no block height is derivable for ${isoDay(dayMs)}`);
  const halving = estimateNextHalving({
    tipHeight,
    tipAtMs: dayMs + MS_PER_DAY,
    blockIntervalS: intervalS ?? 600,
  });
  const hashpriceAfter = hashpriceUsdPerPhDay({
    difficulty: market.difficulty,
    btcPriceUsd: market.btcPriceUsd,
    subsidyBtc: satsToBtc(halving.subsidyAfterSats),
    feesBtcPerBlock: market.feesBtcPerBlock,
  });
  const revenueAfter = hashpriceAfter * perHashpriceUnit;

  return {
    date: isoDay(dayMs),
    site: { name: site.name, perItMW: 1 },
    market,
    power,
    mining: {
      ...mining,
      revenueUsdPerFacilityMWh: mining.revenueUsdPerDay / mining.facilityEnergyMWhPerDay,
      feeShareOfReward: market.feesBtcPerBlock / (market.feesBtcPerBlock + market.subsidyBtc),
      stability: miningStability,
      betaToBtcPrice: enough ? logReturnBeta(trailing.revenue, trailing.prices) : undefined,
      usdPerOnePercentBtcMove: mining.revenueUsdPerDay * 0.01,
      carbon: sideCarbon(
        mining.facilityEnergyMWhPerDay,
        mining.revenueUsdPerDay,
        carbon,
        site.carbon.marginalGPerKWh,
      ),
      afterHalving: {
        hashpriceUsdPerPhDay: hashpriceAfter,
        revenueUsdPerDay: revenueAfter,
        marginUsdPerDay: revenueAfter - mining.energyCostUsdPerDay,
      },
    },
    ai: {
      ...ai,
      pricing,
      revenueUsdPerFacilityMWh: ai.revenueUsdPerDay / ai.facilityEnergyMWhPerDay,
      stability: aiStability,
      carbon: sideCarbon(
        ai.facilityEnergyMWhPerDay,
        ai.revenueUsdPerDay,
        carbon,
        site.carbon.marginalGPerKWh,
      ),
    },
    halving: {
      ...halving,
      daysToGo: (halving.etaMs - (dayMs + MS_PER_DAY)) / MS_PER_DAY,
      blockIntervalWindowDays,
    },
    notes,
  };
}
