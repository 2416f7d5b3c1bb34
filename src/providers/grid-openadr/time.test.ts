/** ISO 8601 durations and RFC 3339 times, against values worked out by hand. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import {
  addIsoDuration,
  formatDurationS,
  formatRfc3339,
  isZeroDuration,
  parseIsoDuration,
  rfc3339Ms,
} from './time.ts';

const at = (text: string) => Date.parse(text);
const MIN = 60_000;
const HOUR = 3_600_000;

describe('parseIsoDuration', () => {
  it.each([
    ['PT15M', 15 * MIN],
    ['PT1H', HOUR],
    ['P0D', 0],
    ['PT0S', 0],
    ['P1DT2H', 26 * HOUR],
    ['P1W', 7 * 24 * HOUR],
    ['PT1.5S', 1500],
    ['PT1H30M15S', HOUR + 30 * MIN + 15_000],
  ])('%s is %d ms from any instant', (text, ms) => {
    const start = at('2026-07-15T20:00:00Z');
    expect(addIsoDuration(start, parseIsoDuration(text)) - start).toBe(ms);
  });

  it.each(['', 'P', 'PT', 'P1YT', '15M', 'PT15', 'pt15m', 'P1.5D', 'PT-5M', 'P1H', 'P1DT', 'PT1M1H'])(
    'rejects %j with the field, the text and an example',
    (text) => {
      const error = (() => {
        try {
          parseIsoDuration(text, 'event.intervalPeriod.duration');
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).message).toContain('event.intervalPeriod.duration');
      expect((error as ValidationError).message).toMatch(/PT15M, PT1H, P0D or P1DT2H/);
    },
  );

  it('keeps the sign and tells zero apart', () => {
    expect(parseIsoDuration('-PT1H').negative).toBe(true);
    expect(isZeroDuration(parseIsoDuration('P0D'))).toBe(true);
    expect(isZeroDuration(parseIsoDuration('P0Y0M'))).toBe(true);
    expect(isZeroDuration(parseIsoDuration('PT0.001S'))).toBe(false);
  });

  it('steps months on the UTC calendar, clamping the day (Jan 31 + P1M is Feb 28 in 2026, Feb 29 in 2028)', () => {
    const month = parseIsoDuration('P1M');
    expect(addIsoDuration(at('2026-01-31T10:00:00Z'), month)).toBe(at('2026-02-28T10:00:00Z'));
    expect(addIsoDuration(at('2028-01-31T10:00:00Z'), month)).toBe(at('2028-02-29T10:00:00Z'));
    expect(addIsoDuration(at('2026-07-15T00:00:00Z'), month, 3)).toBe(at('2026-10-15T00:00:00Z'));
    expect(addIsoDuration(at('2026-07-15T00:00:00Z'), parseIsoDuration('P1Y2M'), 1)).toBe(
      at('2027-09-15T00:00:00Z'),
    );
    expect(addIsoDuration(at('2026-03-15T00:00:00Z'), parseIsoDuration('-P3M'))).toBe(
      at('2025-12-15T00:00:00Z'),
    );
  });

  it('multiplies the fixed part: interval 3 of PT15M starts 45 min in', () => {
    expect(addIsoDuration(0, parseIsoDuration('PT15M'), 3)).toBe(45 * MIN);
  });
});

describe('formatDurationS', () => {
  it.each([
    [900, 'PT15M'],
    [3600, 'PT1H'],
    [0, 'PT0S'],
    [5400, 'PT1H30M'],
    [93_600, 'PT26H'],
    [0.5, 'PT0.5S'],
  ])('%d s is %s', (seconds, text) => {
    expect(formatDurationS(seconds)).toBe(text);
  });

  it('round-trips through the parser for any whole number of ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), (ms) => {
        const text = formatDurationS(ms / 1000);
        expect(addIsoDuration(0, parseIsoDuration(text))).toBe(ms);
      }),
    );
  });

  it('rejects negative and non-finite durations', () => {
    expect(() => formatDurationS(-1)).toThrow(ValidationError);
    expect(() => formatDurationS(Number.NaN)).toThrow(ValidationError);
  });
});

describe('rfc3339Ms', () => {
  it.each([
    ['2026-07-15T20:00:00Z', at('2026-07-15T20:00:00Z')],
    ['2026-07-15t20:00:00z', at('2026-07-15T20:00:00Z')],
    ['2026-07-15T15:00:00-05:00', at('2026-07-15T20:00:00Z')],
    ['2026-07-16T01:30:00+05:30', at('2026-07-15T20:00:00Z')],
    ['2026-07-15T20:00:00.25Z', at('2026-07-15T20:00:00Z') + 250],
    ['2028-02-29T00:00:00Z', at('2028-02-29T00:00:00Z')],
  ])('%s', (text, ms) => {
    expect(rfc3339Ms(text)).toBe(ms);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-07-15T24:00:00Z',
    '2026-07-15 20:00:00Z',
    '2026-07-15T20:00:00',
    '2026-07-15',
    '2026-07-15T20:00:00+24:00',
  ])('%s is not a date-time', (text) => {
    expect(rfc3339Ms(text)).toBeNull();
  });

  it('formats without milliseconds when whole, and round-trips', () => {
    expect(formatRfc3339(at('2026-07-15T20:00:00Z'))).toBe('2026-07-15T20:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), (ms) => {
        expect(rfc3339Ms(formatRfc3339(ms))).toBe(ms);
      }),
    );
  });
});
