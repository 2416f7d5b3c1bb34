/**
 * @module economics/metrics/stability
 * Revenue stability and market dependency (ECONOMICS.md §7): the seed's "stable vs volatile" made numeric.
 */
import { ValidationError } from '../../errors.ts';

export type DeviationKind = 'sample' | 'population';

function finiteValues(values: ArrayLike<number>, field: string, minCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new ValidationError([
        {
          field: `${field}[${i}]`,
          problem: 'must be a finite number',
          value: v,
          fix: 'drop gaps before calling, and report them',
        },
      ]);
    }
    out.push(v);
  }
  if (out.length < minCount) {
    throw new ValidationError([
      { field, problem: `needs at least ${minCount} values`, value: out.length, fix: 'widen the window' },
    ]);
  }
  return out;
}

export const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

export function standardDeviation(values: ArrayLike<number>, kind: DeviationKind = 'sample'): number {
  const xs = finiteValues(values, 'values', kind === 'sample' ? 2 : 1);
  const m = mean(xs);
  const squares = xs.reduce((s, v) => s + (v - m) ** 2, 0);
  return Math.sqrt(squares / (kind === 'sample' ? xs.length - 1 : xs.length));
}

/** σ/μ; sample σ (n − 1) unless told otherwise, and the result says which. */
export function coefficientOfVariation(
  values: ArrayLike<number>,
  kind: DeviationKind = 'sample',
): { value: number; kind: DeviationKind; count: number } {
  const xs = finiteValues(values, 'values', 2);
  return { value: standardDeviation(xs, kind) / mean(xs), kind, count: xs.length };
}

/** Linear-interpolated percentile (the "R-7"/Excel PERCENTILE.INC rule), p in [0, 1]. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const xs = finiteValues(values, 'values', 1).sort((a, b) => a - b);
  const pos = (xs.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo);
}

/** Largest fall from a running peak of the rolling `windowDays` sum, as a fraction of that peak. */
export function maxDrawdownOfRollingSum(dailyValues: ArrayLike<number>, windowDays: number): number {
  const xs = finiteValues(dailyValues, 'dailyValues', windowDays);
  let windowSum = 0;
  let peak = Number.NEGATIVE_INFINITY;
  let worst = 0;
  for (let i = 0; i < xs.length; i++) {
    windowSum += xs[i]! - (i >= windowDays ? xs[i - windowDays]! : 0);
    if (i < windowDays - 1) continue;
    peak = Math.max(peak, windowSum);
    if (peak > 0) worst = Math.max(worst, (peak - windowSum) / peak);
  }
  return worst;
}

/** OLS slope of y's log-returns on x's log-returns: revenue's β to the BTC price. */
export function logReturnBeta(revenue: ArrayLike<number>, driver: ArrayLike<number>): number {
  const ys = finiteValues(revenue, 'revenue', 3);
  const xs = finiteValues(driver, 'driver', 3);
  if (ys.length !== xs.length) {
    throw new ValidationError([
      {
        field: 'driver',
        problem: 'must have as many values as revenue',
        value: xs.length,
        fix: 'align both series on the same days',
      },
    ]);
  }
  const ry: number[] = [];
  const rx: number[] = [];
  for (let i = 1; i < ys.length; i++) {
    ry.push(Math.log(ys[i]! / ys[i - 1]!));
    rx.push(Math.log(xs[i]! / xs[i - 1]!));
  }
  const mx = mean(rx);
  const my = mean(ry);
  let cov = 0;
  let varX = 0;
  for (let i = 0; i < rx.length; i++) {
    cov += (rx[i]! - mx) * (ry[i]! - my);
    varX += (rx[i]! - mx) ** 2;
  }
  return varX === 0 ? 0 : cov / varX;
}
