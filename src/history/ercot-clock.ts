/**
 * @module history/ercot-clock
 * ERCOT files stamped in local Central time onto an hourly UTC grid. Local days have 23 or 25
 * hours at the DST switches; in UTC every hour exists once, so the only holes are hours the source
 * itself lacks (a fall-back hour given once), which become NaN and are listed as irregularities.
 */

import type { ValidationIssue } from '../errors.ts';
import { SwitchyardError, ValidationError } from '../errors.ts';
import type { CentralResolution } from '../series/central-time.ts';
import { resolveCentralWallClock } from '../series/central-time.ts';
import type { ClockIrregularity } from '../series/frame.ts';
import { MS_PER_HOUR, parseUtcDayMs } from '../series/utc-time.ts';
import type { CsvTable } from './csv-table.ts';

export interface LocalHours {
  readonly table: CsvTable;
  /** Start of each row's hour on the local wall clock, written as if UTC. */
  readonly wallClockMs: Float64Array;
  /** Row is the second (standard-time) occurrence of the fall-back hour (`repeated_hour_flag` Y). */
  readonly repeated?: readonly boolean[];
  /** Only asked for a fall-back row given once: does it hold both clock hours (2016 fuel mix)? */
  readonly spansBothFallBackHours?: (row: number) => boolean;
  /** Column named in messages, and a readable label of a row ("2020-11-01 HE2"), built only for messages. */
  readonly column: string;
  readonly labelOf: (row: number) => string;
  readonly fromRow: number;
  readonly toRow: number;
}

export interface Placement {
  readonly startMs: number;
  readonly length: number;
  /** UTC hour index of each row in `[fromRow, toRow)`, relative to `startMs`. */
  readonly hourIndex: Int32Array;
  /** 1, or 2 for a row covering both fall-back hours. */
  readonly spanH: Uint8Array;
  readonly irregularities: ClockIrregularity[];
}

/** `date` + hour ending 1..24 as the hour's start on the wall clock (HE1 starts at 00:00). */
export function hourEndingWallClockMs(dateText: string, hourEnding: number): number {
  return (parseUtcDayMs(dateText) ?? Number.NaN) + (hourEnding - 1) * MS_PER_HOUR;
}

function resolveOrUndefined(wallClockMs: number): CentralResolution | undefined {
  try {
    return resolveCentralWallClock(wallClockMs);
  } catch (error) {
    if (error instanceof SwitchyardError && error.code === 'UNSUPPORTED') return undefined;
    throw error;
  }
}

/** Map local rows to UTC hours; throws `ValidationError` for impossible, repeated or missing hours. */
export function placeLocalHours(input: LocalHours): Placement {
  const { table, wallClockMs, repeated, column, labelOf, fromRow, toRow } = input;
  const count = toRow - fromRow;
  const utcMs = new Float64Array(count);
  const spanH = new Uint8Array(count).fill(1);
  const ambiguousFirst = new Uint8Array(count);
  const issues: ValidationIssue[] = [];
  const issue = (row: number, problem: string, fix: string): void => {
    issues.push({
      field: column,
      problem,
      value: labelOf(row),
      fix,
      source: table.sourceName,
      line: table.lines[row] ?? 0,
    });
  };

  for (let row = fromRow; row < toRow; row++) {
    const local = row - fromRow;
    const isRepeat = repeated?.[row] === true;
    const resolution = resolveOrUndefined(wallClockMs[row] ?? Number.NaN);
    if (resolution === undefined) {
      issue(row, 'is before 2007, whose DST rules are not implemented', 'use data from 2007 on');
    } else if (resolution.kind === 'nonexistent') {
      issue(
        row,
        'does not exist in Central time (clocks jump from 02:00 CST to 03:00 CDT)',
        'fix the date or hour',
      );
    } else if (resolution.kind === 'unique') {
      if (isRepeat)
        issue(row, 'is flagged repeated but is not the fall-back hour', 'set repeated_hour_flag to N');
      utcMs[local] = resolution.utcMs;
    } else {
      utcMs[local] = isRepeat ? resolution.secondUtcMs : resolution.firstUtcMs;
      if (!isRepeat && input.spansBothFallBackHours?.(row) === true) spanH[local] = 2;
      else if (!isRepeat) ambiguousFirst[local] = 1;
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const startMs = utcMs[0] ?? 0;
  const irregularities: ClockIrregularity[] = [];
  for (let local = 1; local < count; local++) {
    const row = fromRow + local;
    const expectedMs = (utcMs[local - 1] ?? 0) + (spanH[local - 1] ?? 1) * MS_PER_HOUR;
    const actualMs = utcMs[local] ?? 0;
    if (actualMs === expectedMs) continue;
    if (actualMs === expectedMs + MS_PER_HOUR && ambiguousFirst[local - 1] === 1) {
      irregularities.push({ atMs: expectedMs, kind: 'missingRepeatedHour', where: table.where(row - 1) });
      continue;
    }
    const previous = `${labelOf(row - 1)} (line ${table.lines[row - 1]})`;
    const hours = (actualMs - expectedMs) / MS_PER_HOUR;
    if (hours < 0)
      issue(
        row,
        `repeats or goes back in time after ${previous}`,
        'delete the duplicate row or fix its date and hour',
      );
    else
      issue(
        row,
        `must be the hour after ${previous}; ${hours} hour(s) missing between them`,
        'restore the missing hours as rows (values may be empty) or fix the date and hour',
      );
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const hourIndex = new Int32Array(count);
  for (let local = 0; local < count; local++) {
    hourIndex[local] = ((utcMs[local] ?? 0) - startMs) / MS_PER_HOUR;
    if (spanH[local] === 2) {
      irregularities.push({
        atMs: utcMs[local] ?? 0,
        kind: 'twoHourRowSplit',
        where: table.where(fromRow + local),
      });
    }
  }
  const last = count - 1;
  const length = count === 0 ? 0 : (hourIndex[last] ?? 0) + (spanH[last] ?? 1);
  irregularities.sort((a, b) => a.atMs - b.atMs);
  return { startMs, length, hourIndex, spanH, irregularities };
}

/**
 * Copy a column's row values onto the placed grid. `perHour` values (MWh in the row) are split evenly
 * over a two-hour row; intensive values (prices, intensities) are repeated on both hours.
 */
export function placeColumn(
  placement: Placement,
  rowValues: Float64Array,
  fromRow: number,
  kind: 'intensive' | 'perHour',
): Float64Array {
  const out = new Float64Array(placement.length).fill(Number.NaN);
  placement.hourIndex.forEach((hour, local) => {
    const value = rowValues[fromRow + local] ?? Number.NaN;
    const span = placement.spanH[local] ?? 1;
    const each = kind === 'perHour' ? value / span : value;
    for (let offset = 0; offset < span; offset++) out[hour + offset] = each;
  });
  return out;
}
