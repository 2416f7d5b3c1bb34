import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import {
  decliningBalanceDepreciationUsd,
  decliningBalanceScheduleUsd,
  fixedDecliningBalanceDepreciationUsd,
  fixedDecliningBalanceRatePerYear,
  fixedDecliningBalanceScheduleUsd,
  straightLineDepreciationUsd,
} from './depreciation.ts';

const relativeError = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('straight line (Excel SLN, ECONOMICS.md §4.5)', () => {
  it('Excel SLN example [P] 2,250 and [C] (30000 - 7500) / 10', () => {
    expect(straightLineDepreciationUsd({ costUsd: 30000, salvageUsd: 7500, lifePeriods: 10 })).toBe(2250);
  });

  it('accepts a fractional life', () => {
    expect(straightLineDepreciationUsd({ costUsd: 1000, salvageUsd: 0, lifePeriods: 2.5 })).toBe(400);
  });
});

// Excel DDB example: cost 2,400, salvage 300, life 10 years. [P] to the published cent (±0.005);
// [C] from the §4.5 python `ddb`, relative 1e-9.
const ddbAsset = { costUsd: 2400, salvageUsd: 300 } as const;
const ddbChecks = [
  { id: 'first day', lifePeriods: 3650, period: 1, factor: 2, published: 1.32, computed: 1.3150684931506849 },
  { id: 'first month', lifePeriods: 120, period: 1, factor: 2, published: 40.0, computed: 40.0 },
  { id: 'first year', lifePeriods: 10, period: 1, factor: 2, published: 480.0, computed: 480.0 },
  {
    id: 'second year, factor 1.5',
    lifePeriods: 10,
    period: 2,
    factor: 1.5,
    published: 306.0,
    computed: 306.0,
  },
  {
    id: 'tenth year',
    lifePeriods: 10,
    period: 10,
    factor: 2,
    published: 22.12,
    computed: 22.122547200000042,
  },
] as const;

describe('double-declining balance (Excel DDB, ECONOMICS.md §4.5)', () => {
  it.each(ddbChecks)(
    '$id: [P] $published, [C] $computed',
    ({ lifePeriods, period, factor, published, computed }) => {
      const depreciationUsd = decliningBalanceDepreciationUsd({ ...ddbAsset, lifePeriods, period, factor });
      expect(Math.abs(depreciationUsd - published)).toBeLessThanOrEqual(0.005);
      expect(relativeError(depreciationUsd, computed)).toBeLessThanOrEqual(1e-9);
    },
  );

  it('defaults the factor to 2', () => {
    expect(decliningBalanceDepreciationUsd({ ...ddbAsset, lifePeriods: 10, period: 3 })).toBe(
      decliningBalanceDepreciationUsd({ ...ddbAsset, lifePeriods: 10, period: 3, factor: 2 }),
    );
  });

  it('stops at salvage instead of going below it (hand-computed: 1000 -> 500 -> 250 -> 200)', () => {
    expect(decliningBalanceScheduleUsd({ costUsd: 1000, salvageUsd: 200, lifePeriods: 4 })).toEqual([
      500, 250, 50, 0,
    ]);
  });
});

describe('fixed-declining balance (Excel DB, ECONOMICS.md §4.6)', () => {
  const asset = { costUsd: 1_000_000, salvageUsd: 100_000, lifeYears: 6, monthsInFirstYear: 7 } as const;
  // [P] Microsoft DB docs, to the cent; [C] python3 iteration with the rounded rate 0.319, relative 1e-9.
  const years = [
    { year: 1, published: 186083.33, computed: 186083.33333333334 },
    { year: 2, published: 259639.42, computed: 259639.41666666666 },
    { year: 3, published: 176814.44, computed: 176814.44275000002 },
    { year: 4, published: 120410.64, computed: 120410.63551274998 },
    { year: 5, published: 81999.64, computed: 81999.64278418274 },
    { year: 6, published: 55841.76, computed: 55841.75673602846 },
    { year: 7, published: 15845.1, computed: 15845.098473848071 },
  ] as const;

  it('rounds the rate to three decimals: round(1 - 0.1^(1/6), 3) = 0.319', () => {
    expect(fixedDecliningBalanceRatePerYear(asset)).toBe(0.319);
  });

  it.each(years)('year $year: [P] $published, [C] $computed', ({ year, published, computed }) => {
    const depreciationUsd = fixedDecliningBalanceDepreciationUsd({ ...asset, period: year });
    expect(Math.abs(depreciationUsd - published)).toBeLessThanOrEqual(0.005);
    expect(relativeError(depreciationUsd, computed)).toBeLessThanOrEqual(1e-9);
  });

  it('has life + 1 years only when the first year is partial', () => {
    expect(fixedDecliningBalanceScheduleUsd(asset)).toHaveLength(7);
    expect(fixedDecliningBalanceScheduleUsd({ ...asset, monthsInFirstYear: 12 })).toHaveLength(6);
    expect(() =>
      fixedDecliningBalanceDepreciationUsd({ ...asset, monthsInFirstYear: 12, period: 7 }),
    ).toThrow(ValidationError);
  });
});

describe('depreciation argument checks', () => {
  it.each([
    [
      'salvage above cost',
      () => straightLineDepreciationUsd({ costUsd: 10, salvageUsd: 11, lifePeriods: 2 }),
    ],
    ['zero life', () => straightLineDepreciationUsd({ costUsd: 10, salvageUsd: 0, lifePeriods: 0 })],
    ['negative cost', () => decliningBalanceScheduleUsd({ costUsd: -1, salvageUsd: 0, lifePeriods: 3 })],
    [
      'fractional DDB life',
      () => decliningBalanceScheduleUsd({ costUsd: 10, salvageUsd: 0, lifePeriods: 2.5 }),
    ],
    [
      'zero factor',
      () => decliningBalanceScheduleUsd({ costUsd: 10, salvageUsd: 0, lifePeriods: 3, factor: 0 }),
    ],
    [
      'period 0',
      () => decliningBalanceDepreciationUsd({ costUsd: 10, salvageUsd: 0, lifePeriods: 3, period: 0 }),
    ],
    [
      'period past life',
      () => decliningBalanceDepreciationUsd({ costUsd: 10, salvageUsd: 0, lifePeriods: 3, period: 4 }),
    ],
    [
      '13 months',
      () =>
        fixedDecliningBalanceScheduleUsd({ costUsd: 10, salvageUsd: 1, lifeYears: 3, monthsInFirstYear: 13 }),
    ],
  ])('throws ValidationError for %s', (_, call) => {
    expect(call).toThrow(ValidationError);
  });
});

describe('depreciation properties', () => {
  const assetArb = fc
    .record({
      costUsd: fc.double({ min: 0, max: 1e9, noNaN: true }),
      salvageShare: fc.double({ min: 0, max: 1, noNaN: true }),
      lifePeriods: fc.integer({ min: 1, max: 60 }),
      factor: fc.double({ min: 0.1, max: 4, noNaN: true }),
    })
    .map(({ costUsd, salvageShare, ...rest }) => ({ costUsd, salvageUsd: costUsd * salvageShare, ...rest }));

  it('a DDB schedule sums to at most cost - salvage and never takes the book value below salvage', () => {
    fc.assert(
      fc.property(assetArb, (asset) => {
        const schedule = decliningBalanceScheduleUsd(asset);
        expect(schedule).toHaveLength(asset.lifePeriods);
        const slackUsd = 1e-9 * asset.costUsd;
        let bookValueUsd = asset.costUsd;
        for (const depreciationUsd of schedule) {
          expect(depreciationUsd).toBeGreaterThanOrEqual(0);
          bookValueUsd -= depreciationUsd;
          expect(bookValueUsd).toBeGreaterThanOrEqual(asset.salvageUsd - slackUsd);
        }
        const totalUsd = schedule.reduce((sum, depreciationUsd) => sum + depreciationUsd, 0);
        expect(totalUsd).toBeLessThanOrEqual(asset.costUsd - asset.salvageUsd + slackUsd);
      }),
    );
  });

  it('DDB charges never increase from one period to the next', () => {
    fc.assert(
      fc.property(assetArb, (asset) => {
        const schedule = decliningBalanceScheduleUsd(asset);
        schedule.slice(1).forEach((depreciationUsd, index) => {
          expect(depreciationUsd).toBeLessThanOrEqual(schedule[index]! * (1 + 1e-12));
        });
      }),
    );
  });
});
