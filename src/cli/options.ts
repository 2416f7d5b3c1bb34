/**
 * @module cli/options
 * Command-line values checked at the edge, with the flag named in the error.
 */
import { ValidationError } from '../errors.ts';

/** `YYYY-MM-DD` → 00:00 UTC of that day, rejecting impossible dates such as 2024-02-30. */
export function parseDayOption(text: string, flag = '--date'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const dayMs = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(dayMs) || new Date(dayMs).toISOString().slice(0, 10) !== text) {
    throw new ValidationError([
      {
        field: flag,
        problem: 'must be a calendar date YYYY-MM-DD (UTC)',
        value: text,
        fix: 'e.g. --date 2024-11-12',
      },
    ]);
  }
  return dayMs;
}

export function parseNumberOption(text: string, flag: string, fix: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new ValidationError([{ field: flag, problem: 'must be a number', value: text, fix }]);
  }
  return value;
}

export function wholeNumber(text: string, field: string, min: number, example: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new ValidationError([
      { field, problem: `must be a whole number ≥ ${min}`, value: text, fix: `e.g. ${field} ${example}` },
    ]);
  }
  return value;
}
