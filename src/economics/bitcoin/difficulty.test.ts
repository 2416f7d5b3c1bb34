import { describe, expect, it } from 'vitest';
import {
  difficultyFromBits,
  expectedBlocksPerDay,
  expectedTimeToBlockS,
  networkHashrateHs,
} from './difficulty.ts';

const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('difficulty and hashrate (ECONOMICS.md §1.4-1.5)', () => {
  const cases = [
    {
      what: 'difficultyFromBits(0x1d00d86a) [C]',
      actual: () => difficultyFromBits(0x1d00d86a),
      expected: 1.1828995343128408,
      tol: 1e-12,
    },
    {
      what: 'difficultyFromBits(0x17034219), block 840,000 [C][P]',
      actual: () => difficultyFromBits(0x17034219),
      expected: 86388558925171.02,
      tol: 1e-12,
    },
    {
      what: 'hashrate at the 4th halving, EH/s [C]',
      actual: () => networkHashrateHs(86388558925171.02) / 1e18,
      expected: 618.39,
      tol: 1e-5,
    },
    {
      what: 'hashrate 2024-11-12, EH/s [C]',
      actual: () => networkHashrateHs(101646843652784.61) / 1e18,
      expected: 727.62,
      tol: 1e-5,
    },
    {
      what: 'Hashrate Index 7D 733.11 EH/s [P], ±0.8 %',
      actual: () => networkHashrateHs(101646843652784.61) / 1e18,
      expected: 733.11,
      tol: 0.008,
    },
    {
      what: 'one 200 TH/s S21 waits 69.17 years [C]',
      actual: () => expectedTimeToBlockS(200e12, 101646843652784.61) / 86400 / 365.25,
      expected: 69.17,
      tol: 1e-4,
    },
    {
      what: '1 EH/s finds 0.19791 blocks/day [C]',
      actual: () => expectedBlocksPerDay(1e18, 101646843652784.61),
      expected: 0.19791,
      tol: 2e-5,
    },
  ];
  it.each(cases)('$what', ({ actual, expected, tol }) => {
    expect(rel(actual(), expected)).toBeLessThanOrEqual(tol);
  });

  it('uses the observed block interval when given', () => {
    expect(networkHashrateHs(1, 300)).toBeCloseTo(2 * networkHashrateHs(1), 6);
  });

  it('rejects zero difficulty with the field named', () => {
    expect(() => networkHashrateHs(0)).toThrow(/difficulty: must be > 0/);
  });
});
