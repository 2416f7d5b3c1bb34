/**
 * @module providers/grid-openadr/time
 * OpenADR 3 times and durations (PROTOCOLS.md §4.1): RFC 3339 date-times (`2026-07-15T19:00:00Z`) and
 * ISO 8601 durations (`PT15M`, `PT1H`, `P0D`, `P1DT2H`). Pure: no clock, every instant is passed in.
 */
import { ValidationError } from '../../errors.ts';

/** The largest instant a JS `Date` holds (±8.64e15 ms): stands for "until further notice". */
export const UNTIL_FURTHER_NOTICE_MS = 8_640_000_000_000_000;

export interface IsoDuration {
  readonly negative: boolean;
  /** Calendar parts: their length depends on the instant they are added to. */
  readonly years: number;
  readonly months: number;
  /** Fixed parts: a day is 24 h, because OpenADR instants are absolute (UTC offsets, no time zones). */
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

// Like the 3.0.1 OpenAPI `duration` pattern, but weeks may combine with days (ISO 8601-2) and a `T` must be
// followed by a part, so `P1YT` and `PT` fail. Only seconds take a fraction, as in the spec.
const DURATION =
  /^(-)?P(?=\d|T\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

const DURATION_FIX = 'use an ISO 8601 duration such as PT15M, PT1H, P0D or P1DT2H';

/** Parses an ISO 8601 duration; throws `ValidationError` at `field` naming the text and the expected form. */
export function parseIsoDuration(text: string, field = 'duration'): IsoDuration {
  const match = DURATION.exec(text);
  if (match === null) {
    throw new ValidationError([
      { field, problem: 'is not an ISO 8601 duration', value: text, fix: DURATION_FIX },
    ]);
  }
  const part = (index: number) => Number(match[index] ?? 0);
  return {
    negative: match[1] === '-',
    years: part(2),
    months: part(3),
    weeks: part(4),
    days: part(5),
    hours: part(6),
    minutes: part(7),
    seconds: part(8),
  };
}

/** The duration's fixed part in ms (weeks, days, hours, minutes, seconds), signed; years and months excluded. */
function fixedPartMs(duration: IsoDuration): number {
  const ms =
    (((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60_000 +
    duration.seconds * 1000;
  return duration.negative ? -ms : ms;
}

export const isZeroDuration = (duration: IsoDuration): boolean =>
  duration.years === 0 && duration.months === 0 && fixedPartMs(duration) === 0;

/**
 * `atMs + times × duration`. Years and months step the UTC calendar, clamping the day of month (Jan 31 + P1M is
 * Feb 28 or 29, as java.time does); the rest is fixed. May return a non-finite number or one past the `Date`
 * range for absurd inputs (`P9999Y` × 1000): callers clamp.
 */
export function addIsoDuration(atMs: number, duration: IsoDuration, times = 1): number {
  const sign = duration.negative ? -1 : 1;
  const monthsToAdd = sign * times * (duration.years * 12 + duration.months);
  let calendarMs = atMs;
  if (monthsToAdd !== 0) {
    const at = new Date(atMs);
    const monthIndex = at.getUTCFullYear() * 12 + at.getUTCMonth() + monthsToAdd;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12;
    const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const dayMs = atMs - Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
    calendarMs = Date.UTC(year, month, Math.min(at.getUTCDate(), daysInMonth)) + dayMs;
  }
  return calendarMs + times * fixedPartMs(duration);
}

/** Whole seconds (and milliseconds) as the shortest `PT…` duration: 900 → `PT15M`, 3600 → `PT1H`, 0 → `PT0S`. */
export function formatDurationS(durationS: number, field = 'durationS'): string {
  if (!Number.isFinite(durationS) || durationS < 0) {
    throw new ValidationError([
      { field, problem: 'must be a finite number of seconds >= 0', value: durationS, fix: 'pass e.g. 900' },
    ]);
  }
  const totalMs = Math.round(durationS * 1000);
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const seconds = (totalMs % 60_000) / 1000;
  const text = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `PT${text || '0S'}`;
}

// RFC 3339 §5.6 date-time; `T`/`Z` may be lower case, the fraction has any number of digits.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Epoch ms of an RFC 3339 date-time, or `null` when the text is not one (bad form or out-of-range field). */
export function rfc3339Ms(text: string): number | null {
  const match = DATE_TIME.exec(text);
  if (match === null) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHours = Number(match[10] ?? 0);
  const offsetMinutes = Number(match[11] ?? 0);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // `Date.parse` would roll 2026-02-30 into March; RFC 3339 says it is no date. Second 60 is a leap second.
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) {
    return null;
  }
  if (offsetHours > 23 || offsetMinutes > 59) return null;
  // Digits, not float arithmetic: `.29` × 1000 is 290.00000000000006 as a double. Below 1 ms is dropped.
  const fractionMs = Number((match[7] ?? '.').slice(1, 4).padEnd(3, '0'));
  const offsetMs = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  // Date.UTC maps years 0-99 to 1900-1999; setting the year afterwards keeps the 4 digits as written.
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, fractionMs));
  utc.setUTCFullYear(year);
  return utc.getTime() - offsetMs;
}

/** `2026-07-15T20:00:00Z` (no milliseconds when whole, as the spec examples write it). */
export function formatRfc3339(atMs: number): string {
  const text = new Date(atMs).toISOString();
  return text.endsWith('.000Z') ? `${text.slice(0, -5)}Z` : text;
}
