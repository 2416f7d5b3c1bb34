/**
 * @module strategies/window
 * Cuts a planning window out of the backtest series: prices and mining rates as the strategy may know them,
 * converted to revenue per MWh of IT energy for this site.
 */
import type { BacktestSeries } from '../backtest/series.ts';
import { energyMWhPerThDay } from '../economics/bitcoin/hashprice.ts';
import type { PlanningWindow } from '../planner/problem.ts';
import type { ResolvedSite } from './resolve-site.ts';
import type { ForecastMode } from './types.ts';

/** Net mining revenue per MWh of IT energy at the fleet's nameplate J/TH, from hashprice in $/PH/day. */
export function miningUsdPerMWh(site: ResolvedSite, hashpriceUsdPerPhDay: number): number {
  const mwhPerPhDay = energyMWhPerThDay(site.fleetJPerTh, 1) * 1000;
  return (hashpriceUsdPerPhDay * (1 - site.poolFeeFraction) * (1 - site.staleRejectFraction)) / mwhPerPhDay;
}

export function spotUsdPerMWh(site: ResolvedSite): number {
  return site.spot.priceUsdPerGpuHour * site.spot.utilization * site.gpusPerDrawnMW;
}

export function planningWindow(
  series: BacktestSeries,
  site: ResolvedSite,
  startIndex: number,
  length: number,
  mode: ForecastMode,
): PlanningWindow {
  const end = Math.min(series.length, startIndex + length);
  const prices = mode === 'perfect' ? series.priceUsdPerMWh : series.forecastPriceUsdPerMWh;
  const hashprice = mode === 'perfect' ? series.hashpriceUsdPerPhDay : series.forecastHashpriceUsdPerPhDay;
  const n = end - startIndex;
  const mining = new Float64Array(n);
  for (let i = 0; i < n; i++) mining[i] = miningUsdPerMWh(site, hashprice[startIndex + i]!);
  return {
    startMs: series.startMs + startIndex * series.stepS * 1000,
    stepS: series.stepS,
    priceUsdPerMWh: prices.slice(startIndex, end),
    miningUsdPerMWh: mining,
    aiSpotUsdPerMWh: new Float64Array(n).fill(spotUsdPerMWh(site)),
    fourCpRisk: series.fourCpRisk.slice(startIndex, end),
  };
}
