import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { capitalRecoveryFactor, levelizedCostUsdPerUnit, paymentUsd } from './annuity.ts';
import { npvExcel } from './npv.ts';

const relativeError = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('capital recovery factor (ECONOMICS.md §4.6)', () => {
  it('CRF 8 %, 4 years [C] 0.08 * 1.08**4 / (1.08**4 - 1)', () => {
    expect(relativeError(capitalRecoveryFactor(0.08, 4), 0.3019208044540391)).toBeLessThanOrEqual(1e-9);
  });

  it('is 1/n at a zero rate and continuous next to it', () => {
    expect(capitalRecoveryFactor(0, 8)).toBe(0.125);
    expect(relativeError(capitalRecoveryFactor(1e-12, 8), 0.125)).toBeLessThanOrEqual(1e-11);
    expect(relativeError(capitalRecoveryFactor(-1e-12, 8), 0.125)).toBeLessThanOrEqual(1e-11);
  });

  it('throws for a rate of -100 % or a non-positive number of periods', () => {
    expect(() => capitalRecoveryFactor(-1, 4)).toThrow(ValidationError);
    expect(() => capitalRecoveryFactor(0.08, 0)).toThrow(/periods/);
  });

  it('n level payments of CRF repay 1 USD: their present value is 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 100 }),
        (rate, periods) => {
          const payments = Array.from({ length: periods }, () => capitalRecoveryFactor(rate, periods));
          expect(relativeError(npvExcel(rate, payments), 1)).toBeLessThanOrEqual(1e-9);
        },
      ),
    );
  });
});

describe('paymentUsd (Excel PMT)', () => {
  const loan = { ratePerPeriod: 0.08 / 12, periods: 10, presentValueUsd: 10000 } as const;

  it('Excel PMT example [P] -$1,037.03', () => {
    expect(Math.abs(paymentUsd(loan) - -1037.03)).toBeLessThanOrEqual(0.005);
  });

  it('Excel PMT example [C] -10000*(0.08/12)/(1-(1+0.08/12)**-10)', () => {
    expect(relativeError(paymentUsd(loan), -1037.0320893591625)).toBeLessThanOrEqual(1e-9);
  });

  it('follows Excel signs: money paid out up front gives payments received', () => {
    expect(paymentUsd({ ...loan, presentValueUsd: -10000 })).toBeCloseTo(1037.0320893591625, 9);
    expect(paymentUsd({ ratePerPeriod: 0, periods: 4, presentValueUsd: 100 })).toBe(-25);
  });
});

describe('levelizedCostUsdPerUnit', () => {
  it('(capex × CRF + opex) / output [C]: 1,000 USD, 8 %, 4 years, 100 USD/yr, 10 units/yr', () => {
    const costUsdPerUnit = levelizedCostUsdPerUnit({
      capexUsd: 1000,
      ratePerYear: 0.08,
      lifeYears: 4,
      annualOpexUsd: 100,
      annualOutputUnits: 10,
    });
    expect(relativeError(costUsdPerUnit, 40.19208044540391)).toBeLessThanOrEqual(1e-9);
  });

  it('per MWh [C]: 5 M USD at 7 % over 20 years, 200 k USD/yr opex, 1 MW at 90 % for 8,760 h', () => {
    const costUsdPerMWh = levelizedCostUsdPerUnit({
      capexUsd: 5e6,
      ratePerYear: 0.07,
      lifeYears: 20,
      annualOpexUsd: 2e5,
      annualOutputUnits: 8760 * 0.9,
    });
    expect(relativeError(costUsdPerMWh, 85.23143438816317)).toBeLessThanOrEqual(1e-9);
  });

  it('is straight-line capex plus opex at a zero rate', () => {
    const inputs = {
      capexUsd: 1000,
      ratePerYear: 0,
      lifeYears: 4,
      annualOpexUsd: 100,
      annualOutputUnits: 10,
    };
    expect(levelizedCostUsdPerUnit(inputs)).toBe(35);
  });

  it.each([
    ['zero output', { annualOutputUnits: 0 }, /annualOutputUnits/],
    ['negative capex', { capexUsd: -1 }, /capexUsd/],
    ['NaN opex', { annualOpexUsd: Number.NaN }, /annualOpexUsd/],
    ['zero life', { lifeYears: 0 }, /lifeYears/],
    ['rate of -100 %', { ratePerYear: -1 }, /ratePerYear/],
  ])('throws ValidationError for %s', (_, override, field) => {
    const inputs = {
      capexUsd: 1000,
      ratePerYear: 0.08,
      lifeYears: 4,
      annualOpexUsd: 100,
      annualOutputUnits: 10,
    };
    expect(() => levelizedCostUsdPerUnit({ ...inputs, ...override })).toThrow(ValidationError);
    expect(() => levelizedCostUsdPerUnit({ ...inputs, ...override })).toThrow(field);
  });
});
