import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import {
  countGaps,
  endMs,
  hasValue,
  indexOf,
  lastIndexWithValue,
  makeSeries,
  sliceByTime,
  valueAt,
} from './series.ts';

const T0 = Date.UTC(2024, 0, 1);
const HOUR_MS = 3_600_000;
// Hours 0..5 of 2024-01-01; hour 2 and hour 5 are gaps.
const hourly = makeSeries(T0, 3_600, Float64Array.of(10, 11, Number.NaN, 13, 14, Number.NaN));

describe('indexOf / valueAt / hasValue', () => {
  it('maps an instant to the step containing it', () => {
    expect(indexOf(hourly, T0)).toBe(0);
    expect(indexOf(hourly, T0 + HOUR_MS - 1)).toBe(0);
    expect(indexOf(hourly, T0 + 3 * HOUR_MS + 59_000)).toBe(3);
    expect(valueAt(hourly, T0 + 3 * HOUR_MS + 59_000)).toBe(13);
  });
  it('gives undefined outside the series, at a gap, and for a non-finite instant', () => {
    expect(indexOf(hourly, T0 - 1)).toBeUndefined();
    expect(indexOf(hourly, endMs(hourly))).toBeUndefined();
    expect(indexOf(hourly, Number.NaN)).toBeUndefined();
    expect(valueAt(hourly, T0 + 2 * HOUR_MS)).toBeUndefined();
    expect(hasValue(hourly, T0 + 2 * HOUR_MS)).toBe(false);
    expect(hasValue(hourly, T0 + HOUR_MS)).toBe(true);
  });
});

describe('lastIndexWithValue / countGaps', () => {
  it('skips trailing gaps and honours endIdx', () => {
    expect(lastIndexWithValue(hourly)).toBe(4);
    expect(lastIndexWithValue(hourly, 2)).toBe(1);
    expect(lastIndexWithValue(hourly, 99)).toBe(4);
    expect(lastIndexWithValue(makeSeries(T0, 3_600, Float64Array.of(Number.NaN)))).toBeUndefined();
  });
  it('counts NaN steps', () => {
    expect(countGaps(hourly)).toBe(2);
  });
});

describe('sliceByTime', () => {
  it('keeps the steps starting in [from, to) as a view of the same buffer', () => {
    const slice = sliceByTime(hourly, T0 + HOUR_MS, T0 + 4 * HOUR_MS);
    expect(slice.startMs).toBe(T0 + HOUR_MS);
    expect([...slice.values]).toEqual([11, Number.NaN, 13]);
    expect(slice.values.buffer).toBe(hourly.values.buffer);
  });
  it('excludes a step that starts before `from`, and clips to the series', () => {
    expect(sliceByTime(hourly, T0 + 1, T0 + 2 * HOUR_MS).startMs).toBe(T0 + HOUR_MS);
    const all = sliceByTime(hourly, T0 - 10 * HOUR_MS, T0 + 100 * HOUR_MS);
    expect(all.values.length).toBe(6);
    expect(sliceByTime(hourly, T0 + 5 * HOUR_MS, T0).values.length).toBe(0);
  });
});

describe('makeSeries', () => {
  it('rejects a step that is not a positive whole number of seconds', () => {
    expect(() => makeSeries(T0, 0, new Float64Array(1))).toThrow(ValidationError);
    expect(() => makeSeries(T0, 1.5, new Float64Array(1))).toThrow(
      /stepS: must be a whole number of seconds > 0/,
    );
    expect(() => makeSeries(0.5, 60, new Float64Array(1))).toThrow(/startMs/);
  });
});
