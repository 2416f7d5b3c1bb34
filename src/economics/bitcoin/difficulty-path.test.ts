import { describe, expect, it } from 'vitest';
import { constantGrowthDifficultyPath, equilibriumDifficultyPath } from './difficulty-path.ts';

describe('difficulty paths', () => {
  it('constant growth compounds continuously at mid-month', () => {
    const path = constantGrowthDifficultyPath({ startDifficulty: 100, months: 24, growthPerYear: 0.3 });
    expect(path[0]).toBeCloseTo(100 * Math.exp(0.3 / 24), 12);
    expect(path[12]! / path[0]!).toBeCloseTo(Math.exp(0.3), 12);
  });

  it('moves 1/12 of the log gap per month towards K/hashcost and stays there', () => {
    // K = 2e15, hashcost = 10 → D* = 2e14; start at 1e14 (half of it).
    const path = equilibriumDifficultyPath({
      startDifficulty: 1e14,
      months: 240,
      hashpriceAtDifficultyOneUsdPerPhDay: () => 2e15,
      marginalHashcostUsdPerPhDay: () => 10,
      adjustmentPerYear: 1,
    });
    expect(path[0]! / 1e14).toBeCloseTo(1, 12);
    expect(Math.log(path[1]! / 1e14)).toBeCloseTo(Math.log(2) / 12, 12);
    expect(path[239]! / 2e14).toBeCloseTo(1, 6);
  });

  it('a halving of K (the subsidy) halves the equilibrium difficulty', () => {
    const path = equilibriumDifficultyPath({
      startDifficulty: 2e14,
      months: 600,
      hashpriceAtDifficultyOneUsdPerPhDay: (t) => (t < 1 ? 2e15 : 1e15),
      marginalHashcostUsdPerPhDay: () => 10,
      adjustmentPerYear: 2,
    });
    expect(path[11]! / 2e14).toBeCloseTo(1, 9);
    expect(path[599]! / 1e14).toBeCloseTo(1, 9);
  });
});
