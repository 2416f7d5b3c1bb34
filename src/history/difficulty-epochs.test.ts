/**
 * The epoch file against itself (SOURCES.md "Verification") and against the end-of-day heights
 * derived from daily block counts (series/network.ts), day by day.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { epochIndexAtDay } from '../series/epochs.ts';
import { networkSeries } from '../series/network.ts';
import { indexOf, valueAt } from '../series/series.ts';
import { parseDifficultyEpochs } from './difficulty-epochs.ts';
import { loadBtcNetworkDaily, loadDifficultyEpochs } from './load.ts';

const DAY_MS = 86_400_000;
const day = (text: string): number => Date.parse(`${text}T00:00:00Z`);
const epochs = loadDifficultyEpochs();
const network = loadBtcNetworkDaily();
const heights = networkSeries(network, 'heightAtEndOfDay');

describe('btc_difficulty_epochs.csv as loaded', () => {
  it('holds 455 epochs, 0 .. 454, and the quoted rows', () => {
    expect(epochs.length).toBe(455);
    const check = (epoch: number, startHeight: number, date: string, difficultyT: number): void => {
      expect(epochs.startHeight[epoch]).toBe(startHeight);
      expect(epochs.startDateMs[epoch]).toBe(day(date));
      expect((epochs.difficulty[epoch] ?? 0) / 1e12).toBeCloseTo(difficultyT, 2);
    };
    check(416, 838_656, '2024-04-10', 86.39);
    check(417, 840_672, '2024-04-24', 88.1);
    check(442, 891_072, '2025-04-05', 121.51);
    check(451, 909_216, '2025-08-08', 129.44);
    check(454, 915_264, '2025-09-18', 142.34);
  });

  it('finds the epoch in force on a day', () => {
    expect(epochIndexAtDay(epochs, day('2024-04-20'))).toBe(416);
    expect(epochIndexAtDay(epochs, day('2024-04-24'))).toBe(417);
    expect(epochIndexAtDay(epochs, day('2009-01-02'))).toBeUndefined();
  });

  it('agrees with the daily difficulty inside each epoch', () => {
    // The epoch difficulty is the daily value of the day after start (SOURCES.md, file 2).
    expect(valueAt(networkSeries(network, 'difficulty'), day('2024-04-11'))).toBeCloseTo(
      epochs.difficulty[416] ?? 0,
      -3,
    );
  });
});

describe('end-of-day heights from block counts', () => {
  it('is 839,999 at the end of 2024-04-19 and 840,134 after the 135 blocks of 2024-04-20', () => {
    expect(valueAt(heights, day('2024-04-19'))).toBe(839_999);
    expect(valueAt(heights, day('2024-04-20'))).toBe(840_134);
  });

  it('shows the limits noted in SOURCES.md at both ends', () => {
    // Genesis (height 0) is on 2009-01-03; Coin Metrics' early counts run one block low, so the
    // back-computed height comes out one high.
    expect(valueAt(heights, day('2009-01-03'))).toBe(1);
    // Hotstopper 2025-04-16 height plus Coin Metrics BlkCnt reaches 909,634 against the node's 909,628.
    expect(valueAt(heights, day('2025-08-11'))).toBe(909_634);
    expect(network.heightAtEndOfDay.some(Number.isNaN)).toBe(false);
  });

  it('brackets every epoch start: below start_height the day before, at or above it on start_date_utc', () => {
    // Epochs 443-451 were dated with the same block-count sum as these heights (SOURCES.md), so they
    // may be off by a day against the chain; they are allowed one day of slack here, and counted.
    const MAY_BE_OFF_BY_A_DAY = new Set([443, 444, 445, 446, 447, 448, 449, 450, 451]);
    const strict: number[] = [];
    const withinADay: number[] = [];
    const failing: number[] = [];
    for (let epoch = 0; epoch < epochs.length; epoch++) {
      const startMs = epochs.startDateMs[epoch] ?? Number.NaN;
      const startHeight = epochs.startHeight[epoch] ?? Number.NaN;
      const onDay = valueAt(heights, startMs) ?? Number.NaN;
      const dayBefore =
        indexOf(heights, startMs - DAY_MS) === undefined
          ? -1
          : (valueAt(heights, startMs - DAY_MS) ?? Number.NaN);
      const twoBefore = valueAt(heights, startMs - 2 * DAY_MS) ?? -1;
      const dayAfter = valueAt(heights, startMs + DAY_MS) ?? Number.NaN;
      if (dayBefore < startHeight && onDay >= startHeight) strict.push(epoch);
      else if (MAY_BE_OFF_BY_A_DAY.has(epoch) && twoBefore < startHeight && dayAfter >= startHeight)
        withinADay.push(epoch);
      else failing.push(epoch);
    }
    expect(failing).toEqual([]);
    expect(withinADay).toEqual([]);
    expect(strict.length).toBe(455);
    expect(strict.filter((epoch) => (epochs.startDateMs[epoch] ?? 0) >= day('2016-01-01')).length).toBe(260);
  });
});

describe('parseDifficultyEpochs on bad text', () => {
  const HEADER = 'epoch,start_height,start_date_utc,difficulty,change_pct';
  it('requires consecutive epochs at 2016-block heights with increasing dates', () => {
    const text = `${HEADER}\n0,0,2009-01-03,1.0,\n2,4032,2009-01-02,1.0,0\n`;
    try {
      parseDifficultyEpochs(text, 'data/btc_difficulty_epochs.csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const message = (error as ValidationError).message;
      expect(message).toContain(
        'data/btc_difficulty_epochs.csv:line 3: epoch: must be 1 (epochs run from 0 without a gap); got 2',
      );
      expect(message).toContain(
        'line 3: start_date_utc: must be after 2009-01-03 (line 2); got "2009-01-02"',
      );
    }
  });
  it('rejects an empty difficulty (every epoch has one)', () => {
    expect(() => parseDifficultyEpochs(`${HEADER}\n0,0,2009-01-03,,\n`, 'e.csv')).toThrow(
      /e\.csv:line 2: difficulty: must not be empty/,
    );
  });
});
