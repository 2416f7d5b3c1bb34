import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { dailyMean } from './daily-mean.ts';
import { makeSeries } from './series.ts';

const DAY0 = Date.UTC(2024, 0, 1);
const HOUR_MS = 3_600_000;

describe('dailyMean', () => {
  it('averages whole UTC days', () => {
    const values = new Float64Array(48);
    for (let hour = 0; hour < 48; hour++) values[hour] = hour < 24 ? 1 : hour;
    const daily = dailyMean(makeSeries(DAY0, 3_600, values));
    expect(daily.startMs).toBe(DAY0);
    expect(daily.stepS).toBe(86_400);
    // Day 2 holds hours 24..47: mean 35.5.
    expect([...daily.values]).toEqual([1, 35.5]);
  });

  it('gives NaN for a day with a missing hour unless minHours allows it', () => {
    const values = new Float64Array(24).fill(10);
    values[7] = Number.NaN;
    values[8] = 33;
    const hourly = makeSeries(DAY0, 3_600, values);
    expect(dailyMean(hourly).values[0]).toBeNaN();
    // 22 hours of 10 and one of 33 over 23 hours present.
    expect(dailyMean(hourly, { minHours: 23 }).values[0]).toBeCloseTo((22 * 10 + 33) / 23, 12);
    expect(dailyMean(hourly, { minHours: 24 }).values[0]).toBeNaN();
  });

  it('counts hours outside a series that starts mid-day as missing', () => {
    // 06:00Z start, as ERCOT local-time data converted to UTC: the first UTC day has 18 hours.
    const hourly = makeSeries(DAY0 + 6 * HOUR_MS, 3_600, new Float64Array(42).fill(2));
    const daily = dailyMean(hourly);
    expect(daily.startMs).toBe(DAY0);
    expect(daily.values.length).toBe(2);
    expect(daily.values[0]).toBeNaN();
    expect(daily.values[1]).toBe(2);
    expect(dailyMean(hourly, { minHours: 18 }).values[0]).toBe(2);
  });

  it('refuses non-hourly input and a bad minHours', () => {
    expect(() => dailyMean(makeSeries(DAY0, 900, new Float64Array(4)))).toThrow(ValidationError);
    expect(() => dailyMean(makeSeries(DAY0, 3_600, new Float64Array(4)), { minHours: 0 })).toThrow(
      /minHours/,
    );
    expect(() => dailyMean(makeSeries(DAY0, 3_600, new Float64Array(4)), { minHours: 25 })).toThrow(
      /minHours/,
    );
  });
});
