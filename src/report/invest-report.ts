/**
 * @module report/invest-report
 * Resolves a site's investment case against the shipped history of one date, runs the cash-flow model
 * and the sensitivity table, and lists every default and simplification it used.
 */
import type { Site } from '../config/site.ts';
import { ConfigError } from '../errors.ts';
import { DAYS_PER_YEAR_ACTUAL_365, SECONDS_PER_DAY } from '../units/index.ts';
import { catalogGpuPriceUsd } from './ai.ts';
import { type InvestDrivers, type InvestResult, investCashflows } from './invest.ts';
import { investSensitivity, type SensitivityRow } from './invest-sensitivity.ts';
import { type Assumption, isoDay, trailingLogGrowthPerYear, trailingMeanFeesBtcPerBlock } from './market.ts';
import { type SiteDay, siteEconomicsOn } from './site-economics.ts';

/** Fees are spiky (Runes, inscriptions), so the projection uses a year's mean, never one day's. */
const FEE_WINDOW_DAYS = 365;

export interface InvestReport {
  readonly date: string;
  readonly site: string;
  readonly drivers: InvestDrivers;
  /** Facility draw of the whole site before and after converting (each hall through its own PUE). */
  readonly facilityMW: { readonly before: number; readonly after: number };
  readonly result: InvestResult;
  readonly sensitivity: readonly SensitivityRow[];
  readonly notes: readonly Assumption[];
}

function requireInvest(site: Site): NonNullable<Site['invest']> {
  const invest = site.invest;
  if (invest === undefined) {
    throw new ConfigError([
      {
        field: 'invest',
        problem: 'is missing',
        fix: 'add invest: { convertItMW: 10 } (see examples/site.yaml)',
      },
    ]);
  }
  if (invest.convertItMW > site.itPowerMW) {
    throw new ConfigError([
      {
        field: 'invest.convertItMW',
        problem: `must not exceed the site's itPowerMW (${site.itPowerMW} MW)`,
        value: invest.convertItMW,
        fix: 'convert at most the IT capacity the site has, or raise itPowerMW',
      },
    ]);
  }
  return invest;
}

export function investReport({ network, dayMs, site, power }: SiteDay): InvestReport {
  const invest = requireInvest(site);
  const economics = siteEconomicsOn({ network, dayMs, site, power });
  const notes: Assumption[] = [...economics.notes];
  const gpuPriceUsd = invest.gpuPriceUsd ?? catalogGpuPriceUsd(economics.gpu);
  if (gpuPriceUsd === undefined) {
    throw new ConfigError([
      {
        field: 'invest.gpuPriceUsd',
        problem: `is needed: the catalog has no purchase price for ${economics.gpu.id}`,
        fix: 'set the price per GPU in USD',
      },
    ]);
  }
  if (invest.gpuPriceUsd === undefined) {
    notes.push({
      input: 'GPU price',
      assumed: `catalog ${economics.gpu.id} price $${gpuPriceUsd.toLocaleString('en-US')} (${economics.gpu.purchasePrice?.source ?? ''})`,
    });
  }
  const trailingFees = trailingMeanFeesBtcPerBlock(network, dayMs, FEE_WINDOW_DAYS);
  const feesBtcPerBlock = invest.feesBtcPerBlock ?? trailingFees?.feesBtcPerBlock ?? 0;
  if (invest.feesBtcPerBlock === undefined) {
    notes.push({
      input: 'fees',
      assumed: trailingFees
        ? `${feesBtcPerBlock.toFixed(4)} BTC/block held flat: the mean of the ${trailingFees.days} shipped days to ${isoDay(dayMs)}; set invest.feesBtcPerBlock to override`
        : 'no fee history before this date; fees taken as 0 BTC/block',
    });
  }
  if (invest.difficultyGrowthPerYear === undefined) {
    const fitted = trailingLogGrowthPerYear(network, 'difficulty', dayMs, 365);
    const n = invest.network;
    notes.push({
      input: 'difficulty',
      assumed: `follows the network equilibrium: hashrate closes ${n.adjustmentPerYear}/yr of its gap to where a ${n.marginalFleetJPerTh} J/TH machine (improving ${(n.efficiencyTrendPerYear * 100).toFixed(1)} %/yr) at PUE ${n.marginalPue} and $${n.marginalPowerPriceUsdPerMWh}/MWh breaks even${fitted ? `; for reference the trailing year grew ${(fitted.growthPerYear * 100).toFixed(1)} %/yr (log)` : ''}; set invest.difficultyGrowthPerYear for a constant growth instead`,
    });
  }
  const blocksPerYear = (DAYS_PER_YEAR_ACTUAL_365 * SECONDS_PER_DAY) / economics.blockIntervalS;
  notes.push(
    {
      input: 'block time',
      assumed: `${economics.blockIntervalS.toFixed(1)} s, the mean of the trailing ${economics.halving.blockIntervalWindowDays} days (as in compare); halvings switch at their heights`,
    },
    {
      input: 'accounting',
      assumed: `${invest.taxRate === 0 ? 'pre-tax (invest.taxRate: 0), so depreciation shields nothing' : `tax ${(invest.taxRate * 100).toFixed(0)} % on operating cash less depreciation, no loss carry-forward`}; depreciation starts with a full year in the year the hall enters service; the hall is worth its book value and the GPUs ${(invest.gpuResidualFraction * 100).toFixed(0)} % of cost at the horizon, both untaxed`,
    },
  );
  const drivers: InvestDrivers = {
    invest,
    market: economics.market,
    feesBtcPerBlock,
    tipHeight: economics.tipHeight,
    blocksPerYear,
    powerPriceUsdPerMWh: power.priceUsdPerMWh,
    mining: economics.mining,
    ai: {
      gpusPerItMW: economics.ai.gpus,
      facilityEnergyMWhPerDay: economics.ai.facilityEnergyMWhPerDay,
      pue: site.ai.pue,
      utilization: site.ai.pricing.utilization,
      priceUsdPerGpuHourAtStart: economics.pricing.revenueUsdPerGpuHour / site.ai.pricing.utilization,
      gpuPriceUsd,
    },
  };
  const facilityBeforeMW = site.itPowerMW * site.mining.pue;
  return {
    date: isoDay(dayMs),
    site: site.name,
    drivers,
    facilityMW: {
      before: facilityBeforeMW,
      after: facilityBeforeMW + invest.convertItMW * (site.ai.pue - site.mining.pue),
    },
    result: investCashflows(drivers),
    sensitivity: investSensitivity(drivers),
    notes,
  };
}
