/**
 * @module economics/finance/npv
 * Net present value in both conventions (ECONOMICS.md §4.6). They differ by one period of discounting, so they
 * have distinct names and neither is a default for the other.
 */
import { requireFinite } from '../../units/guards.ts';
import { assertCashflows, assertRate } from './validate.ts';

/**
 * Present value of 1 USD received `periods` periods from now: `(1 + r)^-t`.
 * `periods` may be fractional (XNPV uses days / 365).
 */
export function discountFactor(ratePerPeriod: number, periods: number): number {
  assertRate(ratePerPeriod, 'ratePerPeriod');
  requireFinite('periods', periods, 'pass the time from the valuation date, in periods');
  return (1 + ratePerPeriod) ** -periods;
}

/**
 * NPV with the first flow at t = 0, undiscounted: `Σ CF_t / (1 + r)^t` (ECONOMICS.md §0 `npv_t0`). This is the
 * textbook convention and the one XNPV follows; Excel's `NPV()` is {@link npvExcel}.
 */
export function npv(ratePerPeriod: number, cashflowsUsd: readonly number[]): number {
  assertRate(ratePerPeriod, 'ratePerPeriod');
  assertCashflows(cashflowsUsd, 'cashflowsUsd', 1);
  return sumDiscounted(ratePerPeriod, cashflowsUsd, 0);
}

/** The name ECONOMICS.md §4.6 asks for, so call sites can say which convention they mean. */
export const npvFromT0 = npv;

/**
 * NPV as Excel `NPV(rate, value1, ...)`: the first flow is discounted one full period,
 * `Σ CF_i / (1 + r)^(i+1)` (Microsoft Excel NPV docs; also Adobe FormCalc, MESCIUS Spread and Rust `financial::npv`).
 * For a t = 0 outlay, Excel's docs add it outside the call: `npvExcel(r, later) + CF_0`.
 */
export function npvExcel(ratePerPeriod: number, cashflowsUsd: readonly number[]): number {
  assertRate(ratePerPeriod, 'ratePerPeriod');
  assertCashflows(cashflowsUsd, 'cashflowsUsd', 1);
  return sumDiscounted(ratePerPeriod, cashflowsUsd, 1);
}

// One summation for both conventions, term by term as in the §0 prelude, so that npvExcel(r, f) and
// npv(r, [0, ...f]) add the same floating-point terms in the same order.
function sumDiscounted(ratePerPeriod: number, cashflowsUsd: readonly number[], firstPeriod: number): number {
  let totalUsd = 0;
  cashflowsUsd.forEach((amountUsd, index) => {
    totalUsd += amountUsd / (1 + ratePerPeriod) ** (index + firstPeriod);
  });
  return totalUsd;
}
