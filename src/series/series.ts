/**
 * @module series/series
 * The one time-series shape of the project: a regular grid of instants and one `Float64Array` of values.
 *
 * Gaps: a value is NaN only where the source had no value for that step. For files loaded by
 * `history/` that means an empty CSV cell, or, in files stamped in local Central time, an hour the
 * source lacks (the repeated fall-back hour). A cell that cannot be read is never turned into NaN:
 * the loader throws instead. Series derived here (e.g. `dailyMean`) use NaN for "not enough data"
 * and say so.
 */

import type { ValidationIssue } from '../errors.ts';
import { ValidationError } from '../errors.ts';

export interface Series {
  /** Instant of `values[0]`, ms since the Unix epoch (UTC). For interval data, the interval's start. */
  readonly startMs: number;
  /** Spacing of the grid in seconds (3,600 hourly, 86,400 daily). */
  readonly stepS: number;
  readonly values: Float64Array;
}

/** Checks the grid itself; values are the caller's business (NaN is a gap, not an error). */
export function makeSeries(startMs: number, stepS: number, values: Float64Array): Series {
  const issues: ValidationIssue[] = [];
  if (!Number.isSafeInteger(startMs)) {
    issues.push({
      field: 'startMs',
      problem: 'must be a whole number of ms',
      value: startMs,
      fix: 'pass an epoch ms instant',
    });
  }
  if (!(Number.isSafeInteger(stepS) && stepS > 0)) {
    issues.push({
      field: 'stepS',
      problem: 'must be a whole number of seconds > 0',
      value: stepS,
      fix: 'use 3600 for hourly, 86400 for daily',
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { startMs, stepS, values };
}

export function stepMs(series: Series): number {
  return series.stepS * 1000;
}

/** Instant just after the last step: `[startMs, endMs)` is the span the series covers. */
export function endMs(series: Series): number {
  return series.startMs + series.values.length * stepMs(series);
}

/**
 * Index of the step that contains `atMs` (a step covers `[start, start + stepS)`), or undefined when
 * `atMs` lies outside the series. Instants between grid points map to the step they fall in.
 */
export function indexOf(series: Series, atMs: number): number | undefined {
  if (!Number.isFinite(atMs)) return undefined;
  const index = Math.floor((atMs - series.startMs) / stepMs(series));
  return index >= 0 && index < series.values.length ? index : undefined;
}

/** The value of the step containing `atMs`; undefined when out of range or a gap. */
export function valueAt(series: Series, atMs: number): number | undefined {
  const index = indexOf(series, atMs);
  if (index === undefined) return undefined;
  const value = series.values[index];
  return value === undefined || Number.isNaN(value) ? undefined : value;
}

export function hasValue(series: Series, atMs: number): boolean {
  return valueAt(series, atMs) !== undefined;
}

/**
 * Last index at or before `endIdx` (default: the last index) that holds a value, or undefined if
 * there is none. Reports use it for "latest" figures, since columns end on different days.
 */
export function lastIndexWithValue(series: Series, endIdx?: number): number | undefined {
  const last = Math.min(endIdx ?? series.values.length - 1, series.values.length - 1);
  for (let index = last; index >= 0; index--) {
    if (!Number.isNaN(series.values[index])) return index;
  }
  return undefined;
}

export function countGaps(series: Series): number {
  let gaps = 0;
  for (const value of series.values) if (Number.isNaN(value)) gaps++;
  return gaps;
}

/**
 * The steps whose start lies in `[fromMs, toMs)`, sharing the underlying buffer (a view, not a copy).
 * The range is clipped to the series; an empty range gives an empty series starting at the clip point.
 */
export function sliceByTime(series: Series, fromMs: number, toMs: number): Series {
  const step = stepMs(series);
  const length = series.values.length;
  const clip = (atMs: number): number =>
    Math.min(length, Math.max(0, Math.ceil((atMs - series.startMs) / step)));
  const first = clip(fromMs);
  const end = Math.max(first, clip(toMs));
  return {
    startMs: series.startMs + first * step,
    stepS: series.stepS,
    values: series.values.subarray(first, end),
  };
}
