import { describe, expect, it } from 'vitest';
import { formatUtcDay, formatUtcMinute, parseUtcDayMs } from './utc-time.ts';

describe('parseUtcDayMs', () => {
  it('parses real calendar days', () => {
    expect(parseUtcDayMs('2024-04-19')).toBe(Date.UTC(2024, 3, 19));
    expect(parseUtcDayMs('2024-02-29')).toBe(Date.UTC(2024, 1, 29));
    expect(parseUtcDayMs('2000-02-29')).toBe(Date.UTC(2000, 1, 29));
  });
  it('rejects days that do not exist instead of rolling them over', () => {
    for (const text of [
      '2021-02-29',
      '1900-02-29',
      '2021-02-30',
      '2021-04-31',
      '2021-13-01',
      '2021-00-10',
      '2021-01-00',
      '0099-01-01',
    ]) {
      expect(parseUtcDayMs(text), text).toBeUndefined();
    }
  });
  it('rejects other layouts', () => {
    for (const text of [
      '2021-2-3',
      '03/02/2021',
      '2021/02/03',
      '20a1-02-03',
      '2021-02-3x',
      '2021-02-03T00:00Z',
      ' 2021-02-03',
      '',
    ]) {
      expect(parseUtcDayMs(text), text).toBeUndefined();
    }
  });
});

describe('formatting', () => {
  it('writes the UTC day and minute', () => {
    expect(formatUtcDay(Date.UTC(2024, 3, 20, 23, 59))).toBe('2024-04-20');
    expect(formatUtcMinute(Date.UTC(2021, 1, 17, 6))).toBe('2021-02-17T06:00Z');
  });
});

describe('parseUtcDayMs against Date.UTC', () => {
  it('agrees on every day from 1999 to 2031', () => {
    for (let atMs = Date.UTC(1999, 0, 1); atMs < Date.UTC(2032, 0, 1); atMs += 86_400_000) {
      const text = new Date(atMs).toISOString().slice(0, 10);
      if (parseUtcDayMs(text) !== atMs) expect(text).toBe('parsed to the same instant');
    }
    expect(parseUtcDayMs('1000-03-01')).toBe(Date.UTC(1000, 2, 1));
  });
});
