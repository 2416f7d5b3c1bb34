/**
 * @module series/daily-mean
 * Hourly to daily means over UTC days.
 */

import { ValidationError } from '../errors.ts';
import { HOURS_PER_DAY, MS_PER_DAY, SECONDS_PER_DAY } from '../units/index.ts';
import type { Series } from './series.ts';

const HOUR_S = 3_600;

export interface DailyMeanOptions {
  /**
   * Fewest hours with a value a UTC day needs for a mean; default 24, i.e. NaN if any hour is
   * missing. Hours outside the input (a partial first or last day) count as missing. A lower value
   * averages the hours present, which biases the mean when the missing hours are not typical
   * (e.g. a lost evening peak), so callers should choose it knowingly.
   */
  readonly minHours?: number;
}

/**
 * Mean of each UTC day `[00:00Z, 24:00Z)` of an hourly series. The result starts at 00:00Z of the
 * first day touched and covers every day touched; a day with fewer than `minHours` values is NaN.
 */
export function dailyMean(hourly: Series, options: DailyMeanOptions = {}): Series {
  const minHours = options.minHours ?? HOURS_PER_DAY;
  if (hourly.stepS !== HOUR_S) {
    throw new ValidationError([
      {
        field: 'stepS',
        problem: 'dailyMean needs an hourly series (3600 s)',
        value: hourly.stepS,
        fix: 'pass an hourly series',
      },
    ]);
  }
  if (!(Number.isInteger(minHours) && minHours >= 1 && minHours <= HOURS_PER_DAY)) {
    throw new ValidationError([
      {
        field: 'minHours',
        problem: 'must be a whole number of hours from 1 to 24',
        value: minHours,
        fix: 'use 24 to require complete days',
      },
    ]);
  }
  const firstDayMs = Math.floor(hourly.startMs / MS_PER_DAY) * MS_PER_DAY;
  // Hourly series may start off the hour only if built by hand; the day index below needs whole hours.
  const offsetH = (hourly.startMs - firstDayMs) / (HOUR_S * 1000);
  if (!Number.isInteger(offsetH)) {
    throw new ValidationError([
      {
        field: 'startMs',
        problem: 'an hourly series must start on a whole UTC hour',
        value: hourly.startMs,
        fix: 'align startMs to the hour',
      },
    ]);
  }
  const dayCount = Math.ceil((offsetH + hourly.values.length) / HOURS_PER_DAY);
  const sums = new Float64Array(dayCount);
  const counts = new Uint8Array(dayCount);
  hourly.values.forEach((value, index) => {
    if (Number.isNaN(value)) return;
    const day = Math.floor((offsetH + index) / HOURS_PER_DAY);
    sums[day] = (sums[day] ?? 0) + value;
    counts[day] = (counts[day] ?? 0) + 1;
  });
  const means = new Float64Array(dayCount);
  for (let day = 0; day < dayCount; day++) {
    const count = counts[day] ?? 0;
    means[day] = count >= minHours ? (sums[day] ?? 0) / count : Number.NaN;
  }
  return { startMs: firstDayMs, stepS: SECONDS_PER_DAY, values: means };
}
