/**
 * @module backtest/series
 * The hourly inputs of a backtest, one Float64Array per quantity on a UTC grid, and the planning windows cut
 * from them. Actual values settle the books; the forecast columns are what a realistic planner could know.
 */
import type { Assumption } from '../report/market.ts';

export interface BacktestSeries {
  readonly startMs: number;
  readonly stepS: 3600;
  readonly length: number;
  /** Settlement price at the site's point (real-time where shipped, else day-ahead: see `priceSource`). */
  readonly priceUsdPerMWh: Float64Array;
  readonly priceSource: string;
  /** Day-ahead where shipped, else the same hour of the previous day (persistence). */
  readonly forecastPriceUsdPerMWh: Float64Array;
  readonly forecastSource: string;
  /** The UTC day's hashprice, repeated over its hours. */
  readonly hashpriceUsdPerPhDay: Float64Array;
  /** Yesterday's hashprice: all a realistic planner knows at the start of the day. */
  readonly forecastHashpriceUsdPerPhDay: Float64Array;
  /** The month's top risk hours by the load proxy: what a planner with perfect foresight treats as 4CP risk. */
  readonly fourCpRisk: Uint8Array;
  /** The top risk hours by forecast price, month by month: what a realistic planner treats as 4CP risk. */
  readonly forecastFourCpRisk: Uint8Array;
  /** The single highest-load hour of each June-September month in the range: where the tag is set. */
  readonly fourCpPeak: Uint8Array;
  readonly fourCpSource: string;
  /** Demand-response events called (settlement price at or above the program's trigger). */
  readonly drEvent: Uint8Array;
  /** The events a realistic planner expects: the forecast price at or above the trigger. */
  readonly forecastDrEvent: Uint8Array;
  /** Average grid intensity per hour (hourly estimate where shipped, else the year's figure). */
  readonly carbonAverageGPerKWh: Float64Array;
  readonly carbonAverageBasis: string;
  readonly carbonMarginalGPerKWh: number;
  readonly notes: readonly Assumption[];
}

/** Marks, in each June-September month, the `hoursPerMonth` hours with the highest `load` (a 4CP risk proxy). */
export function fourCpRiskFlags(startMs: number, load: Float64Array, hoursPerMonth: number): Uint8Array {
  const flags = new Uint8Array(load.length);
  const byMonth = new Map<string, number[]>();
  for (let i = 0; i < load.length; i++) {
    const at = new Date(startMs + i * 3_600_000);
    const month = at.getUTCMonth();
    if (month < 5 || month > 8 || Number.isNaN(load[i])) continue;
    const key = `${at.getUTCFullYear()}-${month}`;
    const list = byMonth.get(key) ?? [];
    list.push(i);
    byMonth.set(key, list);
  }
  for (const indices of byMonth.values()) {
    indices.sort((a, b) => load[b]! - load[a]!);
    for (const i of indices.slice(0, hoursPerMonth)) flags[i] = 1;
  }
  return flags;
}

/** 1 where `prices` reach `triggerUsdPerMWh` (a price-called demand-response event); all 0 without a program. */
export function eventFlags(prices: Float64Array, triggerUsdPerMWh: number | undefined): Uint8Array {
  const flags = new Uint8Array(prices.length);
  if (triggerUsdPerMWh === undefined) return flags;
  for (let i = 0; i < prices.length; i++) if (prices[i]! >= triggerUsdPerMWh) flags[i] = 1;
  return flags;
}
