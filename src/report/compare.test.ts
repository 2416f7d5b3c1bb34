/**
 * compare on 2024-11-12 against figures recomputed here from the shipped row with the formulas written out
 * (ECONOMICS.md §2, §3.4, §4.1, §5.2), not through the functions under test.
 */
import { describe, expect, it } from 'vitest';
import { siteSchema } from '../config/site.ts';
import { loadBtcNetworkDaily, loadGridCarbonIntensityAnnual } from '../history/load.ts';
import { averageIntensityFor } from './carbon.ts';
import { compareReport } from './compare.ts';

const network = loadBtcNetworkDaily();
const DAY_MS = 86_400_000;
const dayMs = Date.UTC(2024, 10, 12);
const index = (atMs: number): number => (atMs - network.startMs) / DAY_MS;
const i = index(dayMs);
const site = siteSchema.parse({ name: 'pinned' });
const carbon = averageIntensityFor(loadGridCarbonIntensityAnnual(), 'US-TEX-ERCO', 2024);
const report = compareReport({ network, dayMs, site, power: { priceUsdPerMWh: 45, source: 'test' }, carbon });

const hashpriceOn = (k: number): number => {
  const blocks = network.blockCount[k]!;
  const reward = network.issuanceBtc[k]! / blocks + network.feesBtc[k]! / blocks;
  return ((1e15 * 86_400) / (network.difficulty[k]! * 2 ** 32)) * reward * network.priceUsd[k]!;
};
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

describe('compareReport, 2024-11-12, default site', () => {
  const hashprice = hashpriceOn(i);
  const phs = ((1e6 / 3500) * 200) / 1000;
  const miningRevenueUsd = phs * hashprice * 0.97 * (1 - 0.005) * (1 - 0.025);

  it('mining: hashprice, revenue, energy cost and break-even', () => {
    expect(rel(report.market.hashpriceUsdPerPhDay, hashprice)).toBeLessThan(1e-12);
    expect(rel(report.mining.revenueUsdPerDay, miningRevenueUsd)).toBeLessThan(1e-12);
    expect(report.mining.energyCostUsdPerDay).toBeCloseTo(24 * 0.97 * 1.1 * 45, 9);
    expect(rel(report.mining.breakEvenUsdPerMWh, miningRevenueUsd / (24 * 0.97 * 1.1))).toBeLessThan(1e-12);
    expect(report.mining.phHoursPerFacilityMWh).toBeCloseTo(1000 / (17.5 * 1.1), 9);
  });

  it('AI: 784.3 H100s at the 2024 catalog median $2.92 and 80 % utilization', () => {
    const gpus = (1e6 / 10_200) * 8;
    const priceUsdPerGpuHour = (2.85 + 2.99) / 2;
    expect(report.ai.gpus).toBeCloseTo(gpus, 9);
    expect(rel(report.ai.revenueUsdPerDay, gpus * 24 * priceUsdPerGpuHour * 0.8)).toBeLessThan(1e-12);
    expect(report.ai.energyCostUsdPerDay).toBeCloseTo(24 * 0.8 * 1.3 * 45, 9);
  });

  it('halving: subsidy halves at the same difficulty, price and fees; ETA at the 90-day mean interval', () => {
    const feesPerBlock = network.feesBtc[i]! / network.blockCount[i]!;
    expect(
      rel(
        report.mining.afterHalving.hashpriceUsdPerPhDay,
        hashprice * ((1.5625 + feesPerBlock) / (3.125 + feesPerBlock)),
      ),
    ).toBeLessThan(1e-9);
    let blocks = 0;
    for (let k = i - 89; k <= i; k++) blocks += network.blockCount[k]!;
    const intervalS = (90 * 86_400) / blocks;
    const height = network.heightAtEndOfDay[i]!;
    expect(report.halving.etaMs).toBeCloseTo(dayMs + DAY_MS + (1_050_000 - height) * intervalS * 1000, 0);
  });

  it('stability: sample CV of the trailing 365 days of hashprice (revenue is proportional to it)', () => {
    const xs = Array.from({ length: 365 }, (_, d) => hashpriceOn(i - 364 + d));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
    expect(report.mining.stability.sampleCount).toBe(365);
    expect(report.mining.stability.cv).toBeCloseTo(sd / mean, 9);
  });

  it('carbon: facility MWh × ERCOT 2024 average 377 g/kWh, and the marginal 490 g/kWh, per day and per $', () => {
    const miningMWh = 24 * 0.97 * 1.1;
    expect(report.carbonIntensity.gPerKWh).toBe(377);
    expect(report.mining.carbon.averageTonnesPerDay.tonnesCo2).toBeCloseTo((miningMWh * 377) / 1000, 9);
    expect(report.mining.carbon.marginalTonnesPerDay.tonnesCo2).toBeCloseTo((miningMWh * 490) / 1000, 9);
    expect(report.mining.carbon.averageKgPerUsd).toBeCloseTo((miningMWh * 377) / miningRevenueUsd, 9);
    expect(report.ai.carbon.averageTonnesPerDay.method).toBe('average');
  });

  it('AI price stability counts one observation per snapshot date', () => {
    expect(report.ai.stability.sampleCount).toBe(8);
  });
});
