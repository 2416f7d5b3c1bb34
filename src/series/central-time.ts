/**
 * @module series/central-time
 * US Central time (ERCOT's clock) to UTC. CST is UTC-6, CDT is UTC-5. Since 2007 (Energy Policy
 * Act of 2005) CDT runs from the second Sunday of March, 02:00 CST, to the first Sunday of
 * November, 02:00 CDT. Earlier years followed other rules, so they are refused rather than guessed.
 */

import { SwitchyardError } from '../errors.ts';
import { MS_PER_HOUR } from './utc-time.ts';

const FIRST_YEAR_OF_RULE = 2007;
const CST_OFFSET_MS = 6 * MS_PER_HOUR;
const CDT_OFFSET_MS = 5 * MS_PER_HOUR;

/** What a local wall-clock reading means in UTC. */
export type CentralResolution =
  | { readonly kind: 'unique'; readonly utcMs: number }
  /** The fall-back hour happens twice: first in CDT, then again in CST one hour later. */
  | { readonly kind: 'ambiguous'; readonly firstUtcMs: number; readonly secondUtcMs: number }
  /** The spring-forward hour is skipped by the clock. */
  | { readonly kind: 'nonexistent' };

function nthSundayOfMonthUtc(year: number, monthIndex: number, nth: number): number {
  const firstWeekday = new Date(Date.UTC(year, monthIndex, 1)).getUTCDay();
  const firstSunday = 1 + ((7 - firstWeekday) % 7);
  return Date.UTC(year, monthIndex, firstSunday + 7 * (nth - 1));
}

interface DaylightSpan {
  readonly startUtcMs: number;
  readonly endUtcMs: number;
}

// Loaders resolve every row of an hourly file; each year's span is computed once.
const spanByYear = new Map<number, DaylightSpan>();

/** `[startUtcMs, endUtcMs)` of daylight time in `year`. */
export function centralDaylightSpanUtc(year: number): DaylightSpan {
  const known = spanByYear.get(year);
  if (known !== undefined) return known;
  if (!Number.isInteger(year) || year < FIRST_YEAR_OF_RULE) {
    throw new SwitchyardError(
      'UNSUPPORTED',
      `Central-time DST rules are implemented from ${FIRST_YEAR_OF_RULE} on; got year ${year}`,
    );
  }
  const span = {
    startUtcMs: nthSundayOfMonthUtc(year, 2, 2) + 2 * MS_PER_HOUR + CST_OFFSET_MS,
    endUtcMs: nthSundayOfMonthUtc(year, 10, 1) + 2 * MS_PER_HOUR + CDT_OFFSET_MS,
  };
  spanByYear.set(year, span);
  return span;
}

/**
 * Resolve a Central wall-clock reading. `wallClockMs` is the reading written as if it were UTC
 * (e.g. `Date.UTC(2020, 10, 1, 1)` for 2020-11-01 01:00 local).
 */
export function resolveCentralWallClock(wallClockMs: number): CentralResolution {
  const { startUtcMs, endUtcMs } = centralDaylightSpanUtc(new Date(wallClockMs).getUTCFullYear());
  const inDaylight = (utcMs: number): boolean => utcMs >= startUtcMs && utcMs < endUtcMs;
  const asCdt = wallClockMs + CDT_OFFSET_MS;
  const asCst = wallClockMs + CST_OFFSET_MS;
  const cdtValid = inDaylight(asCdt);
  const cstValid = !inDaylight(asCst);
  if (cdtValid && cstValid) return { kind: 'ambiguous', firstUtcMs: asCdt, secondUtcMs: asCst };
  if (cdtValid) return { kind: 'unique', utcMs: asCdt };
  if (cstValid) return { kind: 'unique', utcMs: asCst };
  return { kind: 'nonexistent' };
}
