import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors.ts';
import { centralDaylightSpanUtc, resolveCentralWallClock } from './central-time.ts';

const wall = (year: number, month: number, day: number, hour: number, minute = 0): number =>
  Date.UTC(year, month - 1, day, hour, minute);

describe('centralDaylightSpanUtc', () => {
  it('starts on the second Sunday of March at 08:00Z and ends on the first Sunday of November at 07:00Z', () => {
    // 2020-03-08 and 2020-11-01 (Sundays) are the DST days of the ERCOT DAM file.
    expect(centralDaylightSpanUtc(2020)).toEqual({
      startUtcMs: Date.UTC(2020, 2, 8, 8),
      endUtcMs: Date.UTC(2020, 10, 1, 7),
    });
    expect(centralDaylightSpanUtc(2016)).toEqual({
      startUtcMs: Date.UTC(2016, 2, 13, 8),
      endUtcMs: Date.UTC(2016, 10, 6, 7),
    });
    expect(centralDaylightSpanUtc(2023).startUtcMs).toBe(Date.UTC(2023, 2, 12, 8));
  });
  it('refuses years before the 2007 rule', () => {
    expect(() => centralDaylightSpanUtc(2006)).toThrow(SwitchyardError);
  });
});

describe('resolveCentralWallClock', () => {
  it('uses UTC-6 in winter and UTC-5 in summer', () => {
    expect(resolveCentralWallClock(wall(2021, 2, 17, 0))).toEqual({
      kind: 'unique',
      utcMs: Date.UTC(2021, 1, 17, 6),
    });
    expect(resolveCentralWallClock(wall(2023, 9, 6, 19))).toEqual({
      kind: 'unique',
      utcMs: Date.UTC(2023, 8, 7, 0),
    });
  });
  it('finds the fall-back hour twice: CDT first, then CST', () => {
    expect(resolveCentralWallClock(wall(2020, 11, 1, 1, 30))).toEqual({
      kind: 'ambiguous',
      firstUtcMs: Date.UTC(2020, 10, 1, 6, 30),
      secondUtcMs: Date.UTC(2020, 10, 1, 7, 30),
    });
    expect(resolveCentralWallClock(wall(2020, 11, 1, 0, 59))).toEqual({
      kind: 'unique',
      utcMs: Date.UTC(2020, 10, 1, 5, 59),
    });
    expect(resolveCentralWallClock(wall(2020, 11, 1, 2))).toEqual({
      kind: 'unique',
      utcMs: Date.UTC(2020, 10, 1, 8),
    });
  });
  it('finds no instant for the skipped spring-forward hour', () => {
    expect(resolveCentralWallClock(wall(2020, 3, 8, 2))).toEqual({ kind: 'nonexistent' });
    expect(resolveCentralWallClock(wall(2020, 3, 8, 2, 59))).toEqual({ kind: 'nonexistent' });
    expect(resolveCentralWallClock(wall(2020, 3, 8, 1, 59))).toEqual({
      kind: 'unique',
      utcMs: Date.UTC(2020, 2, 8, 7, 59),
    });
    expect(resolveCentralWallClock(wall(2020, 3, 8, 3))).toEqual({
      kind: 'unique',
      utcMs: Date.UTC(2020, 2, 8, 8),
    });
  });
});
