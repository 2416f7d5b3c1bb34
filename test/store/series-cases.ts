/**
 * Store cases for what the dashboard charts: decisions with the site's power split averaged into buckets, and
 * accruals summed into buckets. Registered inside store.test.ts's per-engine suite, so `date_bin`, the FILTERed
 * price weighting and the NULL handling are checked on PGlite and on the Postgres server alike. Every expected
 * value is worked out by hand from the rows written.
 */
import { expect, it } from 'vitest';
import type { DecisionRow, DecisionSplit, RevenueAccrualRow, SqlStore } from '../../src/store/index.ts';
import { seedSite } from './fixtures.ts';

/** A minute boundary, so 60 s buckets start where the rows are written. */
const T_MS = Date.UTC(2025, 0, 15, 12, 0, 0);

const split = (n: number, over: Partial<DecisionSplit> = {}): DecisionSplit => ({
  aiMeasuredW: 20_000 + n * 100,
  curtailedW: n * 1_000,
  idleW: 0,
  unknownW: n === 2 ? 3_500 : 0,
  meteredImportW: n === 1 ? null : 40_000 + n * 10,
  expectedImportW: 39_000 + n * 10,
  limitW: n === 2 ? 30_000 : 50_000,
  priceUsdPerMWh: 100 + n,
  historicalMs: Date.UTC(2024, 4, 8, 18) + n * 360_000,
  ...over,
});

const decision = (siteId: string, n: number, atMs: number, withSplit = true): DecisionRow => ({
  siteId,
  cycleId: n,
  atMs,
  miningTargetW: 10_000 - n * 1_000,
  miningMeasuredW: 9_000 - n * 1_000,
  bindingPolicy: 'plan',
  commandCount: 0,
  details: {},
  cycleMs: 12,
  ...(withSplit ? { split: split(n) } : {}),
});

const accrual = (siteId: string, atMs: number, over: Partial<RevenueAccrualRow>): RevenueAccrualRow => ({
  siteId,
  atMs,
  durationS: 720,
  miningEnergyMWh: 0,
  miningRevenueUsd: 0,
  energyCostUsd: null,
  aiEnergyMWh: 0,
  aiRevenueUsd: 0,
  aiEnergyCostUsd: null,
  facilityEnergyMWh: 0,
  facilityEnergyCostUsd: null,
  curtailedEnergyMWh: 0,
  priceUsdPerMWh: null,
  co2Kg: null,
  ...over,
});

export function seriesStoreCases(store: () => SqlStore): void {
  it('averages the power split of the decisions in each bucket, leaving out rows without one', async () => {
    const s = store();
    const siteId = await seedSite(s, 'power-series', 1);
    await s.upsertSite({ siteId, name: siteId, config: {} });
    // Cycles 0 and 1 in the first minute, 2 in the second; a row written without a split in the first minute.
    await s.recordDecision(decision(siteId, 0, T_MS + 5_000));
    await s.recordDecision(decision(siteId, 1, T_MS + 35_000));
    await s.recordDecision(decision(siteId, 9, T_MS + 40_000, false));
    await s.recordDecision(decision(siteId, 2, T_MS + 65_000));
    const points = await s.powerSeries(siteId, { fromMs: T_MS, toMs: T_MS + 120_000, stepS: 60 });
    expect(points).toEqual([
      {
        atMs: T_MS,
        miningW: 8_500,
        aiW: 20_050,
        curtailedW: 500,
        idleW: 0,
        unknownW: 0,
        // The bucket's one meter reading (cycle 1 had none).
        meteredImportW: 40_000,
        expectedImportW: 39_005,
        limitW: 50_000,
        miningTargetW: 9_500,
        priceUsdPerMWh: 100.5,
        historicalMs: Date.UTC(2024, 4, 8, 18) + 360_000,
      },
      {
        atMs: T_MS + 60_000,
        miningW: 7_000,
        aiW: 20_200,
        curtailedW: 2_000,
        idleW: 0,
        unknownW: 3_500,
        meteredImportW: 40_020,
        expectedImportW: 39_020,
        limitW: 30_000,
        miningTargetW: 8_000,
        priceUsdPerMWh: 102,
        historicalMs: Date.UTC(2024, 4, 8, 18) + 720_000,
      },
    ]);
    // The window is [fromMs, toMs): the second minute alone.
    const late = await s.powerSeries(siteId, { fromMs: T_MS + 60_000, toMs: T_MS + 120_000, stepS: 60 });
    expect(late.map((p) => p.atMs)).toEqual([T_MS + 60_000]);
  });

  it('sums accruals per bucket, weights the price by the priced energy, and leaves unknown costs empty', async () => {
    const s = store();
    const siteId = await seedSite(s, 'accrual-series', 1);
    await s.recordRevenueAccrual([
      accrual(siteId, T_MS + 10_000, {
        miningEnergyMWh: 1,
        miningRevenueUsd: 60,
        energyCostUsd: 52.5,
        aiEnergyCostUsd: 0,
        facilityEnergyMWh: 2,
        facilityEnergyCostUsd: 100,
        priceUsdPerMWh: 50,
        co2Kg: 726,
      }),
      accrual(siteId, T_MS + 20_000, {
        aiEnergyMWh: 0.5,
        aiRevenueUsd: 800,
        energyCostUsd: 0,
        aiEnergyCostUsd: 97.5,
        facilityEnergyMWh: 1,
        facilityEnergyCostUsd: 150,
        priceUsdPerMWh: 150,
        co2Kg: 363,
      }),
      // No price known: its energy counts, as unpriced; no cost, and no weight in the price.
      accrual(siteId, T_MS + 30_000, { facilityEnergyMWh: 4, curtailedEnergyMWh: 0.25 }),
      accrual(siteId, T_MS + 70_000, { miningEnergyMWh: 2, facilityEnergyMWh: 2.1 }),
    ]);
    const buckets = await s.accrualSeries(siteId, { fromMs: T_MS, toMs: T_MS + 120_000, stepS: 60 });
    expect(buckets).toEqual([
      {
        atMs: T_MS,
        durationS: 2_160,
        miningEnergyMWh: 1,
        miningRevenueUsd: 60,
        energyCostUsd: 52.5,
        aiEnergyMWh: 0.5,
        aiRevenueUsd: 800,
        aiEnergyCostUsd: 97.5,
        facilityEnergyMWh: 7,
        facilityEnergyCostUsd: 250,
        curtailedEnergyMWh: 0.25,
        // (50 × 2 + 150 × 1) ÷ 3 MWh.
        priceUsdPerMWh: 250 / 3,
        unpricedEnergyMWh: 4,
        co2Kg: 1_089,
      },
      {
        atMs: T_MS + 60_000,
        durationS: 720,
        miningEnergyMWh: 2,
        miningRevenueUsd: 0,
        energyCostUsd: null,
        aiEnergyMWh: 0,
        aiRevenueUsd: 0,
        aiEnergyCostUsd: null,
        facilityEnergyMWh: 2.1,
        facilityEnergyCostUsd: null,
        curtailedEnergyMWh: 0,
        priceUsdPerMWh: null,
        unpricedEnergyMWh: 2.1,
        co2Kg: null,
      },
    ]);
    expect(await s.revenueAccruals(siteId, { fromMs: T_MS + 25_000, toMs: T_MS + 35_000 })).toEqual([
      accrual(siteId, T_MS + 30_000, { facilityEnergyMWh: 4, curtailedEnergyMWh: 0.25 }),
    ]);
  });
}
