/**
 * @module report/invest
 * Convert X MW of mining IT capacity to AI, or stay? Month-by-month cash flows over the horizon for both
 * paths from the numbers of one date, summed into years for NPV, IRR and payback of the difference.
 */
import type { InvestCase } from '../config/site.ts';
import {
  constantGrowthDifficultyPath,
  equilibriumDifficultyPath,
} from '../economics/bitcoin/difficulty-path.ts';
import { hashcostUsdPerPhDay, hashpriceUsdPerPhDay } from '../economics/bitcoin/hashprice.ts';
import { blockSubsidySats } from '../economics/bitcoin/subsidy.ts';
import { straightLineDepreciationUsd } from '../economics/finance/depreciation.ts';
import { type IrrResult, irr } from '../economics/finance/irr.ts';
import { npv } from '../economics/finance/npv.ts';
import { type PaybackResult, paybackYears } from '../economics/finance/payback.ts';
import { decayToFloor } from '../economics/stochastic/calibration.ts';
import { HOURS_PER_DAY, satsToBtc } from '../units/index.ts';
import type { MarketDay } from './market.ts';
import type { MiningPerMW } from './mining.ts';

const DAYS_PER_MONTH = 365.25 / 12;

/** Everything the cash-flow model needs, resolved and numeric: the sensitivity table perturbs these. */
export interface InvestDrivers {
  readonly invest: InvestCase;
  readonly market: Pick<MarketDay, 'btcPriceUsd' | 'difficulty' | 'hashpriceUsdPerPhDay'>;
  /** Mean fees per block projected over the horizon (a trailing mean, or the site's figure). */
  readonly feesBtcPerBlock: number;
  readonly tipHeight: number;
  readonly blocksPerYear: number;
  readonly powerPriceUsdPerMWh: number;
  /** Mining per MW IT at the start; revenue scales with hashprice. */
  readonly mining: Pick<MiningPerMW, 'revenueUsdPerDay' | 'facilityEnergyMWhPerDay' | 'hashrateThs'>;
  readonly ai: {
    readonly gpusPerItMW: number;
    readonly facilityEnergyMWhPerDay: number;
    readonly pue: number;
    readonly utilization: number;
    readonly priceUsdPerGpuHourAtStart: number;
    readonly gpuPriceUsd: number;
  };
}

export interface PathFlows {
  /** Index 0 is the decision date (capex); index y is the sum over year y. */
  readonly annualUsd: readonly number[];
  readonly npvUsd: number;
}

export interface CapexUsd {
  readonly facility: number;
  readonly gpus: number;
  readonly network: number;
}

export interface InvestResult {
  readonly stay: PathFlows;
  readonly convert: PathFlows & {
    readonly capexUsd: CapexUsd;
    readonly depreciationUsd: readonly number[];
    /** What is left at the horizon: the hall at book value, the GPUs at their resale fraction. */
    readonly residualUsd: { readonly facility: number; readonly gpus: number };
  };
  readonly incremental: PathFlows & {
    readonly irr: IrrResult;
    readonly payback: PaybackResult;
    readonly discountedPayback: PaybackResult;
  };
  /** Values at the start of each year. */
  readonly difficultyPath: readonly number[];
  readonly hashpricePathUsdPerPhDay: readonly number[];
  readonly gpuRentalPathUsdPerGpuHour: readonly number[];
}

/** Hashprice at a difficulty, with the subsidy of the height the chain has reached by then. */
function hashpriceAt(d: InvestDrivers, tYears: number, difficulty: number): number {
  return hashpriceUsdPerPhDay({
    difficulty,
    btcPriceUsd: d.market.btcPriceUsd * Math.exp(d.invest.btcPriceGrowthPerYear * tYears),
    subsidyBtc: satsToBtc(blockSubsidySats(Math.floor(d.tipHeight + d.blocksPerYear * tYears))),
    feesBtcPerBlock: d.feesBtcPerBlock,
  });
}

/** A constant growth the site asked for, or the network equilibrium of ECONOMICS.md §6.2 by default. */
function difficultyPath(d: InvestDrivers, months: number): number[] {
  const { difficultyGrowthPerYear, network } = d.invest;
  if (difficultyGrowthPerYear !== undefined) {
    return constantGrowthDifficultyPath({
      startDifficulty: d.market.difficulty,
      months,
      growthPerYear: difficultyGrowthPerYear,
    });
  }
  return equilibriumDifficultyPath({
    startDifficulty: d.market.difficulty,
    months,
    hashpriceAtDifficultyOneUsdPerPhDay: (tYears) => hashpriceAt(d, tYears, 1),
    marginalHashcostUsdPerPhDay: (tYears) =>
      hashcostUsdPerPhDay({
        efficiencyJPerTh: network.marginalFleetJPerTh * Math.exp(network.efficiencyTrendPerYear * tYears),
        pue: network.marginalPue,
        priceUsdPerMWh: network.marginalPowerPriceUsdPerMWh,
      }),
    adjustmentPerYear: network.adjustmentPerYear,
  });
}

/** ECONOMICS.md §6.5; a start below the floor stays where it is. */
function gpuRentalAt(d: InvestDrivers, tYears: number): number {
  return decayToFloor({
    startUsd: d.ai.priceUsdPerGpuHourAtStart,
    floorUsd: Math.min(d.invest.gpuRentalFloorUsdPerGpuHour, d.ai.priceUsdPerGpuHourAtStart),
    lambdaPerYear: d.invest.gpuRentalDeclinePerYear,
    years: tYears,
  });
}

function capexOf(d: InvestDrivers): CapexUsd {
  const gpusUsd = d.ai.gpusPerItMW * d.invest.convertItMW * d.ai.gpuPriceUsd;
  return {
    facility: d.invest.aiFacilityCapexUsdPerMW * d.invest.convertItMW * d.ai.pue,
    gpus: gpusUsd,
    network: gpusUsd * d.invest.networkCapexFraction,
  };
}

/**
 * Book depreciation by year (straight line, no salvage), a full year from the year the AI hall goes into
 * service: the convert path's tax shield.
 */
function depreciationByYearUsd(invest: InvestCase, capex: CapexUsd): number[] {
  const inServiceYear = Math.floor(invest.leadTimeMonths / 12) + 1;
  const gpuYearly = straightLineDepreciationUsd({
    costUsd: capex.gpus + capex.network,
    salvageUsd: 0,
    lifePeriods: invest.gpuLifeYears,
  });
  const hallYearly = straightLineDepreciationUsd({
    costUsd: capex.facility,
    salvageUsd: 0,
    lifePeriods: invest.facilityLifeYears,
  });
  return Array.from({ length: invest.horizonYears + 1 }, (_, y) => {
    const age = y - inServiceYear;
    if (age < 0) return 0;
    return (age < invest.gpuLifeYears ? gpuYearly : 0) + (age < invest.facilityLifeYears ? hallYearly : 0);
  });
}

/** After-tax flows: tax on (operating cash − depreciation) when positive; no loss carry-forward. */
function afterTax(
  operatingUsd: readonly number[],
  depreciationUsd: readonly number[],
  taxRate: number,
): number[] {
  return operatingUsd.map((cash, y) => cash - Math.max(0, cash - (depreciationUsd[y] ?? 0)) * taxRate);
}

/**
 * Mining runs only while it covers its energy (a rational operator sleeps the fleet otherwise), so a month's
 * mining margin never goes below minus its fixed opex. Capex is paid at the decision date; mining goes on
 * during the build and the ASICs are sold at commissioning at a price that tracks hashprice. The stay path's
 * ASICs are sunk (fully depreciated); residual values are not taxed.
 */
export function investCashflows(d: InvestDrivers): InvestResult {
  const { invest } = d;
  const itMW = invest.convertItMW;
  const months = invest.horizonYears * 12;
  const miningRevenuePerHashprice = d.mining.revenueUsdPerDay / d.market.hashpriceUsdPerPhDay;
  const gpus = d.ai.gpusPerItMW * itMW;
  const capex = capexOf(d);
  const difficulty = difficultyPath(d, months);
  const stayOperating = new Array<number>(invest.horizonYears + 1).fill(0);
  const convertOperating = new Array<number>(invest.horizonYears + 1).fill(0);
  const hashpricePath: number[] = [];
  const gpuPath: number[] = [];
  const asicValueUsd = (hashprice: number): number =>
    invest.asicResaleUsdPerTh * d.mining.hashrateThs * itMW * (hashprice / d.market.hashpriceUsdPerPhDay);
  let asicSaleUsd = 0;
  let lastHashprice = d.market.hashpriceUsdPerPhDay;
  for (let m = 0; m < months; m++) {
    const tYears = (m + 0.5) / 12;
    const year = Math.floor(m / 12) + 1;
    const hashprice = hashpriceAt(d, tYears, difficulty[m]!);
    lastHashprice = hashprice;
    const rental = gpuRentalAt(d, tYears);
    if (m % 12 === 0) {
      hashpricePath.push(hashprice);
      gpuPath.push(rental);
    }
    const miningMarginPerMW = Math.max(
      0,
      miningRevenuePerHashprice * hashprice - d.mining.facilityEnergyMWhPerDay * d.powerPriceUsdPerMWh,
    );
    const miningUsd = itMW * (miningMarginPerMW * DAYS_PER_MONTH - invest.miningOpexUsdPerMWYear / 12);
    stayOperating[year]! += miningUsd;
    if (m < invest.leadTimeMonths) {
      convertOperating[year]! += miningUsd;
      continue;
    }
    if (m === invest.leadTimeMonths) asicSaleUsd = asicValueUsd(hashprice);
    const aiRevenueUsd = gpus * HOURS_PER_DAY * DAYS_PER_MONTH * rental * d.ai.utilization;
    const aiEnergyUsd = itMW * d.ai.facilityEnergyMWhPerDay * DAYS_PER_MONTH * d.powerPriceUsdPerMWh;
    convertOperating[year]! += aiRevenueUsd - aiEnergyUsd - (itMW * invest.aiOpexUsdPerMWYear) / 12;
  }
  const last = invest.horizonYears;
  const depreciationUsd = depreciationByYearUsd(invest, capex);
  const residualUsd = {
    facility: Math.max(
      0,
      capex.facility * (1 - depreciatedYears(invest, invest.facilityLifeYears) / invest.facilityLifeYears),
    ),
    gpus: (capex.gpus + capex.network) * invest.gpuResidualFraction,
  };
  const stayFlows = afterTax(stayOperating, [], invest.taxRate);
  const convertFlows = afterTax(convertOperating, depreciationUsd, invest.taxRate);
  stayFlows[last]! += asicValueUsd(lastHashprice);
  convertFlows[0]! -= capex.facility + capex.gpus + capex.network;
  const commissioned = invest.leadTimeMonths < months;
  convertFlows[commissioned ? Math.floor(invest.leadTimeMonths / 12) + 1 : last]! += commissioned
    ? asicSaleUsd
    : asicValueUsd(lastHashprice);
  convertFlows[last]! += residualUsd.facility + residualUsd.gpus;
  const incremental = convertFlows.map((c, i) => c - stayFlows[i]!);
  const r = invest.discountRatePerYear;
  return {
    stay: { annualUsd: stayFlows, npvUsd: npv(r, stayFlows) },
    convert: {
      annualUsd: convertFlows,
      npvUsd: npv(r, convertFlows),
      capexUsd: capex,
      depreciationUsd,
      residualUsd,
    },
    incremental: {
      annualUsd: incremental,
      npvUsd: npv(r, incremental),
      irr: irr(incremental),
      payback: paybackYears(incremental),
      discountedPayback: paybackYears(incremental, r),
    },
    difficultyPath: difficulty.filter((_, m) => m % 12 === 0),
    hashpricePathUsdPerPhDay: hashpricePath,
    gpuRentalPathUsdPerGpuHour: gpuPath,
  };
}

/** Whole years of book depreciation taken by the horizon, capped at the asset's life. */
function depreciatedYears(invest: InvestCase, lifeYears: number): number {
  const inServiceYear = Math.floor(invest.leadTimeMonths / 12) + 1;
  return Math.min(lifeYears, Math.max(0, invest.horizonYears - inServiceYear + 1));
}
