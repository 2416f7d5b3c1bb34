/**
 * GBM draws the log returns ECONOMICS.md §6.1 defines, and the bootstrap only ever replays shipped returns,
 * in blocks of the asked mean length.
 */
import { describe, expect, it } from 'vitest';
import { loadBtcNetworkDaily } from '../history/load.ts';
import { BtcPriceModel } from './btc-model.ts';
import { calibrateBtc } from './calibrate-btc.ts';
import { DayDraws } from './draws.ts';
import type { McInputs } from './inputs.ts';
import { rngFor } from './rng.ts';

const gbm = (driftPerYear: number, volatilityPerYear: number): McInputs['btc'] => ({
  model: 0,
  startUsd: 100_000,
  driftPerYear,
  volatilityPerYear,
  logReturns: new Float64Array(0),
  meanBlockDays: 25,
  shiftPerDay: 0,
});

describe('GBM', () => {
  const mu = 0.2;
  const sigma = 0.6;
  const paths = 2000;
  const days = 365;
  const model = new BtcPriceModel(gbm(mu, sigma));
  let sum = 0;
  let squares = 0;
  const yearly: number[] = [];
  const draws = new DayDraws(days, 6, 2);
  for (let p = 0; p < paths; p++) {
    draws.fill(rngFor(11, p));
    model.reset();
    for (let d = 0; d < days; d++) {
      model.step(draws, d);
      sum += model.logReturn;
      squares += model.logReturn ** 2;
    }
    yearly.push(Math.log(model.priceUsd / 100_000));
  }
  const n = paths * days;
  const dailyMean = (mu - sigma ** 2 / 2) / 365;
  const dailySd = sigma / Math.sqrt(365);

  it('daily log returns have mean (μ − σ²/2)/365 and sd σ/√365 within 4 standard errors', () => {
    const mean = sum / n;
    const sd = Math.sqrt(squares / n - mean ** 2);
    // Forgetting the −σ²/2 term would move the mean by 4.9e-4, 13 standard errors.
    expect(Math.abs(mean - dailyMean)).toBeLessThan((4 * dailySd) / Math.sqrt(n));
    expect(Math.abs(sd - dailySd)).toBeLessThan((4 * dailySd) / Math.sqrt(2 * n));
  });

  it('one-year log price changes have mean μ − σ²/2 and sd σ within 4 standard errors', () => {
    const mean = yearly.reduce((s, v) => s + v, 0) / paths;
    const sd = Math.sqrt(yearly.reduce((s, v) => s + (v - mean) ** 2, 0) / (paths - 1));
    expect(Math.abs(mean - (mu - sigma ** 2 / 2))).toBeLessThan((4 * sigma) / Math.sqrt(paths));
    expect(Math.abs(sd - sigma)).toBeLessThan((4 * sigma) / Math.sqrt(2 * paths));
  });
});

describe('stationary block bootstrap', () => {
  const network = loadBtcNetworkDaily();
  let end = network.length - 1;
  while (!(network.priceUsd[end]! > 0)) end--;
  const fit = calibrateBtc(network, end, 1461);
  const shipped = new Set(fit.logReturns);
  const model = new BtcPriceModel({
    ...gbm(0, 0.5),
    model: 1,
    logReturns: fit.logReturns,
    meanBlockDays: 25,
  });

  it('draws only returns of the shipped window, and every one of them is reachable', () => {
    const seen = new Set<number>();
    let foreign = 0;
    const draws = new DayDraws(3650, 5, 4);
    for (let p = 0; p < 200; p++) {
      draws.fill(rngFor(3, p));
      model.reset();
      for (let d = 0; d < 3650; d++) {
        model.step(draws, d);
        if (!shipped.has(model.logReturn) || model.logReturn !== fit.logReturns[model.sourceIndex]) foreign++;
        seen.add(model.logReturn);
      }
    }
    expect(foreign).toBe(0);
    // 730,000 draws over 1,461 returns: missing any one has probability e^(−500).
    expect(seen.size).toBe(shipped.size);
  });

  it('blocks last meanBlockDays on average (geometric), within 5 standard errors', () => {
    const days = 400_000;
    const draws = new DayDraws(days, 5, 4);
    draws.fill(rngFor(5, 0));
    model.reset();
    model.step(draws, 0);
    let previous = model.sourceIndex;
    let blocks = 1;
    for (let d = 1; d < days; d++) {
      model.step(draws, d);
      if (model.sourceIndex !== (previous + 1) % fit.logReturns.length) blocks++;
      previous = model.sourceIndex;
    }
    // A new block that happens to start at the next index is not seen as one: P = 1/1461, negligible here.
    const meanLength = days / blocks;
    const se = Math.sqrt(25 * 24) / Math.sqrt(blocks);
    expect(Math.abs(meanLength - 25)).toBeLessThan(5 * se);
  });
});
