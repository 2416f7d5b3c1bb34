import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { npv } from './npv.ts';
import { cumulativeCashflowsUsd, isPaidBack, type PaybackResult, paybackYears } from './payback.ts';

const years = (result: PaybackResult): number => {
  if (!isPaidBack(result)) throw new Error('expected a payback, got never');
  return result;
};

describe('paybackYears (ECONOMICS.md §4.6)', () => {
  // Hand-computed: cumulative -100, -70, -30, +20, so 2 years + 30/50 of the third.
  it('interpolates linearly within the year it turns >= 0', () => {
    expect(years(paybackYears([-100, 30, 40, 50]))).toBe(2.6);
  });

  it('reaching exactly 0 at a year end counts, without interpolation', () => {
    expect(years(paybackYears([-100, 50, 50, 10]))).toBe(2);
  });

  it('is 0 when the t = 0 flow is already >= 0', () => {
    expect(years(paybackYears([0, -10, 20]))).toBe(0);
    expect(years(paybackYears([5, -10, 20]))).toBe(0);
  });

  it('reports only the first crossing, even if a later cost pulls the total below 0 again', () => {
    expect(years(paybackYears([-100, 150, -100, 10]))).toBeCloseTo(100 / 150, 15);
  });

  it('is never when the horizon ends below 0', () => {
    expect(paybackYears([-100, 30, 30])).toEqual({ kind: 'never' });
    expect(paybackYears([-100])).toEqual({ kind: 'never' });
  });

  it('discounts with a rate: -100, 60, 60 at 10 % [C] 1 + (100 - 60/1.1) / (60/1.1²)', () => {
    expect(Math.abs(years(paybackYears([-100, 60, 60], 0.1)) / 1.916666666666667 - 1)).toBeLessThanOrEqual(
      1e-9,
    );
    expect(years(paybackYears([-100, 60, 60]))).toBeCloseTo(1 + 40 / 60, 15);
    expect(paybackYears([-100, 60, 60], 0.2)).toEqual({ kind: 'never' });
  });

  it('throws on bad arguments', () => {
    expect(() => paybackYears([])).toThrow(ValidationError);
    expect(() => paybackYears([-1, 2], -1)).toThrow(/ratePerPeriod/);
    expect(() => paybackYears([-1, Number.NaN])).toThrow(/cashflowsUsd\[1\]/);
  });
});

describe('cumulativeCashflowsUsd', () => {
  it('adds up the flows, discounted to t = 0 when a rate is given', () => {
    expect(cumulativeCashflowsUsd([1, 2, 3])).toEqual([1, 3, 6]);
    expect(cumulativeCashflowsUsd([1, 2, 3], 1)).toEqual([1, 2, 2.75]);
  });

  it('ends at the NPV when discounted [C] -100 + 60/1.1 + 60/1.21', () => {
    const cumulativeUsd = cumulativeCashflowsUsd([-100, 60, 60], 0.1);
    expect(Math.abs(cumulativeUsd.at(-1)! / 4.132231404958674 - 1)).toBeLessThanOrEqual(1e-9);
    expect(cumulativeUsd.at(-1)).toBe(npv(0.1, [-100, 60, 60]));
  });
});

const conventionalFlowsArb = fc
  .tuple(
    fc.double({ min: 1, max: 1e6, noNaN: true }),
    fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
  )
  .map(([outlayUsd, inflowsUsd]) => [-outlayUsd, ...inflowsUsd]);

describe('paybackYears properties', () => {
  it('for an outlay then inflows at r >= 0, the undiscounted payback comes no later than the discounted one', () => {
    fc.assert(
      fc.property(conventionalFlowsArb, fc.double({ min: 0, max: 1, noNaN: true }), (cashflowsUsd, rate) => {
        const undiscounted = paybackYears(cashflowsUsd);
        const discounted = paybackYears(cashflowsUsd, rate);
        if (isPaidBack(discounted)) {
          expect(isPaidBack(undiscounted)).toBe(true);
          expect(years(undiscounted)).toBeLessThanOrEqual(discounted);
        }
      }),
    );
  });

  it('the cumulative flow, interpolated at the payback, is 0 (and < 0 before it)', () => {
    fc.assert(
      fc.property(conventionalFlowsArb, (cashflowsUsd) => {
        const result = paybackYears(cashflowsUsd);
        const cumulativeUsd = cumulativeCashflowsUsd(cashflowsUsd);
        if (!isPaidBack(result)) {
          expect(cumulativeUsd.every((amountUsd) => amountUsd < 0)).toBe(true);
          return;
        }
        const year = Math.ceil(result);
        const beforeUsd = cumulativeUsd[year - 1]!;
        const fraction = result - (year - 1);
        const atPaybackUsd = beforeUsd + fraction * cashflowsUsd[year]!;
        expect(Math.abs(atPaybackUsd)).toBeLessThanOrEqual(1e-9 * Math.abs(cashflowsUsd[0]!));
        expect(cumulativeUsd.slice(0, year).every((amountUsd) => amountUsd < 0)).toBe(true);
      }),
    );
  });
});
