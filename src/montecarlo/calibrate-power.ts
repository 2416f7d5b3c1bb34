/**
 * @module montecarlo/calibrate-power
 * The electricity model fitted to daily mean real-time prices (ECONOMICS.md §6.4, at daily granularity):
 * `P_d = μ_month(d) + X_d + J_d`. X is an Ornstein-Uhlenbeck deviation in $/MWh (AR(1) per day), J a one-day spike
 * with lognormal size arriving as a Poisson process. Levels, not logs: ERCOT daily means go negative (the shipped
 * 2024-25 minimum is below $0), which a log model cannot produce. Spikes are days whose residual to the monthly
 * median exceeds `spikeSigmas` robust standard deviations (1.4826 × MAD); the rest give μ_month and the AR(1).
 */
import { ValidationError } from '../errors.ts';
import { MS_PER_DAY } from '../units/index.ts';
import { isoDayOf, meanAndStd } from './calibrate-btc.ts';

export interface PowerCalibration {
  readonly fromDay: string;
  readonly toDay: string;
  readonly days: number;
  /** Base level by calendar month (index 0 = January), spike days left out. */
  readonly monthlyMeanUsdPerMWh: readonly number[];
  readonly longRunMeanUsdPerMWh: number;
  /** Historical mean including spikes, for comparison with the simulated mean. */
  readonly observedMeanUsdPerMWh: number;
  readonly dailyPersistence: number;
  readonly kappaPerYear: number;
  readonly halfLifeDays: number;
  readonly dailyShockUsdPerMWh: number;
  /** σ of the continuous OU with the same daily behaviour, $/MWh per √year. */
  readonly volatilityUsdPerMWhPerSqrtYear: number;
  readonly spikeThresholdUsdPerMWh: number;
  readonly spikesPerYear: number;
  readonly spikeDays: number;
  readonly spikeSize: { readonly meanLog: number; readonly stdLog: number; readonly meanUsdPerMWh: number };
}

const monthOf = (ms: number): number => new Date(ms).getUTCMonth();

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Continuous OU parameters from the daily AR(1): φ = e^(−κΔ), s² = σ²(1 − φ²)/(2κ). */
export function ouFromAr1(persistence: number, dailyShock: number): { kappaPerYear: number; sigma: number } {
  const kappaPerYear = -Math.log(persistence) * 365;
  return { kappaPerYear, sigma: dailyShock * Math.sqrt((2 * kappaPerYear) / (1 - persistence ** 2)) };
}

export function ar1FromOu(kappaPerYear: number, sigma: number): { persistence: number; dailyShock: number } {
  const persistence = Math.exp(-kappaPerYear / 365);
  return { persistence, dailyShock: sigma * Math.sqrt((1 - persistence ** 2) / (2 * kappaPerYear)) };
}

export function calibratePower(
  dailyMeanUsdPerMWh: Float64Array,
  firstDayMs: number,
  spikeSigmas: number,
): PowerCalibration {
  const n = dailyMeanUsdPerMWh.length;
  const month = (d: number) => monthOf(firstDayMs + d * MS_PER_DAY);
  const valid = (d: number) => Number.isFinite(dailyMeanUsdPerMWh[d]!);
  const byMonth = (pick: (d: number) => boolean) =>
    Array.from({ length: 12 }, (_, m) =>
      Array.from({ length: n }, (_, d) => d).filter((d) => valid(d) && month(d) === m && pick(d)),
    );
  const all = byMonth(() => true);
  if (all.some((days) => days.length === 0)) {
    throw new ValidationError([
      {
        field: 'electricity history',
        problem: 'does not cover every calendar month',
        fix: 'fit on at least a year of daily prices (the shipped ERCOT file covers 2024-2025)',
      },
    ]);
  }
  const medians = all.map((days) => median(days.map((d) => dailyMeanUsdPerMWh[d]!)));
  const residual = (d: number) => dailyMeanUsdPerMWh[d]! - medians[month(d)]!;
  const validDays = Array.from({ length: n }, (_, d) => d).filter(valid);
  const mad = median(validDays.map((d) => Math.abs(residual(d))));
  const threshold = spikeSigmas * 1.4826 * mad;
  const spike = new Uint8Array(n);
  for (const d of validDays) if (residual(d) > threshold) spike[d] = 1;
  const monthly = byMonth((d) => spike[d] === 0).map(
    (days) => days.reduce((s, d) => s + dailyMeanUsdPerMWh[d]!, 0) / days.length,
  );
  const x = (d: number) => dailyMeanUsdPerMWh[d]! - monthly[month(d)]!;
  let xy = 0;
  let xx = 0;
  for (let d = 0; d + 1 < n; d++) {
    if (!valid(d) || !valid(d + 1) || spike[d] || spike[d + 1]) continue;
    xy += x(d) * x(d + 1);
    xx += x(d) ** 2;
  }
  const persistence = Math.min(0.999, Math.max(0.01, xx > 0 ? xy / xx : 0.5));
  const shocks: number[] = [];
  for (let d = 0; d + 1 < n; d++) {
    if (!valid(d) || !valid(d + 1) || spike[d] || spike[d + 1]) continue;
    shocks.push(x(d + 1) - persistence * x(d));
  }
  const dailyShock = meanAndStd(shocks).std;
  const { kappaPerYear, sigma } = ouFromAr1(persistence, dailyShock);
  const excess = validDays
    .filter((d) => spike[d])
    .map((d) => x(d))
    .filter((v) => v > 0);
  const logs = meanAndStd(excess.map(Math.log));
  const observed = meanAndStd(validDays.map((d) => dailyMeanUsdPerMWh[d]!)).mean;
  return {
    fromDay: isoDayOf(firstDayMs),
    toDay: isoDayOf(firstDayMs + (n - 1) * MS_PER_DAY),
    days: validDays.length,
    monthlyMeanUsdPerMWh: monthly,
    longRunMeanUsdPerMWh: monthly.reduce((s, v) => s + v, 0) / 12,
    observedMeanUsdPerMWh: observed,
    dailyPersistence: persistence,
    kappaPerYear,
    halfLifeDays: (Math.LN2 / kappaPerYear) * 365,
    dailyShockUsdPerMWh: dailyShock,
    volatilityUsdPerMWhPerSqrtYear: sigma,
    spikeThresholdUsdPerMWh: threshold,
    spikesPerYear: (excess.length / validDays.length) * 365,
    spikeDays: excess.length,
    spikeSize: {
      meanLog: excess.length > 0 ? logs.mean : 0,
      stdLog: excess.length > 1 ? logs.std : 0,
      meanUsdPerMWh: excess.length > 0 ? excess.reduce((s, v) => s + v, 0) / excess.length : 0,
    },
  };
}
