import { describe, expect, it } from 'vitest';
import { LB_PER_KG } from '../../units/index.ts';
import { averageIntensityGPerKWh, avoidedEmissions, emissionsFromEnergy, kgCo2PerUsd } from './intensity.ts';

const eiaUs2023 = {
  gPerKWh: 366.2,
  method: 'average',
  basis: 'eia_us_2023_average',
  source: 'EIA FAQ 74',
} as const;

describe('carbon (ECONOMICS.md §5.2)', () => {
  it('EIA 2023: 1,532 Mt over 4,183,271 million kWh → 366.2 g/kWh, 0.807 lb/kWh [C], "about 0.81" [P]', () => {
    const gPerKWh = averageIntensityGPerKWh({ emissionsTonnes: 1532e6, generationKWh: 4_183_271e6 });
    expect(gPerKWh).toBeCloseTo(366.2, 1);
    expect((gPerKWh / 1000) * LB_PER_KG).toBeCloseTo(0.807, 3);
    expect(Math.abs((gPerKWh / 1000) * LB_PER_KG - 0.81)).toBeLessThan(0.005);
  });

  it('1 MW all year at 366 g/kWh emits 3,206 t CO2 [C], labelled average', () => {
    const e = emissionsFromEnergy({ energyMWh: 8760, intensity: { ...eiaUs2023, gPerKWh: 366 } });
    expect(e.tonnesCo2).toBeCloseTo(3206.16, 6);
    expect(e.method).toBe('average');
    expect(e.basis).toBe('eia_us_2023_average');
  });

  it('avoided emissions need a marginal figure and are zero when the grid would have curtailed anyway', () => {
    const marginal = {
      gPerKWh: 490,
      method: 'marginal',
      basis: 'gas_cc_on_margin',
      source: 'IPCC AR5',
    } as const;
    expect(avoidedEmissions({ curtailedMWh: 100, intensity: marginal }).tonnesCo2).toBeCloseTo(49, 9);
    expect(
      avoidedEmissions({ curtailedMWh: 100, intensity: marginal, gridWouldHaveCurtailed: true }).tonnesCo2,
    ).toBe(0);
  });

  it('carbon per dollar is undefined without revenue', () => {
    const e = emissionsFromEnergy({ energyMWh: 10, intensity: eiaUs2023 });
    expect(kgCo2PerUsd({ emissions: e, revenueUsd: 0 })).toBeUndefined();
    expect(kgCo2PerUsd({ emissions: e, revenueUsd: 1000 })).toBeCloseTo(3.662, 9);
  });
});
