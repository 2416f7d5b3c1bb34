/**
 * @module economics/finance/depreciation
 * Book depreciation as Excel SLN, DDB and DB (ECONOMICS.md §4.5). These are accounting conventions for book
 * value only; tax depreciation (MACRS, bonus) is a separate concept and must not be built on these.
 *
 * Salvage may not exceed cost (Excel would return negative depreciation; for us that is a config error).
 */
import { requirePositive } from '../../units/guards.ts';
import { assertCostAndSalvage, assertIntegerInRange, assertPositiveInteger } from './validate.ts';

export interface StraightLineInputs {
  readonly costUsd: number;
  readonly salvageUsd: number;
  /** Any positive length, in the periods the result is per (years, months, days). */
  readonly lifePeriods: number;
}

/** Excel `SLN(cost, salvage, life)`: the same `(cost − salvage) / life` in every period. */
export function straightLineDepreciationUsd({
  costUsd,
  salvageUsd,
  lifePeriods,
}: StraightLineInputs): number {
  assertCostAndSalvage(costUsd, salvageUsd);
  requirePositive('lifePeriods', lifePeriods, 'pass the useful life, e.g. 4 (years) for a GPU server');
  return (costUsd - salvageUsd) / lifePeriods;
}

export interface DecliningBalanceInputs {
  readonly costUsd: number;
  readonly salvageUsd: number;
  /** Whole periods; the rate per period is `factor / lifePeriods`. */
  readonly lifePeriods: number;
  /** 2 (the default) is double-declining balance; 1.5 is 150 % declining balance. */
  readonly factor?: number;
}

/**
 * Excel `DDB` for every period 1..lifePeriods: `min(bookValue × factor / life, max(0, bookValue − salvage))`.
 * Like Excel (and unlike VDB), there is no switch to straight line, so the book value may end above salvage.
 */
export function decliningBalanceScheduleUsd({
  costUsd,
  salvageUsd,
  lifePeriods,
  factor = 2,
}: DecliningBalanceInputs): number[] {
  assertCostAndSalvage(costUsd, salvageUsd);
  assertPositiveInteger(lifePeriods, 'lifePeriods', 'pass the useful life in whole periods, e.g. 10 (years)');
  requirePositive('factor', factor, 'pass 2 for double-declining balance, 1.5 for 150 %');
  const schedule: number[] = [];
  let bookValueUsd = costUsd;
  for (let period = 1; period <= lifePeriods; period++) {
    const depreciationUsd = Math.min(
      (bookValueUsd * factor) / lifePeriods,
      Math.max(0, bookValueUsd - salvageUsd),
    );
    schedule.push(depreciationUsd);
    bookValueUsd -= depreciationUsd;
  }
  return schedule;
}

/** Excel `DDB(cost, salvage, life, period, [factor])` for one period (1-based). */
export function decliningBalanceDepreciationUsd(
  inputs: DecliningBalanceInputs & { readonly period: number },
): number {
  const schedule = decliningBalanceScheduleUsd(inputs);
  assertIntegerInRange(inputs.period, 1, schedule.length, 'period', 'pass a period from 1 to lifePeriods');
  return schedule[inputs.period - 1]!;
}

export interface FixedDecliningBalanceInputs {
  readonly costUsd: number;
  readonly salvageUsd: number;
  readonly lifeYears: number;
  /** Months the asset is held in its first year, 1..12 (default 12). Below 12, a year life + 1 takes the rest. */
  readonly monthsInFirstYear?: number;
}

/**
 * Excel DB's rate per year: `1 − (salvage / cost)^(1 / life)`, rounded to three decimals as Excel does
 * (Microsoft DB docs), so the book value after `lifeYears` lands near salvage, not exactly on it.
 */
export function fixedDecliningBalanceRatePerYear({
  costUsd,
  salvageUsd,
  lifeYears,
}: Omit<FixedDecliningBalanceInputs, 'monthsInFirstYear'>): number {
  assertCostAndSalvage(costUsd, salvageUsd);
  assertPositiveInteger(lifeYears, 'lifeYears', 'pass the useful life in whole years, e.g. 6');
  if (costUsd === 0) return 0;
  return Math.round((1 - (salvageUsd / costUsd) ** (1 / lifeYears)) * 1000) / 1000;
}

/**
 * Excel `DB` for every year: year 1 is `cost × rate × months / 12`, years 2..life are `(cost − prior) × rate`, and
 * when the first year is partial, year life + 1 is `(cost − prior) × rate × (12 − months) / 12`.
 */
export function fixedDecliningBalanceScheduleUsd(inputs: FixedDecliningBalanceInputs): number[] {
  const { costUsd, lifeYears, monthsInFirstYear = 12 } = inputs;
  const rate = fixedDecliningBalanceRatePerYear(inputs);
  assertIntegerInRange(
    monthsInFirstYear,
    1,
    12,
    'monthsInFirstYear',
    'pass the months held in year 1, 1 to 12',
  );
  const schedule = [(costUsd * rate * monthsInFirstYear) / 12];
  let totalUsd = schedule[0]!;
  for (let year = 2; year <= lifeYears; year++) {
    const depreciationUsd = (costUsd - totalUsd) * rate;
    schedule.push(depreciationUsd);
    totalUsd += depreciationUsd;
  }
  if (monthsInFirstYear < 12) schedule.push(((costUsd - totalUsd) * rate * (12 - monthsInFirstYear)) / 12);
  return schedule;
}

/** Excel `DB(cost, salvage, life, period, [month])` for one year (1-based; life + 1 only with a partial year 1). */
export function fixedDecliningBalanceDepreciationUsd(
  inputs: FixedDecliningBalanceInputs & { readonly period: number },
): number {
  const schedule = fixedDecliningBalanceScheduleUsd(inputs);
  assertIntegerInRange(
    inputs.period,
    1,
    schedule.length,
    'period',
    'pass a year from 1 to lifeYears (lifeYears + 1 when monthsInFirstYear < 12)',
  );
  return schedule[inputs.period - 1]!;
}
