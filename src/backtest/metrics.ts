/**
 * @module backtest/metrics
 * What a strategy's run earned, cost and emitted, with PyPSA-style statistics kept apart from the run itself.
 */
import { coefficientOfVariation } from '../economics/metrics/stability.ts';
import { profitUsdAt, type StrategyRun } from './run.ts';
import type { BacktestSeries } from './series.ts';

export interface StrategyMetrics {
  readonly name: string;
  readonly forecast: string;
  readonly revenueUsd: {
    readonly mining: number;
    readonly aiContract: number;
    readonly aiSpot: number;
    readonly total: number;
  };
  readonly energyCostUsd: number;
  readonly resaleCreditUsd: number;
  readonly fourCpChargeUsd: number;
  /** Demand-response payments, net of non-performance charges. */
  readonly drCreditUsd: number;
  readonly penaltyUsd: number;
  readonly restartCostUsd: number;
  readonly profitUsd: number;
  /** Per MW of grid import limit, per year of the span. */
  readonly profitUsdPerMWYear: number;
  /** Revenue per facility MWh each workload drew. */
  readonly usdPerFacilityMWh: { readonly mining: number | undefined; readonly ai: number | undefined };
  readonly dailyProfitCv: number | undefined;
  readonly facilityEnergyMWh: number;
  readonly curtailedItMWh: number;
  /** Intervals in which more than 1 % of the curtailable IT capacity sat idle. */
  readonly curtailedHours: number;
  /** Contracted AI energy delivered ÷ contracted (1 when nothing is contracted). */
  readonly aiSlaMet: number;
  readonly emissions: {
    readonly averageTonnes: number;
    readonly averageBasis: string;
    readonly marginalTonnes: number;
    readonly marginalGPerKWh: number;
  };
  readonly facilityMWhPerUsdRevenue: number | undefined;
  readonly windows: number;
  readonly statuses: StrategyRun['statuses'];
}

const sum = (xs: Float64Array): number => xs.reduce((s, v) => s + v, 0);

export function strategyMetrics(run: StrategyRun, series: BacktestSeries): StrategyMetrics {
  const l = run.ledger;
  const site = run.site;
  const hours = series.stepS / 3600;
  const revenue = {
    mining: sum(l.miningRevenueUsd),
    aiContract: sum(l.aiContractRevenueUsd),
    aiSpot: sum(l.aiSpotRevenueUsd),
    total: 0,
  };
  revenue.total = revenue.mining + revenue.aiContract + revenue.aiSpot;
  const energyCostUsd = sum(l.energyCostUsd);
  const resaleCreditUsd = sum(l.resaleCreditUsd);
  const fourCpChargeUsd = sum(l.fourCpChargeUsd);
  const drCreditUsd = sum(l.drCreditUsd);
  const penaltyUsd = sum(l.penaltyUsd);
  const restartCostUsd = sum(l.restartCostUsd);
  let profitUsd = 0;
  for (let t = 0; t < series.length; t++) profitUsd += profitUsdAt(l, t);
  let miningMWh = 0;
  let aiMWh = 0;
  let contractMWh = 0;
  let averageTonnes = 0;
  let curtailedItMWh = 0;
  let curtailedHours = 0;
  const capacity = site.mining.segments.reduce((s, g) => s + g.widthMW, 0) + site.ai.spotMaxMW;
  for (let t = 0; t < series.length; t++) {
    miningMWh += l.miningMW[t]! * site.miningPue * hours;
    aiMWh += (l.aiContractMW[t]! + l.aiSpotMW[t]!) * site.aiPue * hours;
    contractMWh += l.aiContractMW[t]! * hours;
    averageTonnes += (l.importMW[t]! * hours * series.carbonAverageGPerKWh[t]!) / 1000;
    curtailedItMWh += l.curtailedItMW[t]! * hours;
    if (capacity > 0 && l.curtailedItMW[t]! > 0.01 * capacity) curtailedHours += hours;
  }
  const facilityEnergyMWh = sum(l.importMW) * hours;
  const dailyProfit: number[] = [];
  for (let start = 0; start + 24 <= series.length; start += 24) {
    let day = 0;
    for (let t = start; t < start + 24; t++) {
      day += profitUsdAt(l, t);
    }
    dailyProfit.push(day);
  }
  const years = (series.length * hours) / 8760;
  const contracted = site.ai.contractedMW * series.length * hours;
  return {
    name: run.name,
    forecast: run.forecast,
    revenueUsd: revenue,
    energyCostUsd,
    resaleCreditUsd,
    fourCpChargeUsd,
    drCreditUsd,
    penaltyUsd,
    restartCostUsd,
    profitUsd,
    profitUsdPerMWYear: profitUsd / site.importLimitMW / years,
    usdPerFacilityMWh: {
      mining: miningMWh > 0 ? revenue.mining / miningMWh : undefined,
      ai: aiMWh > 0 ? (revenue.aiContract + revenue.aiSpot) / aiMWh : undefined,
    },
    dailyProfitCv:
      dailyProfit.length >= 2 && dailyProfit.some((v) => v !== 0)
        ? coefficientOfVariation(dailyProfit).value
        : undefined,
    facilityEnergyMWh,
    curtailedItMWh,
    curtailedHours,
    aiSlaMet: contracted > 0 ? contractMWh / contracted : 1,
    emissions: {
      averageTonnes,
      averageBasis: series.carbonAverageBasis,
      marginalTonnes: (facilityEnergyMWh * series.carbonMarginalGPerKWh) / 1000,
      marginalGPerKWh: series.carbonMarginalGPerKWh,
    },
    facilityMWhPerUsdRevenue: revenue.total > 0 ? facilityEnergyMWh / revenue.total : undefined,
    windows: run.windows,
    statuses: run.statuses,
  };
}
