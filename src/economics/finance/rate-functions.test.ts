import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npv } from './npv.ts';
import { datedRateFunction, periodicRateFunction, type RateFunction } from './rate-functions.ts';

const flowsArb = fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 20 });
const rateArb = fc.double({ min: -0.9, max: 5, noNaN: true });

// Central difference, step scaled to the rate, compared loosely: it only has to catch a wrong slope formula.
function expectSlopeMatchesDifference(f: RateFunction, rate: number): void {
  const step = 1e-6 * (1 + Math.abs(rate));
  const difference = (f.value(rate + step) - f.value(rate - step)) / (2 * step);
  const scale = Math.abs(difference) + Math.abs(f.value(rate)) + 1e-6;
  expect(Math.abs(f.slope(rate) - difference)).toBeLessThanOrEqual(1e-4 * scale);
}

describe.each([
  ['periodic', (amountsUsd: number[]) => periodicRateFunction(amountsUsd)],
  [
    'dated',
    (amountsUsd: number[]) =>
      datedRateFunction(
        amountsUsd,
        amountsUsd.map((_, t) => t),
      ),
  ],
])('%s rate function', (_, build) => {
  it('is NPV at r >= 0 and NPV × (1 + r)^T below 0 %, so it has the sign and roots of NPV', () => {
    fc.assert(
      fc.property(flowsArb, rateArb, (amountsUsd, rate) => {
        const lastTime = amountsUsd.length - 1;
        const expected = npv(rate, amountsUsd) * (rate >= 0 ? 1 : (1 + rate) ** lastTime);
        const termScaleUsd = amountsUsd.reduce((sum, amountUsd) => sum + Math.abs(amountUsd), 0);
        expect(Math.abs(build(amountsUsd).value(rate) - expected)).toBeLessThanOrEqual(1e-12 * termScaleUsd);
      }),
    );
  });

  it('has a slope that matches a finite difference away from 0 %', () => {
    fc.assert(
      fc.property(flowsArb, fc.constantFrom(-0.6, -0.2, 0.05, 0.3, 2.5), (amountsUsd, rate) => {
        expectSlopeMatchesDifference(build(amountsUsd), rate);
      }),
    );
  });
});

describe('overflow guard', () => {
  // 200 yearly flows at -99 %: the plain NPV terms reach 100^199 and overflow, and +∞ − ∞ gives NaN.
  const amountsUsd = Array.from({ length: 200 }, (_, t) => (t % 2 === 0 ? -1 : 1));

  it('plain NPV is NaN there, the rate functions stay finite', () => {
    expect(Number.isNaN(npv(-0.99, amountsUsd))).toBe(true);
    const times = amountsUsd.map((_, t) => t);
    for (const f of [periodicRateFunction(amountsUsd), datedRateFunction(amountsUsd, times)]) {
      expect(Number.isFinite(f.value(-0.99))).toBe(true);
      expect(Number.isFinite(f.slope(-0.99))).toBe(true);
    }
  });
});
