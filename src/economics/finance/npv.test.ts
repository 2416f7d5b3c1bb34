import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { discountFactor, npv, npvExcel, npvFromT0 } from './npv.ts';

interface Check {
  readonly id: string;
  readonly actual: () => number;
  readonly expected: number;
  /** Absolute for [P] rows (half a unit in the last published digit); relative for [C] rows. */
  readonly tolerance: { readonly abs: number } | { readonly rel: number };
}

function expectWithin(check: Check): void {
  const actual = check.actual();
  const error =
    'abs' in check.tolerance
      ? Math.abs(actual - check.expected)
      : Math.abs(actual - check.expected) / Math.abs(check.expected);
  const limit = 'abs' in check.tolerance ? check.tolerance.abs : check.tolerance.rel;
  expect(error, `${check.id}: got ${actual}, expected ${check.expected}`).toBeLessThanOrEqual(limit);
}

const excelEx2 = [8000, 9200, 10000, 12000, 14500];

// ECONOMICS.md §4.6 checks table. [C] values are the §0 prelude's npv_excel / npv_t0 evaluated in python3.
const checks: readonly Check[] = [
  {
    id: 'Microsoft Excel NPV ex. 1 [P] $1,188.44',
    actual: () => npvExcel(0.1, [-10000, 3000, 4200, 6800]),
    expected: 1188.44,
    tolerance: { abs: 0.005 },
  },
  {
    id: 'Microsoft Excel NPV ex. 1 [C]',
    actual: () => npvExcel(0.1, [-10000, 3000, 4200, 6800]),
    expected: 1188.4434123352216,
    tolerance: { rel: 1e-9 },
  },
  {
    id: 'Microsoft Excel NPV ex. 2 [P] $1,922.06 (outlay added outside NPV())',
    actual: () => npvExcel(0.08, excelEx2) - 40000,
    expected: 1922.06,
    tolerance: { abs: 0.005 },
  },
  {
    id: 'Microsoft Excel NPV ex. 2 [C], same as npvFromT0 with the outlay at t = 0',
    actual: () => npvFromT0(0.08, [-40000, ...excelEx2]),
    expected: 1922.061554932363,
    tolerance: { rel: 1e-9 },
  },
  {
    id: 'Microsoft Excel NPV ex. 2 with -9,000 in year 6 [P] -$3,749.47',
    actual: () => npvExcel(0.08, [...excelEx2, -9000]) - 40000,
    expected: -3749.47,
    tolerance: { abs: 0.005 },
  },
  {
    id: 'Microsoft Excel NPV ex. 2 with -9,000 in year 6 [C]',
    actual: () => npv(0.08, [-40000, ...excelEx2, -9000]),
    expected: -3749.4650870155747,
    tolerance: { rel: 1e-9 },
  },
  // FormCalc prints 15 significant digits; allow half a unit in the last one plus float summation order.
  {
    id: 'Adobe FormCalc NPV(0.065, 5000) [P]',
    actual: () => npvExcel(0.065, [5000]),
    expected: 4694.83568075117,
    tolerance: { abs: 5e-12 + 1e-12 },
  },
  {
    id: 'Adobe FormCalc NPV(0.10, 500, 1500, 4000, 10000) [P]',
    actual: () => npvExcel(0.1, [500, 1500, 4000, 10000]),
    expected: 11529.60863329007,
    tolerance: { abs: 5e-12 + 1e-11 },
  },
  {
    id: 'Adobe FormCalc NPV(0.0275/12, 50, 60, 40, 100, 25) [P]',
    actual: () => npvExcel(0.0275 / 12, [50, 60, 40, 100, 25]),
    expected: 273.14193838457,
    tolerance: { abs: 5e-12 + 1e-12 },
  },
  {
    id: 'Adobe FormCalc NPV(0.0275/12, ...) [C]',
    actual: () => npvExcel(0.0275 / 12, [50, 60, 40, 100, 25]),
    expected: 273.1419383845725,
    tolerance: { rel: 1e-9 },
  },
  {
    id: 'MESCIUS Spread NPV [P] $2,055.38',
    actual: () => npvExcel(0.065, [-10000, 3000, 3400, 7700]),
    expected: 2055.38,
    tolerance: { abs: 0.005 },
  },
  {
    id: 'MESCIUS Spread NPV [C]',
    actual: () => npvExcel(0.065, [-10000, 3000, 3400, 7700]),
    expected: 2055.381198828395,
    tolerance: { rel: 1e-9 },
  },
  // financial::npv mimics Excel: its first value is discounted one period (npv_t0 would give 243.4259954921).
  {
    id: 'Rust financial::npv doc example [P], equal within 1e-12 relative',
    actual: () => npvExcel(0.1, [-1000, 500, 500, 500]),
    expected: 221.29635953828267,
    tolerance: { rel: 1e-12 },
  },
  {
    id: 'npv_t0 of the Rust example [C] is one period less discounted',
    actual: () => npv(0.1, [-1000, 500, 500, 500]),
    expected: 243.42599549211099,
    tolerance: { rel: 1e-9 },
  },
];

describe('NPV against ECONOMICS.md §4.6', () => {
  it.each(checks.map((check) => [check.id, check] as const))('%s', (_, check) => expectWithin(check));

  it('npvFromT0 is npv', () => {
    expect(npvFromT0).toBe(npv);
  });

  it('leaves the t = 0 flow undiscounted and discounts npvExcel one more period', () => {
    expect(npv(0.25, [100])).toBe(100);
    expect(npvExcel(0.25, [100])).toBe(80);
    expect(npv(0.25, [0, 0, 125])).toBe(80);
  });
});

describe('discountFactor', () => {
  it('is (1 + r)^-t, also for fractional t', () => {
    expect(discountFactor(0.25, 2)).toBe(0.64);
    expect(discountFactor(0.21, 0.5)).toBeCloseTo(1 / 1.1, 15);
    expect(discountFactor(0.08, 0)).toBe(1);
  });
});

describe('NPV argument checks', () => {
  it.each([
    ['rate of -100 %', () => npv(-1, [1, 2])],
    ['rate below -100 %', () => npvExcel(-1.5, [1])],
    ['NaN rate', () => npv(Number.NaN, [1])],
    ['empty flows', () => npv(0.1, [])],
    ['infinite flow', () => npvExcel(0.1, [1, Number.POSITIVE_INFINITY])],
    ['NaN periods', () => discountFactor(0.1, Number.NaN)],
  ])('throws ValidationError for %s', (_, call) => {
    expect(call).toThrow(ValidationError);
  });

  it('names the offending flow', () => {
    expect(() => npv(0.1, [1, 2, Number.NaN])).toThrow(/cashflowsUsd\[2\]/);
  });
});

const rateArb = fc.double({ min: -0.95, max: 5, noNaN: true });
const flowsArb = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });

describe('NPV properties', () => {
  it('npvExcel(r, f) is exactly npv(r, [0, ...f])', () => {
    fc.assert(
      fc.property(rateArb, flowsArb, (ratePerPeriod, cashflowsUsd) => {
        expect(npvExcel(ratePerPeriod, cashflowsUsd)).toBe(npv(ratePerPeriod, [0, ...cashflowsUsd]));
      }),
    );
  });

  it('npvExcel(r, f) equals npv(r, f) / (1 + r) to rounding', () => {
    fc.assert(
      fc.property(rateArb, flowsArb, (ratePerPeriod, cashflowsUsd) => {
        // Rounding scales with the size of the terms, not with the (possibly cancelling) sum.
        const termScaleUsd = cashflowsUsd.reduce(
          (sum, amountUsd, period) => sum + Math.abs(amountUsd) / (1 + ratePerPeriod) ** (period + 1),
          0,
        );
        const gap = Math.abs(
          npvExcel(ratePerPeriod, cashflowsUsd) - npv(ratePerPeriod, cashflowsUsd) / (1 + ratePerPeriod),
        );
        expect(gap).toBeLessThanOrEqual(1e-12 * termScaleUsd + 1e-300);
      }),
    );
  });
});
