/**
 * @module series/frame
 * Several quantities on one hourly UTC grid: a `Float64Array` per column (not an array of row
 * objects), so backtests can walk them by index.
 */

import type { Series } from './series.ts';

/** Where a local-clock source does not map one row to one UTC hour. */
export interface ClockIrregularity {
  /** Start of the affected UTC hour. */
  readonly atMs: number;
  /**
   * `missingRepeatedHour`: the source has one row for the fall-back hour, so the second
   * (standard-time) occurrence is NaN. `twoHourRowSplit`: one source row covers both occurrences;
   * energies are split evenly over the two hours and intensities repeated.
   */
  readonly kind: 'missingRepeatedHour' | 'twoHourRowSplit';
  /** `file:line` of the row concerned. */
  readonly where: string;
}

export interface HourlyFrame<K extends string> {
  /** Start of the first hour (UTC). */
  readonly startMs: number;
  readonly stepS: 3_600;
  readonly length: number;
  readonly columns: Readonly<Record<K, Float64Array>>;
  readonly irregularities: readonly ClockIrregularity[];
}

/** A column as a `Series`, sharing the frame's buffer. */
export function frameSeries<K extends string>(frame: HourlyFrame<K>, column: K): Series {
  return { startMs: frame.startMs, stepS: frame.stepS, values: frame.columns[column] };
}
