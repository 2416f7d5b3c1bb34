/**
 * @module economics/finance/payback
 * Cumulative cash flows and the (discounted) payback period (ECONOMICS.md §4.6).
 */
import { assertCashflows, assertRate } from './validate.ts';

/** Not paid back within the horizon: an expected outcome, typed so it cannot be mistaken for a number of years. */
export interface PaybackNever {
  readonly kind: 'never';
}

/** Years to payback, or `{ kind: 'never' }`. */
export type PaybackResult = number | PaybackNever;

export const isPaidBack = (result: PaybackResult): result is number => typeof result === 'number';

/**
 * Running totals of per-year flows, flow 0 at t = 0. With `ratePerPeriod`, each flow is first discounted to t = 0
 * by `(1 + r)^-t`, as for {@link npv}, so the last element is then the NPV.
 */
export function cumulativeCashflowsUsd(cashflowsUsd: readonly number[], ratePerPeriod?: number): number[] {
  assertCashflows(cashflowsUsd, 'cashflowsUsd', 1);
  if (ratePerPeriod !== undefined) assertRate(ratePerPeriod, 'ratePerPeriod');
  let runningUsd = 0;
  return cashflowsUsd.map((amountUsd, period) => {
    runningUsd += ratePerPeriod === undefined ? amountUsd : amountUsd / (1 + ratePerPeriod) ** period;
    return runningUsd;
  });
}

/**
 * Years until the cumulative cash flow first reaches ≥ 0; with `ratePerPeriod`, the discounted payback.
 *
 * Convention: periods are years and flow 0 sits at t = 0, so if it is already ≥ 0 the payback is 0. Otherwise,
 * when the running total first turns ≥ 0 during year t, year t's flow is taken as earned evenly through the year
 * and the payback is `(t − 1) + (−cumulative_{t−1}) / flow_t` (linear interpolation). Only the first crossing
 * counts: a later dip below 0 (e.g. a decommissioning cost) does not undo it. Not reaching 0 within the
 * horizon is `{ kind: 'never' }`, an expected outcome rather than an error.
 */
export function paybackYears(cashflowsUsd: readonly number[], ratePerPeriod?: number): PaybackResult {
  const cumulativeUsd = cumulativeCashflowsUsd(cashflowsUsd, ratePerPeriod);
  if (cumulativeUsd[0]! >= 0) return 0;
  for (let year = 1; year < cumulativeUsd.length; year++) {
    const beforeUsd = cumulativeUsd[year - 1]!;
    const afterUsd = cumulativeUsd[year]!;
    if (afterUsd >= 0) {
      // beforeUsd < 0 <= afterUsd, so the year's (discounted) flow is > 0 and the fraction lies in (0, 1].
      return year - 1 + -beforeUsd / (afterUsd - beforeUsd);
    }
  }
  return { kind: 'never' };
}
