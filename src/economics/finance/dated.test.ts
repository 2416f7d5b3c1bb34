import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { type DatedFlow, xirr, xnpv } from './dated.ts';
import { irr } from './irr.ts';
import { npv } from './npv.ts';

const MS_PER_DAY = 86_400_000;
const utc = (year: number, month: number, day: number, hour = 0): number =>
  Date.UTC(year, month - 1, day, hour);

// Microsoft XNPV and XIRR docs: the same five flows in both examples.
const excelFlows: readonly DatedFlow[] = [
  { atMs: utc(2008, 1, 1), amountUsd: -10000 },
  { atMs: utc(2008, 3, 1), amountUsd: 2750 },
  { atMs: utc(2008, 10, 30), amountUsd: 4250 },
  { atMs: utc(2009, 2, 15), amountUsd: 3250 },
  { atMs: utc(2009, 4, 1), amountUsd: 2750 },
];

function rateOf(result: ReturnType<typeof xirr>): number {
  if (!result.ok) throw new Error(`expected an XIRR, got ${result.reason}: ${result.message}`);
  return result.rate;
}

describe('XNPV and XIRR against ECONOMICS.md §4.6', () => {
  it.each([
    // [P] to the published rounding; [C] = Σ c / 1.09^(days/365) in python3, relative 1e-9.
    {
      id: 'Excel XNPV [P] 2086.6476 (1e-4)',
      actual: () => xnpv(0.09, excelFlows),
      expected: 2086.6476,
      abs: 1e-4,
    },
    { id: 'Excel XNPV [P] $2,086.65', actual: () => xnpv(0.09, excelFlows), expected: 2086.65, abs: 0.005 },
    { id: 'Excel XNPV [C]', actual: () => xnpv(0.09, excelFlows), expected: 2086.647602031535, rel: 1e-9 },
    {
      id: 'Excel XIRR [P] 0.373362535 (1e-8)',
      actual: () => rateOf(xirr(excelFlows)),
      expected: 0.373362535,
      abs: 1e-8,
    },
    {
      id: 'Excel XIRR [C]',
      actual: () => rateOf(xirr(excelFlows, 0.1)),
      expected: 0.37336253351883136,
      rel: 1e-9,
    },
  ])('$id', ({ actual, expected, ...tolerance }) => {
    const error = Math.abs(actual() - expected);
    if ('abs' in tolerance) expect(error).toBeLessThanOrEqual(tolerance.abs);
    else expect(error / Math.abs(expected)).toBeLessThanOrEqual(tolerance.rel);
  });

  it('XNPV at the XIRR is ~0', () => {
    expect(Math.abs(xnpv(rateOf(xirr(excelFlows)), excelFlows))).toBeLessThan(1e-9);
  });
});

describe('day count', () => {
  it('is Actual/365 in whole days, not 365.25: a leap year is 366/365 of a year', () => {
    const leapYear = [
      { atMs: utc(2020, 1, 1), amountUsd: -100 },
      { atMs: utc(2021, 1, 1), amountUsd: 110 },
    ];
    expect(rateOf(xirr(leapYear))).toBeCloseTo(1.1 ** (365 / 366) - 1, 14);
    expect(xnpv(0.1, leapYear)).toBeCloseTo(-100 + 110 / 1.1 ** (366 / 365), 12);
  });

  it('ignores a time-of-day offset of under half a day', () => {
    const shifted = excelFlows.map((flow, index) =>
      index === 0 ? flow : { ...flow, atMs: flow.atMs + (index % 2 === 0 ? 11 : -11) * 3_600_000 },
    );
    expect(xnpv(0.09, shifted)).toBe(xnpv(0.09, excelFlows));
  });

  it('takes the first flow in the array as the start; later flows may come in any order', () => {
    const [first, ...rest] = excelFlows;
    const reordered = [first!, ...rest.reverse()];
    expect(xnpv(0.09, reordered)).toBeCloseTo(xnpv(0.09, excelFlows), 9);
    expect(rateOf(xirr(reordered))).toBeCloseTo(rateOf(xirr(excelFlows)), 12);
  });
});

describe('dated flows: outcomes and argument checks', () => {
  it('gives typed results for too few flows and no sign change', () => {
    expect(xirr([])).toMatchObject({ ok: false, reason: 'tooFewFlows' });
    expect(xirr(excelFlows.slice(0, 1))).toMatchObject({ ok: false, reason: 'tooFewFlows' });
    expect(xirr(excelFlows.slice(1))).toMatchObject({ ok: false, reason: 'noSignChange' });
  });

  it('throws when a flow precedes the first one, naming it', () => {
    const early = [...excelFlows, { atMs: utc(2007, 12, 1), amountUsd: 5 }];
    expect(() => xnpv(0.09, early)).toThrow(ValidationError);
    expect(() => xirr(early)).toThrow(/flows\[5\]\.atMs/);
  });

  it.each([
    ['no flows for XNPV', () => xnpv(0.09, [])],
    ['a NaN amount', () => xnpv(0.09, [{ atMs: 0, amountUsd: Number.NaN }])],
    ['a non-finite date', () => xirr([{ atMs: Number.POSITIVE_INFINITY, amountUsd: 1 }])],
    ['a rate of -100 %', () => xnpv(-1, excelFlows)],
    ['a guess of -150 %', () => xirr(excelFlows, -1.5)],
  ])('throws ValidationError for %s', (_, call) => {
    expect(call).toThrow(ValidationError);
  });
});

describe('dated flows properties', () => {
  // Flows exactly 365 days apart are whole Actual/365 years, so the dated and periodic versions must agree.
  const yearlyArb = fc.tuple(
    fc.integer({ min: 0, max: 20_000 }).map((day) => day * MS_PER_DAY),
    fc.double({ min: 1, max: 1e6, noNaN: true }),
    fc.array(fc.double({ min: -1e5, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 25 }),
  );

  it('XNPV on 365-day steps equals NPV from t = 0, and XIRR equals IRR', () => {
    fc.assert(
      fc.property(
        yearlyArb,
        fc.double({ min: -0.5, max: 3, noNaN: true }),
        ([startMs, outlayUsd, restUsd], rate) => {
          const cashflowsUsd = [-outlayUsd, ...restUsd];
          const flows = cashflowsUsd.map((amountUsd, year) => ({
            atMs: startMs + year * 365 * MS_PER_DAY,
            amountUsd,
          }));
          const termScaleUsd = cashflowsUsd.reduce(
            (sum, amountUsd, t) => sum + Math.abs(amountUsd) / (1 + rate) ** t,
            0,
          );
          expect(Math.abs(xnpv(rate, flows) - npv(rate, cashflowsUsd))).toBeLessThanOrEqual(
            1e-12 * termScaleUsd,
          );
          const dated = xirr(flows);
          const periodic = irr(cashflowsUsd);
          expect(dated.ok).toBe(periodic.ok);
          if (dated.ok && periodic.ok) {
            expect(dated.roots.length).toBe(periodic.roots.length);
            expect(Math.abs(dated.rate - periodic.rate)).toBeLessThanOrEqual(
              1e-9 * Math.max(1, Math.abs(periodic.rate)),
            );
          }
        },
      ),
    );
  });
});
