/**
 * @module economics/finance/dated
 * NPV and IRR of cash flows on calendar dates, as Excel XNPV and XIRR (ECONOMICS.md §4.6).
 */
import { ValidationError } from '../../errors.ts';
import { requireFinite } from '../../units/guards.ts';
import { DAYS_PER_YEAR_ACTUAL_365, MS_PER_DAY } from '../../units/index.ts';
import { DEFAULT_IRR_GUESS } from './irr.ts';
import { datedRateFunction } from './rate-functions.ts';
import { type IrrResult, solveRate } from './roots.ts';
import { assertRate } from './validate.ts';

/** A cash flow at an instant (UTC milliseconds since the epoch). */
export interface DatedFlow {
  readonly atMs: number;
  readonly amountUsd: number;
}

/**
 * Years from the first flow, counted Actual/365 in whole days: `(d_i − d_1) / 365`, never 365.25 or a year
 * fraction (Microsoft XNPV/XIRR docs). Days are rounded so that a time-of-day or local-midnight offset in `atMs`
 * cannot move a flow by a fraction of a day. The first flow in the array is the start, as in Excel, and no flow may precede it.
 */
function yearsFromFirst(flows: readonly DatedFlow[], minLength: number): number[] {
  if (flows.length < minLength) {
    throw new ValidationError([
      {
        field: 'flows',
        problem: `must hold at least ${minLength} dated cash flow(s)`,
        value: `${flows.length} flows`,
        fix: 'pass the flows with the valuation start first',
      },
    ]);
  }
  const firstAtMs = flows[0]?.atMs ?? 0;
  return flows.map((flow, index) => {
    requireFinite(`flows[${index}].atMs`, flow.atMs, 'pass the date as UTC milliseconds since the epoch');
    requireFinite(`flows[${index}].amountUsd`, flow.amountUsd, 'replace a missing amount with a number');
    const days = Math.round((flow.atMs - firstAtMs) / MS_PER_DAY);
    if (days < 0) {
      throw new ValidationError([
        {
          field: `flows[${index}].atMs`,
          problem: `is ${-days} day(s) before flows[0].atMs; Excel XNPV/XIRR reject this (#NUM!)`,
          value: flow.atMs,
          fix: 'put the earliest flow first (the others may come in any order)',
        },
      ]);
    }
    return days / DAYS_PER_YEAR_ACTUAL_365;
  });
}

/**
 * Excel `XNPV(rate, values, dates)`: `Σ CF_i / (1 + r)^((d_i − d_1) / 365)`. The first flow is at exponent 0, so
 * XNPV follows the {@link npv} (t = 0) convention, not Excel `NPV()`'s.
 */
export function xnpv(ratePerYear: number, flows: readonly DatedFlow[]): number {
  assertRate(ratePerYear, 'ratePerYear');
  const years = yearsFromFirst(flows, 1);
  let totalUsd = 0;
  flows.forEach((flow, index) => {
    totalUsd += flow.amountUsd / (1 + ratePerYear) ** years[index]!;
  });
  return totalUsd;
}

/**
 * Excel `XIRR(values, dates, [guess])`: the rate per year at which {@link xnpv} is 0. Same typed result and root
 * rule as {@link irr} (Excel itself iterates Newton up to 100 times and returns #NUM!; we bracket first).
 */
export function xirr(flows: readonly DatedFlow[], guess: number = DEFAULT_IRR_GUESS): IrrResult {
  assertRate(guess, 'guess');
  const years = yearsFromFirst(flows, 0);
  const amountsUsd = flows.map((flow) => flow.amountUsd);
  return solveRate(amountsUsd, datedRateFunction(amountsUsd, years), guess);
}
