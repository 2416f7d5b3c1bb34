import { describe, expect, it } from 'vitest';
import type { CbeciAssumptions } from '../economics/energy/network.ts';
import { asicModels, f2pool2020AsicModels } from '../economics/hardware/asics.ts';
import { loadBtcNetworkDaily, loadGridCarbonIntensityAnnual } from '../history/load.ts';
import { averageIntensityFor } from './carbon.ts';
import { distinctAsicModels, energyReport } from './energy.ts';

// Figures below are recomputed here from the inputs with plain arithmetic (not the units/ or economics/
// helpers the report uses), so a wrong factor in the report cannot also be in the expectation.
const rel = (actual: number, expected: number): number => Math.abs(actual / expected - 1);
const network = loadBtcNetworkDaily();
const machines = distinctAsicModels(asicModels, f2pool2020AsicModels);
const intensity = averageIntensityFor(loadGridCarbonIntensityAnnual(), 'World', 2024).intensity;
const assumptions: CbeciAssumptions = {
  electricityPriceUsdPerMWh: 50,
  pue: { lower: 1.01, best: 1.1, upper: 1.2 },
  poolFeeFraction: 0,
  basketMaxAgeYears: 4,
};
const report = (date: string, catalog = machines) =>
  energyReport({
    network,
    dayMs: Date.parse(`${date}T00:00:00Z`),
    machines: catalog,
    assumptions,
    intensity,
  });

describe('distinctAsicModels', () => {
  it('drops F2Pool 2020 rows the main catalog already holds: 114 → 99 models released by 2021-06-01', () => {
    const releasedBy2021 = (list: readonly { releaseYear: number }[]): number =>
      list.filter((m) => m.releaseYear <= 2021).length;
    expect(releasedBy2021([...asicModels, ...f2pool2020AsicModels])).toBe(114);
    expect(releasedBy2021(machines)).toBe(99);
    const dropped = f2pool2020AsicModels.filter((m) => !machines.includes(m)).map((m) => m.id);
    // Same (TH/s, W) and name, except avalon-1066 (same spec as avalonminer-1066, other name) and the two
    // S9 rows, the M30S, M20S, T17+ and S17 (same name as the main row, other spec).
    expect(dropped.sort()).toEqual(
      [
        'antminer-s17',
        'antminer-s17-pro',
        'antminer-s17e',
        'antminer-s19',
        'antminer-s19-pro',
        'antminer-s9-13ths',
        'antminer-s9-14ths',
        'antminer-t17-plus',
        'antminer-t17e',
        'avalon-1066',
        'ebit-e11-plus-plus',
        'ebit-e12-plus',
        'whatsminer-m20s',
        'whatsminer-m21s',
        'whatsminer-m30s',
      ].map((id) => `f2pool2020-${id}`),
    );
    expect(machines.slice(0, asicModels.length)).toEqual(asicModels);
  });
});

describe('energyReport on 2024-11-12 (ECONOMICS.md §1.5, §5.1)', () => {
  const r = report('2024-11-12');

  it('derives hashrate from difficulty 101,646,843,652,784.61 × 2^32 / 600 s → 727.62 EH/s', () => {
    const expectedEhs = (101_646_843_652_784.61 * 2 ** 32) / 600 / 1e18;
    expect(expectedEhs.toFixed(2)).toBe('727.62');
    expect(rel(r.hashrate.fromDifficultyEhs, expectedEhs)).toBeLessThan(1e-12);
  });

  it('uses the shipped 7-day mean hashrate, 2024-11-06 .. 2024-11-12', () => {
    const first = (Date.parse('2024-11-06T00:00:00Z') - network.startMs) / 86_400_000;
    const week = Array.from({ length: 7 }, (_, i) => network.hashrateEhs[first + i]!);
    expect(r.hashrate.usedFrom).toBe('shipped 7-day mean');
    expect(rel(r.hashrate.usedEhs, week.reduce((a, b) => a + b, 0) / 7)).toBeLessThan(1e-12);
  });

  // Break-even: hashprice / 1000 $/TH/day = J/TH × PUE × 24 h / 1e6 MWh × $/MWh (ECONOMICS.md §2).
  const profitableJPerTh = (pue: number): { id: string; jPerTh: number; releaseYear: number }[] =>
    machines
      .filter((m) => m.releaseYear <= 2024)
      .map((m) => ({ id: m.id, jPerTh: m.powerW / m.hashrateThs, releaseYear: m.releaseYear }))
      .filter(
        (m) =>
          (m.jPerTh * pue * 24 * assumptions.electricityPriceUsdPerMWh) / 1e6 <=
          r.market.hashpriceUsdPerPhDay / 1000,
      );

  it('sets each bound from the machines profitable at its own PUE', () => {
    const [lower, best, upper] = r.bounds;
    const atLower = profitableJPerTh(assumptions.pue.lower);
    const atBest = profitableJPerTh(assumptions.pue.best);
    const atUpper = profitableJPerTh(assumptions.pue.upper);
    // The day exercises the rule: some model pays at PUE 1.1 but not 1.2 and is less efficient than any at 1.2.
    const worstAtBest = Math.max(...atBest.map((m) => m.jPerTh));
    const worstAtUpper = Math.max(...atUpper.map((m) => m.jPerTh));
    expect(worstAtBest).toBeGreaterThan(worstAtUpper);
    expect(upper!.machineIds).toEqual(['whatsminer-m31s-plus']);
    expect(upper!.fleetEfficiencyJPerTh).toBeCloseTo(worstAtUpper, 12);
    expect(lower!.machineIds).toEqual(['antminer-s21-xp-hydro']);
    expect(lower!.fleetEfficiencyJPerTh).toBeCloseTo(Math.min(...atLower.map((m) => m.jPerTh)), 12);
    const basket = atBest.filter((m) => 2024 - m.releaseYear < assumptions.basketMaxAgeYears);
    expect([...best!.machineIds].sort()).toEqual(basket.map((m) => m.id).sort());
    expect(best!.fleetEfficiencyJPerTh).toBeCloseTo(
      basket.reduce((sum, m) => sum + m.jPerTh, 0) / basket.length,
      12,
    );
  });

  it.each(['lower', 'best', 'upper'] as const)(
    '%s: TWh/yr and Mt CO2/yr recomputed from their inputs',
    (kind) => {
      const b = r.bounds.find((x) => x.bound === kind)!;
      const pue = assumptions.pue[kind];
      expect(b.pue).toBe(pue);
      // EH/s × 1e6 = TH/s; × J/TH = W; × PUE; × 8,760 h = Wh/yr; ÷ 1e12 = TWh/yr.
      const twh = (r.hashrate.usedEhs * 1e6 * b.fleetEfficiencyJPerTh * pue * 8760) / 1e12;
      expect(rel(b.energyTWhPerYear, twh)).toBeLessThan(1e-12);
      // TWh × 1e6 = MWh; × g/kWh (= kg/MWh) = kg; ÷ 1e3 = t; ÷ 1e6 = Mt.
      const mt = (twh * 1e6 * intensity.gPerKWh) / 1e3 / 1e6;
      expect(rel(b.emissionsMtCo2PerYear, mt)).toBeLessThan(1e-12);
      expect(b.emissionsPerYear).toMatchObject({
        method: 'average',
        basis: intensity.basis,
        source: intensity.source,
        intensityGPerKWh: intensity.gPerKWh,
      });
    },
  );

  it('orders lower ≤ best ≤ upper', () => {
    const [lower, best, upper] = r.bounds.map((b) => b.energyTWhPerYear);
    expect(lower!).toBeLessThanOrEqual(best!);
    expect(best!).toBeLessThanOrEqual(upper!);
  });

  it('restates the seed: 150 TWh/yr = 17.12 GW; the fleet J/TH that needs at the used hashrate (check E1)', () => {
    expect((150e12 / 8760 / 1e9).toFixed(2)).toBe('17.12');
    expect(rel(r.seedClaim.continuousGW, 150e12 / 8760 / 1e9)).toBeLessThan(1e-12);
    // 17.123e9 W is rounded to 5 digits (17.1233e9), so 5e-5 relative.
    const atPue1 = 17.123e9 / (r.hashrate.usedEhs * 1e6);
    expect(rel(r.seedClaim.impliedFleetJPerThAtPue1, atPue1)).toBeLessThan(5e-5);
    expect(rel(r.seedClaim.impliedFleetJPerThAtBestPue, atPue1 / 1.1)).toBeLessThan(5e-5);
  });

  it('has nothing to report as missing', () => {
    expect(r.notes).toEqual([]);
  });
});

describe('energyReport says what it assumed', () => {
  it('2026-01-31: difficulty carried from 2025-09-26 and hashrate taken from it', () => {
    const r = report('2026-01-31');
    const noteFor = (input: string) => r.notes.find((n) => n.input === input)?.assumed;
    expect(noteFor('difficulty')).toMatch(/not shipped for 2026-01-31; carried from 2025-09-26/);
    expect(noteFor('hashrate')).toMatch(/no 7-day shipped hashrate ending 2026-01-31; used difficulty/);
    expect(r.hashrate.usedFrom).toBe('difficulty');
    // Shipped difficulty on 2025-09-26: 142,342,602,928,674.9.
    expect(rel(r.hashrate.usedEhs, (142_342_602_928_674.9 * 2 ** 32) / 600 / 1e18)).toBeLessThan(1e-12);
  });

  it('flags a best guess above the upper bound when no model breaks even between PUE 1.1 and 1.2', () => {
    // 2024-11-12 break-even is J/TH × PUE ≤ 47.3: 40 J/TH pays at 1.1 (44) but not 1.2 (48), so upper = 12 × 1.2.
    const row = asicModels[0]!;
    const gap = [
      { ...row, id: 'twelve', hashrateThs: 100, powerW: 1200, releaseYear: 2024 },
      { ...row, id: 'forty', hashrateThs: 100, powerW: 4000, releaseYear: 2024 },
    ];
    const r = report('2024-11-12', gap);
    expect(r.bounds[2]!.machineIds).toEqual(['twelve']);
    expect(r.notes.find((n) => n.input === 'upper bound')?.assumed).toMatch(/lies below the best guess/);
  });
});
