import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedBlocksPerDay } from './difficulty.ts';
import {
  breakEvenPowerPriceUsdPerMWh,
  hashcostUsdPerPhDay,
  hashpriceUsdPerPhDay,
  miningRevenueUsd,
} from './hashprice.ts';

const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const hp = (difficulty: number, rewardBtc: number, btcPriceUsd: number): number =>
  hashpriceUsdPerPhDay({ difficulty, btcPriceUsd, subsidyBtc: rewardBtc, feesBtcPerBlock: 0 });

describe('hashprice against ECONOMICS.md §2.3', () => {
  // [C] values: our formula with the doc's inputs, to the printed precision; [P] values: the published figure.
  const cases = [
    { id: 'M1 [C]', actual: hp(101646843652784.61, 3.28, 87235), expected: 56.63, tol: 1e-4 },
    {
      id: 'M1 [P] Hashrate Index $55.97, ±3 %',
      actual: hp(101646843652784.61, 3.28, 87235),
      expected: 55.97,
      tol: 0.03,
    },
    { id: 'M2 [C]', actual: hp(152e12, 3.125 + 0.05, 91000), expected: 38.24, tol: 2e-4 },
    { id: 'M2 [C] no fees', actual: hp(152e12, 3.125, 91000), expected: 37.64, tol: 2e-4 },
    { id: 'M2 [P] Luxor $38.2, ±3 %', actual: hp(152e12, 3.175, 91000), expected: 38.2, tol: 0.03 },
    { id: 'M3 [C]', actual: hp(156e12, 3.175, 104000), expected: 42.58, tol: 2e-4 },
    { id: 'M3 [C] no fees', actual: hp(156e12, 3.125, 104000), expected: 41.91, tol: 2e-4 },
    { id: 'M3 [P] $43.1, ±3 %', actual: hp(156e12, 3.175, 104000), expected: 43.1, tol: 0.03 },
    {
      id: 'M5 [C] one block like 840,000 as a day',
      actual: hp(86388558925171.02, 40.7506, 64000),
      expected: 607.3,
      tol: 1e-4,
    },
    {
      id: 'M6 [C] 2023-01-14 shipped row',
      actual: hashpriceUsdPerPhDay({
        difficulty: 34093570325203.84,
        btcPriceUsd: 21010.9227200468,
        subsidyBtc: 6.25,
        feesBtcPerBlock: 13.5821861 / 171,
      }),
      expected: 78.47,
      tol: 1e-4,
    },
    {
      id: 'M6 [P] $78, ±5 %',
      actual: hp(34093570325203.84, 6.25 + 13.5821861 / 171, 21010.9227200468),
      expected: 78,
      tol: 0.05,
    },
  ];
  it.each(cases)('$id', ({ actual, expected, tol }) => {
    expect(rel(actual, expected)).toBeLessThanOrEqual(tol);
  });

  it('M5 [C]: $182/PH/day at $64,900 implies 12.04 BTC per block', () => {
    const rewardBtc = 182 / (expectedBlocksPerDay(1e15, 86388558925171.02) * 64900);
    expect(rewardBtc).toBeCloseTo(12.04, 2);
  });

  it('M9 [C]: 0.64913 BTC/day per EH/s at the M1 snapshot', () => {
    expect(rel(expectedBlocksPerDay(1e18, 101646843652784.61) * 3.28, 0.64913)).toBeLessThan(1e-5);
  });
});

describe('break-even power price', () => {
  // M4 [P]: Hashrate Index 2024-04-01 published breakevens at $54.3/PH/day, USD/kWh, tolerance ±0.006.
  const m4 = [
    { model: 'S21', jPerTh: 17.5, published: 0.13, computed: 0.1293 },
    { model: 'M60S', jPerTh: 18.5, published: 0.12, computed: 0.1223 },
    { model: 'M50S++', jPerTh: 22, published: 0.1, computed: 0.1028 },
    { model: 'S19 XP', jPerTh: 21.5, published: 0.1, computed: 0.1052 },
    { model: 'S19j Pro', jPerTh: 29.5, published: 0.075, computed: 0.0767 },
    { model: 'M30S+', jPerTh: 34, published: 0.067, computed: 0.0665 },
  ];
  it.each(m4)(
    'M4 $model: published $published/kWh (±0.006), [C] $computed',
    ({ jPerTh, published, computed }) => {
      const usdPerKWh =
        breakEvenPowerPriceUsdPerMWh({
          hashpriceUsdPerPhDay: 54.3,
          efficiencyJPerTh: jPerTh,
          pue: 1,
          poolFeeFraction: 0,
        }) / 1000;
      expect(Math.abs(usdPerKWh - published)).toBeLessThanOrEqual(0.006);
      expect(Math.abs(usdPerKWh - computed)).toBeLessThanOrEqual(0.00005);
    },
  );

  // M7 [C]: USD/MWh at $55.97/PH/day; bare and with PUE 1.10 and a 2.5 % pool fee.
  const m7 = [
    { model: 'S19', jPerTh: 3250 / 95, bare: 68.17, loaded: 60.42 },
    { model: 'S21', jPerTh: 17.5, bare: 133.26, loaded: 118.12 },
    { model: 'S9', jPerTh: 98, bare: 23.8, loaded: 21.09 },
    { model: 'S21 XP', jPerTh: 13.5, bare: 172.75, loaded: 153.12 },
  ];
  it.each(m7)('M7 $model: $bare and $loaded USD/MWh', ({ jPerTh, bare, loaded }) => {
    const at = (pue: number, poolFeeFraction: number): number =>
      breakEvenPowerPriceUsdPerMWh({
        hashpriceUsdPerPhDay: 55.97,
        efficiencyJPerTh: jPerTh,
        pue,
        poolFeeFraction,
      });
    expect(at(1, 0)).toBeCloseTo(bare, 2);
    expect(at(1.1, 0.025)).toBeCloseTo(loaded, 2);
  });

  it('M8 [C]: one S21 day at $55.97 and $50/MWh; hashcost $21.0/PH/day', () => {
    const revenueUsd = miningRevenueUsd({
      hashrateThs: 200,
      hashpriceUsdPerPhDay: 55.97,
      durationH: 24,
      poolFeeFraction: 0,
    });
    const energyCostUsd = 3.5 * 24 * 0.05;
    expect(revenueUsd).toBeCloseTo(11.194, 9);
    expect(revenueUsd - energyCostUsd).toBeCloseTo(6.994, 9);
    expect(hashcostUsdPerPhDay({ efficiencyJPerTh: 17.5, pue: 1, priceUsdPerMWh: 50 })).toBeCloseTo(21.0, 9);
  });

  it('at the break-even price, net revenue equals facility energy cost (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 5, max: 150, noNaN: true }),
        fc.double({ min: 1, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (hashpriceUsd, jPerTh, pue, poolFeeFraction) => {
          const priceUsdPerMWh = breakEvenPowerPriceUsdPerMWh({
            hashpriceUsdPerPhDay: hashpriceUsd,
            efficiencyJPerTh: jPerTh,
            pue,
            poolFeeFraction,
          });
          const revenueUsd = miningRevenueUsd({
            hashrateThs: 1000,
            hashpriceUsdPerPhDay: hashpriceUsd,
            durationH: 24,
            poolFeeFraction,
          });
          const costUsd = hashcostUsdPerPhDay({ efficiencyJPerTh: jPerTh, pue, priceUsdPerMWh });
          return Math.abs(revenueUsd / costUsd - 1) < 1e-9;
        },
      ),
    );
  });

  it('rejects a PUE below 1 and a pool fee of 100 %', () => {
    expect(() =>
      breakEvenPowerPriceUsdPerMWh({
        hashpriceUsdPerPhDay: 50,
        efficiencyJPerTh: 17.5,
        pue: 0.9,
        poolFeeFraction: 0,
      }),
    ).toThrow(/pue: must be >= 1/);
    expect(() =>
      breakEvenPowerPriceUsdPerMWh({
        hashpriceUsdPerPhDay: 50,
        efficiencyJPerTh: 17.5,
        pue: 1,
        poolFeeFraction: 1,
      }),
    ).toThrow(/poolFeeFraction/);
  });
});
