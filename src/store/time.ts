/**
 * @module store/time
 * Epoch milliseconds in TypeScript, timestamptz in SQL. Going in as ISO text with `Z` keeps the value exact and
 * independent of the session time zone; coming out through `extract(epoch …)` (numeric, exact) keeps both
 * engines' drivers and their Date parsing out of it.
 */
import { StoreError } from '../errors.ts';

/** SQL expression giving column `column` as epoch ms (float8; whole ms are exact). */
export const msOf = (column: string): string => `(extract(epoch FROM ${column}) * 1000)::float8`;

// Years 1..9999: ISO text without the ±YYYYYY extended form, which Postgres does not read.
const MIN_MS = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z (Date.UTC maps years 0..99 to 19xx)
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A time to store: whole epoch ms in years 1..9999, else a StoreError naming the field. */
export function isoOf(operation: string, field: string, ms: number): string {
  if (!(ms >= MIN_MS && ms <= MAX_MS)) {
    throw new StoreError(operation, `${field} must be epoch milliseconds within years 1..9999; got ${ms}`);
  }
  return new Date(ms).toISOString();
}

/** A bound to compare with: beyond the storable range it becomes ±infinity, so "everything" is easy to ask for. */
export function boundOf(operation: string, field: string, ms: number): string {
  if (Number.isNaN(ms)) throw new StoreError(operation, `${field} must be epoch milliseconds; got NaN`);
  if (ms < MIN_MS) return '-infinity';
  if (ms > MAX_MS) return 'infinity';
  return new Date(ms).toISOString();
}
