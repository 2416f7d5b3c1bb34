import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { facilityEnergyMWh, facilityPowerW, itPowerW, measuredPue } from './facility.ts';

describe('PUE (ECONOMICS.md §4.1)', () => {
  it('1 MW facility at PUE 1.10 leaves 909.09 kW of IT, 259.7 S21s [C]', () => {
    const it = itPowerW({ facilityPowerW: 1e6, pue: 1.1 });
    expect(it / 3500).toBeCloseTo(259.74, 2);
  });

  it('facility energy of 1 MW IT for a day at PUE 1.3 is 31.2 MWh', () => {
    expect(facilityEnergyMWh({ itPowerW: 1e6, pue: 1.3, durationH: 24 })).toBeCloseTo(31.2, 9);
  });

  it('facility and IT power round-trip (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e9, noNaN: true }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        (w, pue) => {
          const back = itPowerW({ facilityPowerW: facilityPowerW({ itPowerW: w, pue }), pue });
          return Math.abs(back - w) <= 1e-9 * Math.max(1, w);
        },
      ),
    );
  });

  it('rejects a PUE below 1 naming the field and the fix', () => {
    expect(() => facilityPowerW({ itPowerW: 1, pue: 0.8 })).toThrow(
      /pue: must be >= 1 \(facility energy over IT energy\).*fix: use/,
    );
    expect(() => measuredPue({ facilityEnergyMWh: 1, itEnergyMWh: 2 })).toThrow(/facilityEnergyMWh/);
  });
});
