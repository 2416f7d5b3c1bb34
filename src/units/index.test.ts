import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireFraction, requireFractionBelowOne, requirePositive, requirePue } from './guards.ts';
import {
  btcToSats,
  ehsToHs,
  energyMWhFromPowerW,
  hsToEhs,
  hsToThs,
  mwToW,
  satsToBtc,
  thsToHs,
  usdPerKWhToUsdPerMWh,
  usdPerMWhToUsdPerKWh,
  wToMW,
} from './index.ts';

describe('unit conversions', () => {
  it('round-trip (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), (x) => {
        const close = (a: number): boolean => Math.abs(a / x - 1) < 1e-12;
        return (
          close(hsToThs(thsToHs(x))) &&
          close(hsToEhs(ehsToHs(x))) &&
          close(wToMW(mwToW(x))) &&
          close(usdPerKWhToUsdPerMWh(usdPerMWhToUsdPerKWh(x)))
        );
      }),
    );
  });

  it('satoshis round-trip through BTC exactly below 2^53 sat (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 2_100_000_000_000_000n }),
        (sats) => btcToSats(satsToBtc(sats)) === sats,
      ),
    );
  });

  it('1 MW for 24 h is 24 MWh', () => {
    expect(energyMWhFromPowerW(1e6, 24)).toBe(24);
  });

  it('refuses a non-finite BTC amount instead of making NaN satoshis', () => {
    expect(() => btcToSats(Number.NaN)).toThrow(/not a finite BTC amount/);
  });
});

describe('guards', () => {
  it('name the field, the value and the fix', () => {
    expect(() => requirePositive('powerW', -5, 'give watts')).toThrow(
      /powerW: must be > 0; got -5; fix: give watts/,
    );
    expect(() => requireFraction('utilization', 80, 'e.g. 0.8')).toThrow(
      /utilization: must be a fraction in \[0, 1\] \(0\.8, not 80\)/,
    );
    expect(() => requireFractionBelowOne('poolFeeFraction', 1, 'e.g. 0.025')).toThrow(
      /poolFeeFraction: must be a fraction in \[0, 1\)/,
    );
    expect(() => requirePue('pue', 0.9)).toThrow(/pue: must be >= 1/);
    expect(() => requirePositive('x', Number.NaN, 'f')).toThrow(/x: must be a finite number/);
  });

  it('return the value so checks can sit in expressions', () => {
    expect(requirePue('pue', 1.3)).toBe(1.3);
    expect(requireFraction('u', 0, 'f')).toBe(0);
  });
});
