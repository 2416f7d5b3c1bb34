import { describe, expect, it } from 'vitest';
import {
  cbeciNetworkEnergy,
  energyTWhPerYear,
  impliedFleetEfficiencyJPerTh,
  networkPowerW,
} from './network.ts';

const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);

describe('network energy (ECONOMICS.md §5.1, check E1)', () => {
  it('150 TWh/yr is 17.12 GW continuous [C]', () => {
    expect((150e12 / 8760 / 1e9).toFixed(2)).toBe('17.12');
    expect(rel(energyTWhPerYear(17.123e9), 150)).toBeLessThan(1e-4);
  });

  // E1 table [C]: fleet J/TH implied by 150 TWh/yr at each hashrate, at PUE 1.0 and 1.10.
  const e1 = [
    { ehs: 600, pue1: 28.54, pue11: 25.94 },
    { ehs: 700, pue1: 24.46, pue11: 22.24 },
    { ehs: 800, pue1: 21.4, pue11: 19.46 },
    { ehs: 1000, pue1: 17.12, pue11: 15.57 },
    { ehs: 1100, pue1: 15.57, pue11: 14.15 },
  ];
  it.each(e1)(
    '150 TWh/yr at $ehs EH/s needs $pue1 J/TH (PUE 1) and $pue11 (PUE 1.1)',
    ({ ehs, pue1, pue11 }) => {
      const at = (pue: number): number =>
        impliedFleetEfficiencyJPerTh({ energyTWhPerYear: 150, hashrateHs: ehs * 1e18, pue });
      expect(at(1)).toBeCloseTo(pue1, 2);
      expect(at(1.1)).toBeCloseTo(pue11, 2);
    },
  );

  it('forward: 727.6 EH/s × 22 J/TH × PUE 1.1 → 154.2 TWh/yr; 618.4 EH/s × 25 J/TH → 135.4 [C]', () => {
    expect(
      energyTWhPerYear(networkPowerW({ hashrateHs: 727.6e18, fleetEfficiencyJPerTh: 22, pue: 1.1 })),
    ).toBeCloseTo(154.2, 1);
    expect(
      energyTWhPerYear(networkPowerW({ hashrateHs: 618.4e18, fleetEfficiencyJPerTh: 25, pue: 1 })),
    ).toBeCloseTo(135.4, 1);
  });
});

describe('cbeciNetworkEnergy', () => {
  const machines = [
    { id: 'new', efficiencyJPerTh: 15, releaseYear: 2024 },
    { id: 'mid', efficiencyJPerTh: 25, releaseYear: 2021 },
    { id: 'old', efficiencyJPerTh: 60, releaseYear: 2019 },
    { id: 'ancient', efficiencyJPerTh: 120, releaseYear: 2016 },
  ];
  const assumptions = {
    electricityPriceUsdPerMWh: 50,
    pue: { lower: 1.01, best: 1.1, upper: 1.2 },
    poolFeeFraction: 0,
    basketMaxAgeYears: 10,
  };

  it('bounds from the best machine and the worst profitable one; best guess from the profitable basket', () => {
    // At $50/PH/day and PUE 1.1, break-even = 50/1000 / (J × 1.1 × 24 / 1e6): 60 J/TH → $31.6 (unprofitable at $50).
    const [lower, best, upper] = cbeciNetworkEnergy({
      year: 2024,
      hashrateHs: 700e18,
      hashpriceUsdPerPhDay: 50,
      machines,
      assumptions,
    });
    expect(lower!.machineIds).toEqual(['new']);
    expect(upper!.machineIds).toEqual(['mid']);
    expect(best!.fleetEfficiencyJPerTh).toBe(20);
    expect(lower!.powerW).toBeCloseTo(700e6 * 15 * 1.01, 0);
    expect(upper!.energyTWhPerYear).toBeCloseTo((700e6 * 25 * 1.2 * 8760) / 1e12, 9);
    expect(lower!.energyTWhPerYear).toBeLessThan(best!.energyTWhPerYear);
    expect(best!.energyTWhPerYear).toBeLessThan(upper!.energyTWhPerYear);
  });

  it('leaves machines older than basketMaxAgeYears out of the best guess only', () => {
    const young = { ...assumptions, basketMaxAgeYears: 2 };
    const [, best, upper] = cbeciNetworkEnergy({
      year: 2024,
      hashrateHs: 700e18,
      hashpriceUsdPerPhDay: 50,
      machines,
      assumptions: young,
    });
    expect(best!.machineIds).toEqual(['new']);
    expect(upper!.machineIds).toEqual(['mid']);
  });

  // Break-even at $50/PH/day and $50/MWh: J/TH × PUE ≤ 50e3 / (24 × 50) = 41.67. A 36 J/TH machine is at
  // 39.6 with PUE 1.1 (profitable) and 43.2 with PUE 1.2 (not), so it may join the basket but not set the upper bound.
  const edge = { id: 'edge', efficiencyJPerTh: 36, releaseYear: 2022 };

  it('sets the upper bound from machines profitable at the upper PUE, not the best-guess one', () => {
    const [lower, best, upper] = cbeciNetworkEnergy({
      year: 2024,
      hashrateHs: 700e18,
      hashpriceUsdPerPhDay: 50,
      machines: [...machines, edge],
      assumptions,
    });
    expect(upper!.machineIds).toEqual(['mid']);
    expect(upper!.energyTWhPerYear).toBeCloseTo((700e6 * 25 * 1.2 * 8760) / 1e12, 9);
    expect(best!.machineIds).toEqual(['new', 'mid', 'edge']);
    expect(best!.fleetEfficiencyJPerTh).toBeCloseTo((15 + 25 + 36) / 3, 12);
    expect(lower!.machineIds).toEqual(['new']);
  });

  it('can put the best guess above the upper bound when the catalog has a gap (callers must say so)', () => {
    // Only 15 and 36 J/TH: upper = 15 × 1.2 = 18 W per TH/s, best = 25.5 × 1.1 = 28.05.
    const [, best, upper] = cbeciNetworkEnergy({
      year: 2024,
      hashrateHs: 700e18,
      hashpriceUsdPerPhDay: 50,
      machines: [machines[0]!, edge],
      assumptions,
    });
    expect(upper!.machineIds).toEqual(['new']);
    expect(best!.energyTWhPerYear).toBeGreaterThan(upper!.energyTWhPerYear);
  });

  it('names the upper PUE when machines break even at the best-guess PUE but none at the upper one', () => {
    // $20/PH/day: 15 J/TH breaks even at 16.67 J/TH × PUE; 15 × 1.1 = 16.5 passes, 15 × 1.2 = 18 fails.
    expect(() =>
      cbeciNetworkEnergy({ year: 2024, hashrateHs: 700e18, hashpriceUsdPerPhDay: 20, machines, assumptions }),
    ).toThrow(/PUE 1.2 \(upper bound\)/);
  });

  it('says so when no machine is profitable at the assumed price', () => {
    expect(() =>
      cbeciNetworkEnergy({ year: 2024, hashrateHs: 700e18, hashpriceUsdPerPhDay: 1, machines, assumptions }),
    ).toThrow(/electricityPriceUsdPerMWh: leaves no machine/);
  });
});
