import { requirePositive } from '../../units/guards.ts';

/** Continuously compounded (log) growth per year between two positive values `years` apart. */
export function logGrowthPerYear({ from, to, years }: { from: number; to: number; years: number }): number {
  requirePositive('from', from, 'pass the starting value, e.g. a difficulty');
  requirePositive('to', to, 'pass the ending value');
  requirePositive('years', years, 'pass the span in years, e.g. days / 365.25');
  return Math.log(to / from) / years;
}

/** Simple (not log) growth per year equivalent to a log rate: e^g − 1. */
export const simpleFromLogRate = (logRatePerYear: number): number => Math.expm1(logRatePerYear);

export interface GbmParams {
  readonly startUsd: number;
  /** Drift of the price (not of its logarithm), per year. */
  readonly driftPerYear: number;
  readonly volatilityPerYear: number;
  readonly years: number;
}

/** S_t = S_0 · exp((μ − σ²/2)t + σ√t·z): the price at standard-normal quantile `z` (0 gives the median). */
export function gbmQuantileUsd(
  { startUsd, driftPerYear, volatilityPerYear, years }: GbmParams,
  z: number,
): number {
  requirePositive('startUsd', startUsd, 'pass the starting price');
  return (
    startUsd *
    Math.exp((driftPerYear - volatilityPerYear ** 2 / 2) * years + volatilityPerYear * Math.sqrt(years) * z)
  );
}

/** E[S_t] = S_0 · e^(μt): the mean does not depend on σ, the median does. */
export const gbmMeanUsd = ({ startUsd, driftPerYear, years }: GbmParams): number =>
  startUsd * Math.exp(driftPerYear * years);

/** Annual σ from the standard deviation of daily log returns; crypto trades 365 days a year. */
export const annualVolatilityFromDaily = (dailyLogReturnStd: number, tradingDaysPerYear = 365): number =>
  dailyLogReturnStd * Math.sqrt(tradingDaysPerYear);

/**
 * μ for GBM from history: mean daily log return × 365 + σ²/2. Feeding the mean log return in as μ would
 * apply the −σ²/2 correction twice.
 */
export const gbmDriftFromLogReturns = (
  meanDailyLogReturn: number,
  volatilityPerYear: number,
  daysPerYear = 365,
): number => meanDailyLogReturn * daysPerYear + volatilityPerYear ** 2 / 2;

/** Days for an Ornstein-Uhlenbeck deviation to halve at reversion speed κ (per year). */
export function halfLifeDays(kappaPerYear: number, daysPerYear = 365): number {
  requirePositive('kappaPerYear', kappaPerYear, 'pass the reversion speed per year, e.g. 50');
  return (Math.LN2 / kappaPerYear) * daysPerYear;
}

/** GPU rental price path p_floor + (p0 − p_floor)·e^(−λt) (ECONOMICS.md §6.5). */
export function decayToFloor({
  startUsd,
  floorUsd,
  lambdaPerYear,
  years,
}: {
  startUsd: number;
  floorUsd: number;
  lambdaPerYear: number;
  years: number;
}): number {
  return floorUsd + (startUsd - floorUsd) * Math.exp(-lambdaPerYear * years);
}
