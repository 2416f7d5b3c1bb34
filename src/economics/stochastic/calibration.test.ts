import { describe, expect, it } from 'vitest';
import {
  annualVolatilityFromDaily,
  decayToFloor,
  gbmDriftFromLogReturns,
  gbmMeanUsd,
  gbmQuantileUsd,
  halfLifeDays,
  logGrowthPerYear,
  simpleFromLogRate,
} from './calibration.ts';

const Z95 = 1.6448536269514722;

describe('ECONOMICS.md §6 check values', () => {
  const oneYear = { startUsd: 100_000, driftPerYear: 0, volatilityPerYear: 0.6, years: 1 };

  it('§6.1 GBM, σ 0.60, μ 0, 1 year from $100,000: median $83,527, mean $100,000, 90 % band $31,133-$224,098 [C]', () => {
    expect(gbmQuantileUsd(oneYear, 0)).toBeCloseTo(83_527, 0);
    expect(gbmMeanUsd(oneYear)).toBe(100_000);
    expect(gbmQuantileUsd(oneYear, -Z95)).toBeCloseTo(31_133, -1);
    expect(gbmQuantileUsd(oneYear, Z95)).toBeCloseTo(224_098, -1);
  });

  it('§6.1 daily σ of 0.60 a year is 3.14 % [C]; drift from log returns adds σ²/2 once', () => {
    expect(0.6 / Math.sqrt(365)).toBeCloseTo(0.0314, 4);
    expect(annualVolatilityFromDaily(0.6 / Math.sqrt(365))).toBeCloseTo(0.6, 12);
    expect(gbmDriftFromLogReturns(-0.18 / 365, 0.6)).toBeCloseTo(0, 12);
  });

  it('§6.2 efficiency trend: S19 → S21 −16.8 %/yr, S9 → S21 XP −24.8 %/yr (log) [C]', () => {
    expect(logGrowthPerYear({ from: 34.2105, to: 17.5, years: 4 })).toBeCloseTo(-0.168, 3);
    expect(logGrowthPerYear({ from: 98, to: 13.5, years: 8 })).toBeCloseTo(-0.248, 3);
  });

  it('§6.4 κ = 50/yr halves a deviation in 5.06 days [C]', () => {
    expect(halfLifeDays(50)).toBeCloseTo(5.06, 2);
  });

  it('§6.5 H100 rental declines: $8 → $2 in 2.5 y −55 %/yr (−43 % simple); $4.70 → $2.35 in 3 y −23 %/yr; $2.99 → $1.70 in 1 y −56 %/yr [C]', () => {
    const a = logGrowthPerYear({ from: 8, to: 2, years: 2.5 });
    expect(a).toBeCloseTo(-0.555, 3);
    expect(simpleFromLogRate(a)).toBeCloseTo(-0.426, 3);
    expect(logGrowthPerYear({ from: 4.7, to: 2.35, years: 3 })).toBeCloseTo(-0.231, 3);
    expect(logGrowthPerYear({ from: 2.99, to: 1.7, years: 1 })).toBeCloseTo(-0.565, 3);
  });

  it('decays towards the floor and never below it', () => {
    expect(decayToFloor({ startUsd: 3, floorUsd: 1.65, lambdaPerYear: 0.25, years: 0 })).toBe(3);
    expect(decayToFloor({ startUsd: 3, floorUsd: 1.65, lambdaPerYear: 0.25, years: 100 })).toBeCloseTo(
      1.65,
      9,
    );
  });
});
