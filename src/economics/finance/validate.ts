/**
 * @module economics/finance/validate
 * Argument checks shared by the finance functions. Bad arguments are programming or config errors, so they
 * throw `ValidationError` naming the field; expected outcomes (no IRR, never pays back) are typed values instead.
 */
import { ValidationError } from '../../errors.ts';
import { requireFinite, requireNonNegative } from '../../units/guards.ts';

function fail(field: string, problem: string, value: unknown, fix: string): never {
  throw new ValidationError([{ field, problem, value, fix }]);
}

export function assertPositiveInteger(value: number, field: string, fix: string): void {
  if (!Number.isInteger(value) || value <= 0) fail(field, 'must be a whole number > 0', value, fix);
}

export function assertIntegerInRange(
  value: number,
  min: number,
  max: number,
  field: string,
  fix: string,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(field, `must be a whole number from ${min} to ${max}`, value, fix);
  }
}

/** A rate of -100 % or less makes the discount factor 1/(1+r) infinite or negative. */
export function assertRate(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= -1) {
    fail(field, 'must be a finite fraction per period > -1 (0.08 means 8 %)', value, 'pass e.g. 0.08, not 8');
  }
}

export function assertCashflows(cashflowsUsd: readonly number[], field: string, minLength: number): void {
  if (cashflowsUsd.length < minLength) {
    fail(
      field,
      `must hold at least ${minLength} cash flow(s)`,
      `${cashflowsUsd.length} flows`,
      'pass one amount per period, starting with period 0 (use [0] for no flows)',
    );
  }
  cashflowsUsd.forEach((amountUsd, index) => {
    requireFinite(
      `${field}[${index}]`,
      amountUsd,
      'replace missing or infinite amounts with a number (0 if none)',
    );
  });
}

/** Depreciation inputs common to SLN, DDB and DB: a book value can only fall from cost to salvage. */
export function assertCostAndSalvage(costUsd: number, salvageUsd: number): void {
  requireNonNegative('costUsd', costUsd, 'pass the purchase cost of the asset in USD');
  requireNonNegative('salvageUsd', salvageUsd, 'pass the value at the end of the life in USD (0 if none)');
  if (salvageUsd > costUsd) {
    fail(
      'salvageUsd',
      `must not exceed costUsd (${costUsd})`,
      salvageUsd,
      'lower the salvage value or raise the cost',
    );
  }
}
