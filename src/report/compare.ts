import type { HalvingEstimate } from '../economics/bitcoin/halving.ts';
import { hashpriceUsdPerPhDay } from '../economics/bitcoin/hashprice.ts';
import { type Emissions, emissionsFromEnergy, kgCo2PerUsd } from '../economics/carbon/intensity.ts';
import { rentalSnapshots2024For } from '../economics/hardware/gpus.ts';
import {
  coefficientOfVariation,
  logReturnBeta,
  maxDrawdownOfRollingSum,
  percentile,
} from '../economics/metrics/stability.ts';
import { NotFoundError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { HOURS_PER_DAY, MS_PER_DAY, satsToBtc, thsToPhs } from '../units/index.ts';
import type { AiPerMW, AiPricing } from './ai.ts';
import type { ChosenIntensity } from './carbon.ts';
import { type Assumption, isoDay, type MarketDay, marketDay } from './market.ts';
import type { MiningPerMW } from './mining.ts';
import { type PowerPrice, type SiteDay, siteEconomicsOn } from './site-economics.ts';

export type { PowerPrice } from './site-economics.ts';

export interface Stability {
  /** Sample σ/μ of daily revenue per MW, or of the price samples named in `basis`. */
  readonly cv: number | undefined;
  readonly cvKind: 'sample';
  /** Days of revenue (mining) or price snapshots (AI) behind the CV. */
  readonly sampleCount: number;
  readonly p5RevenueUsdPerDay: number | undefined;
  /** Worst fall of the rolling 30-day revenue from its running peak, as a fraction of that peak. */
  readonly maxDrawdown30dFraction: number | undefined;
  readonly basis: string;
}

export interface SideCarbon {
  readonly averageTonnesPerDay: Emissions;
  readonly marginalTonnesPerDay: Emissions;
  readonly averageKgPerUsd: number | undefined;
  readonly marginalKgPerUsd: number | undefined;
}

export interface CompareReport {
  readonly date: string;
  readonly site: { readonly name: string; readonly perItMW: 1 };
  readonly market: MarketDay;
  readonly power: PowerPrice;
  readonly mining: MiningPerMW & {
    /** PH·h of hashing bought by one facility MWh: 1 / (J/TH × PUE) × 1000. */
    readonly phHoursPerFacilityMWh: number;
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
    readonly gpuHoursPerFacilityMWh: number;
    readonly stability: Stability;
    readonly carbon: SideCarbon;
  };
  readonly carbonIntensity: ChosenIntensity['intensity'];
  readonly halving: HalvingEstimate & { readonly daysToGo: number; readonly blockIntervalWindowDays: number };
  readonly notes: readonly Assumption[];
}

function sideCarbon(
  facilityMWhPerDay: number,
  revenueUsdPerDay: number,
  average: ChosenIntensity,
  marginalGPerKWh: number,
): SideCarbon {
  const averageTonnesPerDay = emissionsFromEnergy({
    energyMWh: facilityMWhPerDay,
    intensity: average.intensity,
  });
  const marginalTonnesPerDay = emissionsFromEnergy({
    energyMWh: facilityMWhPerDay,
    intensity: {
      gPerKWh: marginalGPerKWh,
      method: 'marginal',
      basis: 'site marginal unit (site.carbon.marginalGPerKWh)',
      source: 'site file; default 490 = gas CC, IPCC AR5 life-cycle median',
    },
  });
  return {
    averageTonnesPerDay,
    marginalTonnesPerDay,
    averageKgPerUsd: kgCo2PerUsd({ emissions: averageTonnesPerDay, revenueUsd: revenueUsdPerDay }),
    marginalKgPerUsd: kgCo2PerUsd({ emissions: marginalTonnesPerDay, revenueUsd: revenueUsdPerDay }),
  };
}

/** Daily mining revenue per MW over the trailing window; days without inputs are counted, not filled. */
function trailingMining(
  network: DailyNetwork,
  dayMs: number,
  windowDays: number,
  revenuePerHashprice: number,
) {
  const revenue: number[] = [];
  const prices: number[] = [];
  let carried = 0;
  let missing = 0;
  for (let d = windowDays - 1; d >= 0; d--) {
    try {
      const day = marketDay(network, dayMs - d * MS_PER_DAY);
      if (day.assumptions.length > 0) carried++;
      revenue.push(day.hashpriceUsdPerPhDay * revenuePerHashprice);
      prices.push(day.btcPriceUsd);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      missing++;
    }
  }
  return { revenue, prices, carried, missing };
}

/** Snapshots of the same date are one observation (the source has two commits with identical prices). */
function aiPriceStability(gpuId: string): Stability {
  const byDate = new Map(rentalSnapshots2024For(gpuId).map((s) => [s.snapshotDate, s.medianUsdPerGpuH]));
  const dates = [...byDate.keys()].sort();
  const medians = dates.map((date) => byDate.get(date)!);
  const span = dates.length > 0 ? `${dates[0]}..${dates.at(-1)}` : '';
  return {
    cv: medians.length >= 2 ? coefficientOfVariation(medians).value : undefined,
    cvKind: 'sample',
    sampleCount: medians.length,
    p5RevenueUsdPerDay: undefined,
    maxDrawdown30dFraction: undefined,
    basis:
      medians.length >= 2
        ? `no daily AI price history is shipped: CV of ${medians.length} list-price snapshot medians for ${gpuId}, ${span}, whatever the report date. A take-or-pay contract is flat by construction`
        : `no AI price history is shipped for ${gpuId}; a take-or-pay contract is flat by construction`,
  };
}

export function compareReport({
  network,
  dayMs,
  site,
  power,
  carbon,
  trailingDays = 365,
}: SiteDay & { readonly carbon: ChosenIntensity; readonly trailingDays?: number }): CompareReport {
  const {
    market,
    mining,
    ai,
    gpu,
    pricing,
    halving,
    notes: economicsNotes,
  } = siteEconomicsOn({ network, dayMs, site, power });
  const notes: Assumption[] = [...economicsNotes];
  if (carbon.assumption) notes.push(carbon.assumption);
  const revenuePerHashprice = mining.revenueUsdPerDay / market.hashpriceUsdPerPhDay;

  const trailing = trailingMining(network, dayMs, trailingDays, revenuePerHashprice);
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
    sampleCount: trailing.revenue.length,
    p5RevenueUsdPerDay: enough ? percentile(trailing.revenue, 0.05) : undefined,
    maxDrawdown30dFraction: enough ? maxDrawdownOfRollingSum(trailing.revenue, 30) : undefined,
    basis: `daily hashprice from shipped price, difficulty and fees over the ${trailing.revenue.length} days to ${isoDay(dayMs)}`,
  };

  const hashpriceAfter = hashpriceUsdPerPhDay({
    difficulty: market.difficulty,
    btcPriceUsd: market.btcPriceUsd,
    subsidyBtc: satsToBtc(halving.subsidyAfterSats),
    feesBtcPerBlock: market.feesBtcPerBlock,
  });
  const revenueAfter = hashpriceAfter * revenuePerHashprice;
  const hashingHoursPerDay = HOURS_PER_DAY * site.mining.uptimeFraction;

  return {
    date: isoDay(dayMs),
    site: { name: site.name, perItMW: 1 },
    market,
    power,
    mining: {
      ...mining,
      phHoursPerFacilityMWh:
        (thsToPhs(mining.hashrateThs) * hashingHoursPerDay) / mining.facilityEnergyMWhPerDay,
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
      gpuHoursPerFacilityMWh: ai.gpuHoursPerDay / ai.facilityEnergyMWhPerDay,
      stability: aiPriceStability(gpu.id),
      carbon: sideCarbon(
        ai.facilityEnergyMWhPerDay,
        ai.revenueUsdPerDay,
        carbon,
        site.carbon.marginalGPerKWh,
      ),
    },
    carbonIntensity: carbon.intensity,
    halving,
    notes,
  };
}
