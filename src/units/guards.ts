/**
 * @module units/guards
 * Input guards shared by every pure module. Each throws `ValidationError` naming the field, the
 * problem, the value and a fix, so a bad scenario file fails at the number that is wrong, not three modules later.
 */
import { ValidationError } from '../errors.ts';

function fail(field: string, value: unknown, problem: string, fix: string): never {
  throw new ValidationError([{ field, value, problem, fix }]);
}

export function requireFinite(field: string, value: number, fix: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value))
    fail(field, value, 'must be a finite number', fix);
  return value;
}

export function requirePositive(field: string, value: number, fix: string): number {
  requireFinite(field, value, fix);
  if (value <= 0) fail(field, value, 'must be > 0', fix);
  return value;
}

export function requireNonNegative(field: string, value: number, fix: string): number {
  requireFinite(field, value, fix);
  if (value < 0) fail(field, value, 'must be >= 0', fix);
  return value;
}

/** A share of something, 0..1 inclusive (0.8, not 80). */
export function requireFraction(field: string, value: number, fix: string): number {
  requireFinite(field, value, fix);
  if (value < 0 || value > 1) fail(field, value, 'must be a fraction in [0, 1] (0.8, not 80)', fix);
  return value;
}

/** PUE is facility over IT energy, so below 1 is physically impossible. */
export function requirePue(field: string, value: number): number {
  requireFinite(field, value, 'set the hall PUE, e.g. 1.10 for an air-cooled mining hall');
  if (value < 1) fail(field, value, 'must be >= 1 (facility energy over IT energy)', 'use e.g. 1.10 or 1.30');
  return value;
}

/** A share that cannot be all of it, [0, 1): a pool fee or stale rate of 100 % leaves nothing to compute. */
export function requireFractionBelowOne(field: string, value: number, fix: string): number {
  requireFinite(field, value, fix);
  if (value < 0 || value >= 1) fail(field, value, 'must be a fraction in [0, 1) (0.025, not 2.5)', fix);
  return value;
}
