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

// Mining rates depend only on the series and the site, so each pair is converted once, not once per window.
const miningRates = new WeakMap<Float64Array, WeakMap<ResolvedSite, Float64Array>>();

function miningRatesOf(site: ResolvedSite, hashpriceUsdPerPhDay: Float64Array): Float64Array {
  let bySite = miningRates.get(hashpriceUsdPerPhDay);
  if (bySite === undefined) {
    bySite = new WeakMap();
    miningRates.set(hashpriceUsdPerPhDay, bySite);
  }
  let rates = bySite.get(site);
  if (rates === undefined) {
    rates = hashpriceUsdPerPhDay.map((hashprice) => miningUsdPerMWh(site, hashprice));
    bySite.set(site, rates);
  }
  return rates;
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
  // Views, not copies: a window is read-only to every strategy.
  return {
    startMs: series.startMs + startIndex * series.stepS * 1000,
    stepS: series.stepS,
    priceUsdPerMWh: prices.subarray(startIndex, end),
    miningUsdPerMWh: miningRatesOf(site, hashprice).subarray(startIndex, end),
    aiSpotUsdPerMWh: new Float64Array(end - startIndex).fill(spotUsdPerMWh(site)),
    fourCpRisk: series.fourCpRisk.subarray(startIndex, end),
    drEvent: (mode === 'perfect' ? series.drEvent : series.forecastDrEvent).subarray(startIndex, end),
  };
}
