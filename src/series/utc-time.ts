/**
 * @module series/utc-time
 * Calendar text to UTC instants, strictly: a date that does not exist (2021-02-30) is rejected,
 * not rolled over into March as `Date.UTC` would do.
 */

import { ValidationError } from '../errors.ts';
import { MS_PER_DAY } from '../units/index.ts';

export const MS_PER_HOUR = 3_600_000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const DIGIT_0 = 48;
const DASH = 45;

function daysInMonth(year: number, monthIndex: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return monthIndex === 1 && leap ? 29 : (DAYS_IN_MONTH[monthIndex] ?? 0);
}

/** The number written by `length` ASCII digits at `start`, or NaN. */
export function digitsAt(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = text.charCodeAt(index) - DIGIT_0;
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * 00:00Z of the `YYYY-MM-DD` day written at `start` of `text` (the rest of the text is not looked
 * at), or undefined if it is not a real calendar day. Read digit by digit and checked by
 * arithmetic, without a regex or a Date round trip: it runs on every row of every file.
 */
export function parseUtcDayMsAt(text: string, start: number): number | undefined {
  if (text.charCodeAt(start + 4) !== DASH || text.charCodeAt(start + 7) !== DASH) return undefined;
  const year = digitsAt(text, start, 4);
  const monthIndex = digitsAt(text, start + 5, 2) - 1;
  const day = digitsAt(text, start + 8, 2);
  // Years below 1000 are refused: Date.UTC maps 0-99 to 1900-1999.
  if (
    !(year >= 1000 && monthIndex >= 0 && monthIndex <= 11 && day >= 1 && day <= daysInMonth(year, monthIndex))
  ) {
    return undefined;
  }
  return Date.UTC(year, monthIndex, day);
}

/** 00:00Z of a `YYYY-MM-DD` day, or undefined if the text is not exactly a real calendar day. */
export function parseUtcDayMs(text: string): number | undefined {
  return text.length === 10 ? parseUtcDayMsAt(text, 0) : undefined;
}

/**
 * Whole UTC days from one to another inclusive, as [the first's 00:00Z, the day after the last): a ValidationError
 * on `to.field` when the last day comes before the first (`fromName` says what it came before, in the caller's words).
 */
export function inclusiveDaySpanMs(
  fromDayMs: number,
  toDayMs: number,
  to: { readonly field: string; readonly value: string; readonly fromName: string },
): { fromMs: number; toMs: number } {
  const toMs = toDayMs + MS_PER_DAY;
  if (toMs <= fromDayMs)
    throw new ValidationError([
      {
        field: to.field,
        problem: `must not be before ${to.fromName}`,
        value: to.value,
        fix: 'give an end date on or after the start',
      },
    ]);
  return { fromMs: fromDayMs, toMs };
}

/** `YYYY-MM-DD` of the UTC day containing `atMs`. */
export function formatUtcDay(atMs: number): string {
  return new Date(Math.floor(atMs / MS_PER_DAY) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MMZ`, for messages and test names. */
export function formatUtcMinute(atMs: number): string {
  return `${new Date(atMs).toISOString().slice(0, 16)}Z`;
}
