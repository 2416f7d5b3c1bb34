/**
 * ECONOMICS.md check values that need the shipped history or more than one module: each row names its
 * section, its tag and its tolerance.
 */
import {
  asicsPerFacilityMW,
  findAsic,
  gpusPerFacilityMW,
  hashpriceUsdPerPhDay,
  loadBtcNetworkDaily,
  logGrowthPerYear,
  MS_PER_DAY,
  marketDay,
} from 'switchyard';
import { describe, expect, it } from 'vitest';
import { miningPerItMW } from '../src/report/mining.ts';

const network = loadBtcNetworkDaily();
const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const at = (
  column: 'difficulty' | 'heightAtEndOfDay' | 'feesBtc' | 'priceUsd' | 'issuanceBtc',
  iso: string,
): number => network[column][(dayMs(iso) - network.startMs) / MS_PER_DAY]!;

describe('§1.2 halving dates [P] from the shipped end-of-day heights', () => {
  it.each([
    [1, '2012-11-28'],
    [2, '2016-07-09'],
    [3, '2020-05-11'],
    [4, '2024-04-20'],
  ])('halving %i (height 210,000 × k) falls on %s', (k, iso) => {
    const height = 210_000 * k;
    const previous = new Date(dayMs(iso) - MS_PER_DAY).toISOString().slice(0, 10);
    expect(at('heightAtEndOfDay', previous)).toBeLessThan(height);
    expect(at('heightAtEndOfDay', iso)).toBeGreaterThanOrEqual(height);
  });
});

describe('§2.3 M5, the 4th halving day in the shipped file', () => {
  it('miner revenue $105.83 M [C], within 5 % of the press $107.7 M [P]; fee share 74.1 %', () => {
    const revenueUsd =
      (at('feesBtc', '2024-04-20') + at('issuanceBtc', '2024-04-20')) * at('priceUsd', '2024-04-20');
    expect(revenueUsd / 1e6).toBeCloseTo(105.83, 2);
    expect(Math.abs(revenueUsd / 107.7e6 - 1)).toBeLessThan(0.05);
    expect(at('difficulty', '2024-04-20')).toBeCloseTo(86388558925171.02, -1);
  });

  it('M4: with fees f the halving factor is (3.125+f)/(6.25+f): 0.5229 at f = 0.3 [C]', () => {
    const at = (subsidyBtc: number): number =>
      hashpriceUsdPerPhDay({
        difficulty: 86388558925171.02,
        btcPriceUsd: 64_000,
        subsidyBtc,
        feesBtcPerBlock: 0.3,
      });
    expect(at(3.125) / at(6.25)).toBeCloseTo(0.5229, 4);
  });

  it('M6 at $21,000 gives 78.43 [C]', () => {
    const day = marketDay(network, dayMs('2023-01-14'));
    expect(
      hashpriceUsdPerPhDay({
        difficulty: day.difficulty,
        btcPriceUsd: 21_000,
        subsidyBtc: day.subsidyBtc,
        feesBtcPerBlock: day.feesBtcPerBlock,
      }),
    ).toBeCloseTo(78.43, 2);
  });

  it('M6 inputs come from the shipped 2023-01-14 row', () => {
    const day = marketDay(network, dayMs('2023-01-14'));
    expect(day.difficulty).toBeCloseTo(34093570325203.84, -1);
    expect(day.feesBtcPerBlock).toBeCloseTo(13.5821861 / 171, 10);
    expect(day.hashpriceUsdPerPhDay).toBeCloseTo(78.47, 2);
  });
});

describe('§4 site arithmetic', () => {
  it('§4.4 GPU capex per facility MW at PUE 1.3: 603.3 H100 × $30k → $18.1 M [C]', () => {
    const { gpusPerMW } = gpusPerFacilityMW({ serverPowerW: 10_200, gpusPerServer: 8, pue: 1.3 });
    expect((gpusPerMW * 30_000) / 1e6).toBeCloseTo(18.1, 1);
  });

  it('§7: 1 MW facility of S21s at $55.97/PH/day → $1.061 M/yr; energy at $50/MWh → $0.438 M/yr [C]', () => {
    const { hashratePhsPerMW } = asicsPerFacilityMW({ powerW: 3500, hashrateThs: 200, pue: 1.1 });
    expect((hashratePhsPerMW * 55.97 * 365) / 1e6).toBeCloseTo(1.061, 3);
    const perItMW = miningPerItMW({
      fleet: [{ model: findAsic('antminer-s21'), share: 1 }],
      hashpriceUsdPerPhDay: 55.97,
      priceUsdPerMWh: 50,
      terms: { pue: 1, poolFeeFraction: 0, uptimeFraction: 1, staleRejectFraction: 0 },
    });
    expect((perItMW.energyCostUsdPerDay * 365) / 1e6).toBeCloseTo(0.438, 3);
  });
});

describe('§6.2 difficulty growth from the shipped file [C]', () => {
  it('2024-04-20 → 2025-09-26: +34.8 %/yr; 2024-11-10 → 2025-09-26: +38.4 %/yr (log)', () => {
    const growth = (from: string, to: string): number =>
      logGrowthPerYear({
        from: at('difficulty', from),
        to: at('difficulty', to),
        years: (dayMs(to) - dayMs(from)) / MS_PER_DAY / 365.25,
      });
    expect(growth('2024-04-20', '2025-09-26')).toBeCloseTo(0.348, 3);
    expect(growth('2024-11-10', '2025-09-26')).toBeCloseTo(0.384, 3);
  });
});
