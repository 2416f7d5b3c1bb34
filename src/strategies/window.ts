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

/**
 * The window a strategy plans on. Perfect foresight reads what happened. A realistic planner at 00:00 knows one
 * day ahead at best (day-ahead prices, yesterday's hashprice), so hours beyond the first day repeat the first
 * day's forecast rather than peek at later data.
 */
export function planningWindow(
  series: BacktestSeries,
  site: ResolvedSite,
  startIndex: number,
  length: number,
  mode: ForecastMode,
): PlanningWindow {
  const end = Math.min(series.length, startIndex + length);
  const spot = new Float64Array(end - startIndex).fill(spotUsdPerMWh(site));
  if (mode === 'perfect') {
    // Views, not copies: a window is read-only to every strategy.
    return {
      startMs: series.startMs + startIndex * series.stepS * 1000,
      stepS: series.stepS,
      priceUsdPerMWh: series.priceUsdPerMWh.subarray(startIndex, end),
      miningUsdPerMWh: miningRatesOf(site, series.hashpriceUsdPerPhDay).subarray(startIndex, end),
      aiSpotUsdPerMWh: spot,
      fourCpRisk: series.fourCpRisk.subarray(startIndex, end),
      drEvent: series.drEvent.subarray(startIndex, end),
    };
  }
  const knownDay = Math.min(24, end - startIndex);
  const repeat = <T extends Float64Array | Uint8Array>(source: T, into: T): T => {
    for (let i = 0; i < into.length; i++) into[i] = source[startIndex + (i % knownDay)]!;
    return into;
  };
  const n = end - startIndex;
  return {
    startMs: series.startMs + startIndex * series.stepS * 1000,
    stepS: series.stepS,
    priceUsdPerMWh: repeat(series.forecastPriceUsdPerMWh, new Float64Array(n)),
    miningUsdPerMWh: repeat(miningRatesOf(site, series.forecastHashpriceUsdPerPhDay), new Float64Array(n)),
    aiSpotUsdPerMWh: spot,
    fourCpRisk: repeat(series.forecastFourCpRisk, new Uint8Array(n)),
    drEvent: repeat(series.forecastDrEvent, new Uint8Array(n)),
  };
}
