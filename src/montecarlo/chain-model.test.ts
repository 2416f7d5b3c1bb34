/**
 * ECONOMICS.md §6.6: a simulated chain crossing height 1,050,000 switches to 156,250,000 sat at exactly that
 * block, even mid-day; and the retarget rule pulls blocks per day back to 144 after a hashrate step.
 */
import { describe, expect, it } from 'vitest';
import { blockSubsidySats } from '../economics/bitcoin/subsidy.ts';
import { ChainModel } from './chain-model.ts';
import { DayDraws } from './draws.ts';
import type { McInputs } from './inputs.ts';
import { rngFor } from './rng.ts';

const DIFFICULTY = 1.4e14;
const tenMinuteHashrateHs = (DIFFICULTY * 2 ** 32) / 600;

function chain(overrides: Partial<McInputs['chain']>): McInputs['chain'] {
  return {
    startHeight: 1_049_700,
    startDifficulty: DIFFICULTY,
    startHashrateHs: tenMinuteHashrateHs,
    blocksInEpoch: 0,
    epochElapsedS: 0,
    halvingIntervalBlocks: 210_000,
    retargetBlocks: 2016,
    targetSpacingS: 600,
    marginalFleetJPerTh: 25,
    efficiencyTrendPerYear: 0,
    marginalPowerUsdPerMWh: 50,
    marginalPue: 1.1,
    powerShareOfRevenue: 1,
    adjustmentPerYear: 0,
    lagDays: 0,
    volatilityPerYear: 0,
    ...overrides,
  };
}

describe('halving by height', () => {
  it('pays each block the subsidy of its own height, switching at exactly 1,050,000', () => {
    const model = new ChainModel(chain({}), 30);
    model.reset();
    const draws = new DayDraws(30, 5, 2);
    draws.fill(rngFor(1, 0));
    let crossedMidDay = false;
    for (let day = 0; day < 6; day++) {
      const before = model.height;
      model.step(draws, day, { priceUsd: 100_000 }, { feesBtcPerBlock: 0.05 });
      let expectedSats = 0n;
      for (let h = before + 1; h <= model.height; h++) expectedSats += blockSubsidySats(h);
      expect(BigInt(model.subsidySatsToday)).toBe(expectedSats);
      if (before + 1 < 1_050_000 && model.height >= 1_050_000) {
        crossedMidDay = before + 1 < 1_050_000 && model.height > 1_050_000;
        // Blocks 1,049,701+ … 1,049,999 at 3.125 BTC, 1,050,000 on at 1.5625 BTC.
        const atOld = 1_050_000 - (before + 1);
        expect(model.subsidySatsToday).toBe(atOld * 312_500_000 + (model.blocksToday - atOld) * 156_250_000);
      }
    }
    expect(crossedMidDay).toBe(true);
    expect(model.subsidySats).toBe(156_250_000);
    expect(model.nextHalvingHeight).toBe(1_260_000);
  });
});

describe('retarget', () => {
  it('a 20 % hashrate step is absorbed at the next retarget: blocks per day return to 144 ± noise', () => {
    const model = new ChainModel(
      chain({ startHeight: 900_000, startHashrateHs: tenMinuteHashrateHs * 1.2 }),
      60,
    );
    model.reset();
    const draws = new DayDraws(60, 5, 2);
    draws.fill(rngFor(2, 0));
    const blocks: number[] = [];
    for (let day = 0; day < 40; day++) {
      model.step(draws, day, { priceUsd: 100_000 }, { feesBtcPerBlock: 0.05 });
      blocks.push(model.blocksToday);
    }
    // 2016 blocks to the first retarget at ~172.8 a day, then the difficulty is ×1.2; each epoch's timespan is
    // the sum of 2016 exponential gaps (sd 2.2 %), so after two epochs the ratio is 1.2 within ±0.1 at 3 sd.
    expect(model.difficulty / DIFFICULTY).toBeGreaterThan(1.1);
    expect(model.difficulty / DIFFICULTY).toBeLessThan(1.3);
    const late = blocks.slice(-10).reduce((s, b) => s + b, 0) / 10;
    // Ten days of Poisson(144) counts: standard error 3.8 blocks a day.
    expect(Math.abs(late - 144)).toBeLessThan(5 * 3.8);
  });
});
