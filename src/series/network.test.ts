import { describe, expect, it } from 'vitest';
import type { DailyNetwork } from './network.ts';
import { endOfDayHeights, networkSeries, sourceAt, sourceRuns } from './network.ts';
import { valueAt } from './series.ts';

const DAY_MS = 86_400_000;
const D0 = Date.UTC(2024, 3, 17);

describe('endOfDayHeights', () => {
  it('adds block counts after the anchor and subtracts them before it', () => {
    const blocks = Float64Array.of(140, 150, 146, 135, 144);
    const heights = endOfDayHeights(D0, blocks, { dayMs: D0 + 2 * DAY_MS, heightAtEndOfDay: 839_999 });
    // H[d-1] = H[d] - blocks[d]: 839,999 - 146 = 839,853; 839,853 - 150 = 839,703.
    expect([...heights]).toEqual([839_703, 839_853, 839_999, 840_134, 840_278]);
  });
  it('makes every height beyond a missing count (seen from the anchor) NaN', () => {
    const blocks = Float64Array.of(140, Number.NaN, 146, Number.NaN, 144);
    const heights = endOfDayHeights(D0, blocks, { dayMs: D0 + 2 * DAY_MS, heightAtEndOfDay: 1_000 });
    // Day 1 needs blocks[2] (present), day 0 needs blocks[1] (missing); day 3 needs blocks[3] (missing).
    expect([...heights]).toEqual([Number.NaN, 854, 1_000, Number.NaN, Number.NaN]);
  });
  it('gives all NaN when the anchor lies outside the frame', () => {
    const heights = endOfDayHeights(D0, Float64Array.of(1, 2), { dayMs: D0 - DAY_MS, heightAtEndOfDay: 5 });
    expect([...heights]).toEqual([Number.NaN, Number.NaN]);
  });
});

describe('sourceRuns / sourceAt', () => {
  const perDay = ['', '', 'coinmetrics', 'coinmetrics', 'yahoo_finance', '', 'yahoo_finance'];
  const runs = sourceRuns(D0, DAY_MS, perDay);
  it('collapses consecutive equal tags and leaves out empty cells', () => {
    expect(runs).toEqual([
      { firstDayMs: D0 + 2 * DAY_MS, lastDayMs: D0 + 3 * DAY_MS, source: 'coinmetrics' },
      { firstDayMs: D0 + 4 * DAY_MS, lastDayMs: D0 + 4 * DAY_MS, source: 'yahoo_finance' },
      { firstDayMs: D0 + 6 * DAY_MS, lastDayMs: D0 + 6 * DAY_MS, source: 'yahoo_finance' },
    ]);
  });
  it('finds the source of any instant in a day', () => {
    const values = new Float64Array(perDay.length);
    const network: DailyNetwork = {
      startMs: D0,
      stepS: 86_400,
      length: perDay.length,
      priceUsd: values,
      difficulty: values,
      hashrateEhs: values,
      blockCount: values,
      feesBtc: values,
      issuanceBtc: values,
      heightAtEndOfDay: values,
      sources: { price: runs, network: [], fees: [], issuance: [] },
    };
    expect(sourceAt(network, 'price', D0 + 3 * DAY_MS + 86_399_999)).toBe('coinmetrics');
    expect(sourceAt(network, 'price', D0 + 4 * DAY_MS)).toBe('yahoo_finance');
    expect(sourceAt(network, 'price', D0 + 5 * DAY_MS)).toBeUndefined();
    expect(sourceAt(network, 'fees', D0)).toBeUndefined();
    expect(valueAt(networkSeries(network, 'priceUsd'), D0)).toBe(0);
  });
});
