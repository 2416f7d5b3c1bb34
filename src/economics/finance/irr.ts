/**
 * @module economics/finance/irr
 * Internal rate of return of periodic cash flows (ECONOMICS.md §4.6).
 */
import { periodicRateFunction } from './rate-functions.ts';
import { type IrrResult, solveRate } from './roots.ts';
import { assertCashflows, assertRate } from './validate.ts';

export type { IrrFailureReason, IrrResult } from './roots.ts';
export { IRR_SCAN_MAX_RATE, IRR_SCAN_MIN_RATE } from './roots.ts';

/** Excel IRR's default guess (Microsoft IRR docs). */
export const DEFAULT_IRR_GUESS = 0.1;

/**
 * The rate per period at which {@link npv} (first flow at t = 0) is 0, as Excel `IRR(values, [guess])`.
 * Never NaN: fewer than two flows, flows that never change sign, and flows whose NPV never reaches 0 are typed
 * failures. With several roots, `rate` is the one closest to `guess` and `roots` lists them all (see `solveRate`).
 */
export function irr(cashflowsUsd: readonly number[], guess: number = DEFAULT_IRR_GUESS): IrrResult {
  assertCashflows(cashflowsUsd, 'cashflowsUsd', 0);
  assertRate(guess, 'guess');
  return solveRate(cashflowsUsd, periodicRateFunction(cashflowsUsd), guess);
}
