/**
 * @module montecarlo/calibrate-btc
 * BTC price parameters from the shipped daily closes (ECONOMICS.md §6.1): the window's daily log returns (the
 * bootstrap's whole pool), σ = std × √365 and the price drift μ = mean × 365 + σ²/2 (not the log drift, which
 * would apply the −σ²/2 correction twice).
 */
import { annualVolatilityFromDaily, gbmDriftFromLogReturns } from '../economics/stochastic/calibration.ts';
import { ValidationError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { MS_PER_DAY } from '../units/index.ts';

export const isoDayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface BtcCalibration {
  readonly fromDay: string;
  readonly toDay: string;
  /** Every daily log return of the window, in date order: the pool the bootstrap draws from. */
  readonly logReturns: Float64Array;
  readonly meanDailyLogReturn: number;
  readonly stdDailyLogReturn: number;
  readonly volatilityPerYear: number;
  /** Drift of the price (not of its logarithm), per year. */
  readonly driftPerYear: number;
}

export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, std: Math.sqrt(squares / Math.max(1, values.length - 1)) };
}

/** Returns of the `windowDays` days ending on day `endIndex`; days without a close on either side are skipped. */
export function calibrateBtc(network: DailyNetwork, endIndex: number, windowDays: number): BtcCalibration {
  const first = Math.max(1, endIndex - windowDays + 1);
  const returns: number[] = [];
  for (let i = first; i <= endIndex; i++) {
    const today = network.priceUsd[i]!;
    const yesterday = network.priceUsd[i - 1]!;
    if (today > 0 && yesterday > 0) returns.push(Math.log(today / yesterday));
  }
  if (returns.length < 30) {
    throw new ValidationError([
      {
        field: 'scenario.btc.windowDays',
        problem: `leaves only ${returns.length} daily returns in the shipped history`,
        value: windowDays,
        fix: 'use a window of at least 30 days with prices, e.g. 1461',
      },
    ]);
  }
  const { mean, std } = meanAndStd(returns);
  const volatilityPerYear = annualVolatilityFromDaily(std);
  return {
    fromDay: isoDayOf(network.startMs + (first - 1) * MS_PER_DAY),
    toDay: isoDayOf(network.startMs + endIndex * MS_PER_DAY),
    logReturns: Float64Array.from(returns),
    meanDailyLogReturn: mean,
    stdDailyLogReturn: std,
    volatilityPerYear,
    driftPerYear: gbmDriftFromLogReturns(mean, volatilityPerYear),
  };
}
