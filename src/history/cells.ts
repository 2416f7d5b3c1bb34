/**
 * @module history/cells
 * Rules for single CSV cells. Each rule exists twice from one predicate: `accepts`, a plain test that
 * the per-row zod schema runs on every row (cheap: zod 4 costs ~2 µs per check call, so a check per
 * cell would triple the load time), and `schema`, the same predicate as a zod schema with its
 * message, run only on a rejected row to say which cell is wrong and why. Each rule also carries the
 * fix a person should apply.
 */

import { z } from 'zod';
import { digitsAt, MS_PER_HOUR, parseUtcDayMs, parseUtcDayMsAt } from '../series/utc-time.ts';

export interface Cell {
  /** True when the text is acceptable; an empty text is acceptable only where gaps are allowed. */
  readonly accepts: (text: string) => boolean;
  /** The same rule as a zod schema, for the message of a rejected cell. */
  readonly schema: z.ZodType<string, string>;
  /** What to do about a bad cell in this column. */
  readonly fix: string;
}

const NUMBER_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const GAP_FIX = 'correct the cell or leave it empty to mark a gap';
const NO_GAP_FIX = 'correct the cell; this column may not be empty';

function checkedText(problem: string, fix: string, gaps: boolean, ok: (text: string) => boolean): Cell {
  const accepts = gaps
    ? (text: string) => text === '' || ok(text)
    : (text: string) => text !== '' && ok(text);
  const schema = gaps
    ? z.string().refine(accepts, { message: problem })
    : z
        .string()
        .refine((text) => text !== '', { message: 'must not be empty', abort: true })
        .refine(ok, { message: problem });
  return { accepts, schema, fix };
}

/** A decimal number (no thousands separators, no NaN/Infinity) that passes `inRange`. */
function numberCell(problem: string, gaps: boolean, inRange: (value: number) => boolean): Cell {
  return checkedText(
    problem,
    gaps ? GAP_FIX : NO_GAP_FIX,
    gaps,
    (text) => NUMBER_TEXT.test(text) && inRange(Number(text)),
  );
}

export const anyNumber = (gaps: boolean): Cell => numberCell('must be a number', gaps, Number.isFinite);
export const positiveNumber = (gaps: boolean): Cell =>
  numberCell('must be a positive number', gaps, (value) => value > 0 && Number.isFinite(value));
export const nonNegativeNumber = (gaps: boolean): Cell =>
  numberCell('must be a number >= 0', gaps, (value) => value >= 0 && Number.isFinite(value));
export const wholeNumber = (min: number, max: number, gaps: boolean): Cell =>
  numberCell(
    `must be a whole number from ${min} to ${max}`,
    gaps,
    (value) => Number.isInteger(value) && value >= min && value <= max,
  );

export const utcDay: Cell = checkedText(
  'must be a real calendar day written YYYY-MM-DD',
  'write the date as YYYY-MM-DD',
  false,
  (text) => parseUtcDayMs(text) !== undefined,
);

/** The hour `HH` at `start` if it is 00..23 and followed by `tail`, else NaN. */
function hourBefore(text: string, start: number, tail: string): number {
  const hour = digitsAt(text, start, 2);
  return hour <= 23 && text.endsWith(tail) && text.length === start + 2 + tail.length ? hour : Number.NaN;
}

/** `2024-01-01T05:00:00Z` (a whole UTC hour) to ms, or NaN. */
export function utcHourStampMs(text: string): number {
  const dayMs = text.charCodeAt(10) === 84 /* T */ ? parseUtcDayMsAt(text, 0) : undefined;
  return dayMs === undefined ? Number.NaN : dayMs + hourBefore(text, 11, ':00:00Z') * MS_PER_HOUR;
}

/** `2023-01-01 05:00` (a whole hour on a local wall clock) to that reading written as if UTC, or NaN. */
export function localHourStampMs(text: string): number {
  const dayMs = text.charCodeAt(10) === 32 /* space */ ? parseUtcDayMsAt(text, 0) : undefined;
  return dayMs === undefined ? Number.NaN : dayMs + hourBefore(text, 11, ':00') * MS_PER_HOUR;
}

export const utcHourStamp: Cell = checkedText(
  'must be a whole UTC hour written YYYY-MM-DDTHH:00:00Z',
  'write the instant as YYYY-MM-DDTHH:00:00Z',
  false,
  (text) => !Number.isNaN(utcHourStampMs(text)),
);

export const localHourStamp: Cell = checkedText(
  'must be a whole local hour written YYYY-MM-DD HH:00',
  'write the hour as YYYY-MM-DD HH:00 (local Central time)',
  false,
  (text) => !Number.isNaN(localHourStampMs(text)),
);

export const oneOf = (values: readonly string[], gaps = false): Cell =>
  checkedText(`must be one of ${values.join(', ')}`, `use one of ${values.join(', ')}`, gaps, (text) =>
    values.includes(text),
  );

const LABEL_TEXT = /^[\p{L}\p{N}_.+\-/@: ()']+$/u;
/** Free text without control characters, e.g. a source tag or a region name. */
export const label = (gaps: boolean): Cell =>
  checkedText(
    'must be plain text (letters, digits, _ . + - / @ : space)',
    gaps ? GAP_FIX : NO_GAP_FIX,
    gaps,
    (text) => LABEL_TEXT.test(text),
  );
