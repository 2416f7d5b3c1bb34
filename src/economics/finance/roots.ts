/**
 * @module economics/finance/roots
 * The rate solver behind IRR and XIRR: the rates r where Σ amount_i / (1 + r)^t_i = 0.
 *
 * Excel's IRR runs Newton from a guess and gives up after 20 tries (#NUM!), and it silently returns one root when
 * there are several (Microsoft IRR docs). We bracket first instead: scan a fixed grid of rates, refine every sign
 * change by bisection and polish with Newton kept inside the bracket, then pick one root by a stated rule.
 */
import type { RateFunction } from './rate-functions.ts';

/** Rates searched in full; every root found here is listed (ECONOMICS.md §4.6: [-99 %, 1000 %]). */
export const IRR_SCAN_MIN_RATE = -0.99;
export const IRR_SCAN_MAX_RATE = 10;

export type IrrFailureReason = 'noSignChange' | 'noRootFound' | 'tooFewFlows';

export type IrrResult =
  | {
      readonly ok: true;
      /** The root closest to the guess (the lower one on a tie). Fraction per period: 0.08 = 8 %. */
      readonly rate: number;
      readonly multipleRoots: boolean;
      /** Every root found, ascending. */
      readonly roots: number[];
    }
  | { readonly ok: false; readonly reason: IrrFailureReason; readonly message: string };

// Uniform in log(1 + r): fine near -100 % where NPV moves fast, coarser at high rates where it barely moves.
// 0.0025 in log space is a 0.25 % step near r = 0. Two roots closer than one step, or a root where NPV only
// touches zero (even multiplicity) off the grid, show no sign change and are missed.
const SCAN_STEP_LOG = 0.0025;
const MAX_REFINE_STEPS = 200;

const SCAN_RATES: readonly number[] = buildScanRates();

function buildScanRates(): number[] {
  const lowLog = Math.log1p(IRR_SCAN_MIN_RATE);
  const highLog = Math.log1p(IRR_SCAN_MAX_RATE);
  const stepsBelowZero = Math.ceil(-lowLog / SCAN_STEP_LOG);
  const stepsAboveZero = Math.ceil(highLog / SCAN_STEP_LOG);
  const rates = [IRR_SCAN_MIN_RATE];
  for (let i = 1; i < stepsBelowZero; i++) rates.push(Math.expm1(lowLog * (1 - i / stepsBelowZero)));
  // Zero is a grid point on purpose: flows summing to exactly 0 (a tangent root at 0 %) are then found.
  rates.push(0);
  for (let i = 1; i < stepsAboveZero; i++) rates.push(Math.expm1((highLog * i) / stepsAboveZero));
  rates.push(IRR_SCAN_MAX_RATE);
  return rates;
}

const differentSigns = (a: number, b: number): boolean => (a < 0 && b > 0) || (a > 0 && b < 0);

/**
 * Solve NPV(r) = 0, with `f` built from the same (already validated) `amountsUsd` by `rate-functions.ts`.
 * Rule: list every root in [IRR_SCAN_MIN_RATE, IRR_SCAN_MAX_RATE]; only when there is none there, look outward
 * (up to r = 1e12, down to 1 + r = 1e-15) for the nearest one, so a tiny outlay with a big return still gets its
 * (huge) IRR, as Excel would. Return the root closest to `guess`.
 */
export function solveRate(amountsUsd: readonly number[], f: RateFunction, guess: number): IrrResult {
  if (amountsUsd.length < 2) {
    return {
      ok: false,
      reason: 'tooFewFlows',
      message: `an internal rate of return needs at least 2 cash flows; got ${amountsUsd.length}`,
    };
  }
  if (!amountsUsd.some((amount) => amount < 0) || !amountsUsd.some((amount) => amount > 0)) {
    return {
      ok: false,
      reason: 'noSignChange',
      message: 'the cash flows never change sign (no outflow, or no inflow), so NPV is never 0 at any rate',
    };
  }
  const roots = rootsInScanWindow(f);
  if (roots.length === 0) roots.push(...rootsOutsideScanWindow(f));
  if (roots.length === 0) {
    return {
      ok: false,
      reason: 'noRootFound',
      message:
        'the cash flows change sign but NPV stays on one side of 0 at every rate searched ' +
        `(${IRR_SCAN_MIN_RATE * 100} % to ${IRR_SCAN_MAX_RATE * 100} %, then beyond); use NPV at a chosen rate instead`,
    };
  }
  const rate = roots.reduce((best, root) => (Math.abs(root - guess) < Math.abs(best - guess) ? root : best));
  return { ok: true, rate, multipleRoots: roots.length > 1, roots };
}

function rootsInScanWindow(f: RateFunction): number[] {
  const roots: number[] = [];
  let previousRate = SCAN_RATES[0]!;
  let previousValue = f.value(previousRate);
  if (previousValue === 0) roots.push(previousRate);
  for (let i = 1; i < SCAN_RATES.length; i++) {
    const rate = SCAN_RATES[i]!;
    const value = f.value(rate);
    if (value === 0) roots.push(rate);
    else if (differentSigns(previousValue, value)) {
      roots.push(refineRoot(f, previousRate, rate, previousValue));
    }
    previousRate = rate;
    previousValue = value;
  }
  return roots;
}

function rootsOutsideScanWindow(f: RateFunction): number[] {
  const roots: number[] = [];
  let lowRate = IRR_SCAN_MAX_RATE;
  let lowValue = f.value(lowRate);
  while (1 + lowRate < 1e12) {
    const highRate = 2 * (1 + lowRate) - 1;
    const highValue = f.value(highRate);
    if (highValue === 0 || differentSigns(lowValue, highValue)) {
      roots.push(highValue === 0 ? highRate : refineRoot(f, lowRate, highRate, lowValue));
      break;
    }
    lowRate = highRate;
    lowValue = highValue;
  }
  let highRate = IRR_SCAN_MIN_RATE;
  let highValue = f.value(highRate);
  while (1 + highRate > 1e-15) {
    const lowRate = (1 + highRate) / 2 - 1;
    const lowValue = f.value(lowRate);
    if (lowValue === 0 || differentSigns(lowValue, highValue)) {
      roots.unshift(lowValue === 0 ? lowRate : refineRoot(f, lowRate, highRate, lowValue));
      break;
    }
    highRate = lowRate;
    highValue = lowValue;
  }
  return roots;
}

/**
 * Bisection to a narrow bracket, then Newton steps that must stay inside it (a step that leaves the bracket is
 * replaced by a bisection step), so it converges like Newton but can never wander off to another root.
 */
function refineRoot(f: RateFunction, lowRate: number, highRate: number, lowValue: number): number {
  let a = lowRate;
  let b = highRate;
  let valueAtA = lowValue;
  const narrowEnough = (): boolean => b - a <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  for (let step = 0; step < MAX_REFINE_STEPS && !narrowEnough(); step++) {
    const mid = (a + b) / 2;
    const valueAtMid = f.value(mid);
    if (valueAtMid === 0) return mid;
    if (differentSigns(valueAtA, valueAtMid)) b = mid;
    else [a, valueAtA] = [mid, valueAtMid];
  }
  let x = (a + b) / 2;
  for (let step = 0; step < MAX_REFINE_STEPS; step++) {
    const value = f.value(x);
    if (value === 0) return x;
    if (differentSigns(valueAtA, value)) b = x;
    else [a, valueAtA] = [x, value];
    let next = x - value / f.slope(x);
    // `!(inside)` also catches NaN and ±Infinity from a zero slope.
    if (!(next > a && next < b)) next = (a + b) / 2;
    const tolerance = 4 * Number.EPSILON * Math.abs(next);
    if (Math.abs(next - x) <= tolerance || b - a <= tolerance) return next;
    x = next;
  }
  return x;
}
