import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coefficientOfVariation, logReturnBeta, maxDrawdownOfRollingSum, percentile } from './stability.ts';

describe('revenue stability (ECONOMICS.md §7)', () => {
  it('CV of [100, 120, 80, 110, 90]: population 0.14142, sample 0.15811 [C]', () => {
    const r = [100, 120, 80, 110, 90];
    expect(coefficientOfVariation(r, 'population').value).toBeCloseTo(0.14142, 5);
    const sample = coefficientOfVariation(r);
    expect(sample.value).toBeCloseTo(0.15811, 5);
    expect(sample.kind).toBe('sample');
  });

  it('refuses gaps instead of returning NaN', () => {
    expect(() => coefficientOfVariation([1, Number.NaN, 3])).toThrow(/values\[1\]: must be a finite number/);
  });

  it('percentile follows PERCENTILE.INC', () => {
    expect(percentile([1, 2, 3, 4], 0.05)).toBeCloseTo(1.15, 12);
    expect(percentile([5], 0.5)).toBe(5);
  });

  it('drawdown of a rolling sum', () => {
    // 2-day sums: 20, 20, 10, 20 → peak 20, trough 10.
    expect(maxDrawdownOfRollingSum([10, 10, 10, 0, 20], 2)).toBeCloseTo(0.5, 12);
  });

  it('β of revenue that is k × price is 1; of a constant revenue 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e5, noNaN: true }), { minLength: 4, maxLength: 40 }),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (prices, k) => {
          // Near-identical prices leave log returns of ~1e-16, where β is rounding noise, not a slope.
          const varies = Math.max(...prices) / Math.min(...prices) > 1.001;
          const beta = logReturnBeta(
            prices.map((p) => p * k),
            prices,
          );
          const flat = logReturnBeta(
            prices.map(() => 5),
            prices,
          );
          return (!varies || Math.abs(beta - 1) < 1e-9) && Math.abs(flat) < 1e-12;
        },
      ),
    );
  });
});
