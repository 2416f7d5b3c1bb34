/**
 * @module economics/finance/annuity
 * Level payments: capital recovery factor, Excel PMT, and levelized cost per unit of output (ECONOMICS.md §4.6).
 */
import { requireFinite, requireNonNegative, requirePositive } from '../../units/guards.ts';
import { assertRate } from './validate.ts';

/**
 * `CRF(r, n) = r (1+r)^n / ((1+r)^n − 1)`: the level end-of-period payment that repays 1 USD over n periods.
 * Computed as `r / (1 − (1+r)^−n)` with expm1/log1p so small rates keep their precision; at r = 0 it is the
 * limit 1/n.
 */
export function capitalRecoveryFactor(ratePerPeriod: number, periods: number): number {
  assertRate(ratePerPeriod, 'ratePerPeriod');
  requirePositive('periods', periods, 'pass the number of payment periods, e.g. 4 (years)');
  if (ratePerPeriod === 0) return 1 / periods;
  return ratePerPeriod / -Math.expm1(-periods * Math.log1p(ratePerPeriod));
}

export interface PaymentInputs {
  readonly ratePerPeriod: number;
  readonly periods: number;
  readonly presentValueUsd: number;
}

/**
 * Excel `PMT(rate, nper, pv)` with fv = 0 and payments at period end (type 0). Excel's sign convention: money
 * received is positive, so a positive loan principal gives a negative payment.
 */
export function paymentUsd({ ratePerPeriod, periods, presentValueUsd }: PaymentInputs): number {
  requireFinite('presentValueUsd', presentValueUsd, 'pass the principal in USD (positive when received)');
  return -presentValueUsd * capitalRecoveryFactor(ratePerPeriod, periods);
}

export interface LevelizedCostInputs {
  readonly capexUsd: number;
  readonly ratePerYear: number;
  readonly lifeYears: number;
  readonly annualOpexUsd: number;
  /** Output per year in the unit the cost is wanted per: MWh for USD/MWh, GPU-hours for USD/GPU-hour. */
  readonly annualOutputUnits: number;
}

/**
 * Levelized cost `(capex × CRF(r, n) + annual opex) / annual output`, in USD per unit of `annualOutputUnits`.
 * Capex is annualised as an end-of-year annuity over the life; opex and output are taken as level.
 */
export function levelizedCostUsdPerUnit({
  capexUsd,
  ratePerYear,
  lifeYears,
  annualOpexUsd,
  annualOutputUnits,
}: LevelizedCostInputs): number {
  requireNonNegative('capexUsd', capexUsd, 'pass the up-front capital cost in USD');
  assertRate(ratePerYear, 'ratePerYear');
  requirePositive('lifeYears', lifeYears, 'pass the economic life in years, e.g. 4 for a GPU server');
  requireFinite('annualOpexUsd', annualOpexUsd, 'pass the yearly operating cost in USD (0 if none)');
  requirePositive(
    'annualOutputUnits',
    annualOutputUnits,
    'pass the yearly output, e.g. MWh or GPU-hours, > 0',
  );
  const crf = capitalRecoveryFactor(ratePerYear, lifeYears);
  return (capexUsd * crf + annualOpexUsd) / annualOutputUnits;
}
