import { describe, expect, it } from 'vitest';
import { siteSchema } from '../config/site.ts';
import { hashpriceUsdPerPhDay } from '../economics/bitcoin/hashprice.ts';
import { type InvestDrivers, investCashflows } from './invest.ts';
import { investSensitivity } from './invest-sensitivity.ts';

const difficulty = 100e12;
const btcPriceUsd = 100_000;
const hashprice = hashpriceUsdPerPhDay({ difficulty, btcPriceUsd, subsidyBtc: 3.125, feesBtcPerBlock: 0 });
const invest = siteSchema.parse({
  name: 'hand case',
  invest: {
    convertItMW: 1,
    horizonYears: 1,
    discountRatePerYear: 0.1,
    leadTimeMonths: 0,
    aiFacilityCapexUsdPerMW: 1_000_000,
    networkCapexFraction: 0,
    gpuResidualFraction: 0,
    gpuRentalFloorUsdPerGpuHour: 2,
    asicResaleUsdPerTh: 0,
    miningOpexUsdPerMWYear: 0,
    aiOpexUsdPerMWYear: 0,
    difficultyGrowthPerYear: 0,
  },
}).invest!;

/** One year, no lead time, constant prices, mining under water: every flow can be written down by hand. */
const handCase: InvestDrivers = {
  invest,
  market: { btcPriceUsd, difficulty, hashpriceUsdPerPhDay: hashprice },
  feesBtcPerBlock: 0,
  tipHeight: 900_000,
  blocksPerYear: 52_596,
  powerPriceUsdPerMWh: 50,
  mining: { revenueUsdPerDay: 1000, facilityEnergyMWhPerDay: 24, hashrateThs: 57_000 },
  ai: {
    gpusPerItMW: 100,
    facilityEnergyMWhPerDay: 24,
    pue: 1,
    utilization: 1,
    priceUsdPerGpuHourAtStart: 2,
    gpuPriceUsd: 10_000,
  },
};

describe('investCashflows', () => {
  it('reproduces a hand-computed one-year case', () => {
    const r = investCashflows(handCase);
    // Capex 1 MW × $1 M hall + 100 GPUs × $10k; AI: 100 GPUs × 24 h × 365.25 d × $2 − 24 MWh × 365.25 × $50.
    const aiYearUsd = 100 * 24 * 365.25 * 2 - 24 * 365.25 * 50;
    expect(r.convert.capexUsd).toEqual({ facility: 1_000_000, gpus: 1_000_000, network: 0 });
    expect(r.stay.annualUsd).toEqual([0, 0]);
    expect(r.convert.annualUsd[0]).toBeCloseTo(-2_000_000, 6);
    // The hall is worth its book value at the horizon: one of 15 years depreciated.
    const hallResidualUsd = 1_000_000 * (1 - 1 / 15);
    expect(r.convert.residualUsd).toEqual({ facility: hallResidualUsd, gpus: 0 });
    expect(r.convert.annualUsd[1]).toBeCloseTo(aiYearUsd + hallResidualUsd, 6);
    expect(r.incremental.npvUsd).toBeCloseTo(-2_000_000 + (aiYearUsd + hallResidualUsd) / 1.1, 6);
    expect(r.incremental.irr.ok && r.incremental.irr.rate).toBeCloseTo(
      (aiYearUsd + hallResidualUsd) / 2_000_000 - 1,
      9,
    );
    expect(r.incremental.payback).toBeCloseTo(2_000_000 / (aiYearUsd + hallResidualUsd), 12);
    expect(
      investCashflows({ ...handCase, invest: { ...invest, facilityLifeYears: 1 } }).incremental.payback,
    ).toEqual({ kind: 'never' });
  });

  it('mining margin floors at zero: a fleet under water sleeps instead of burning cash', () => {
    const profitable = { ...handCase, mining: { ...handCase.mining, revenueUsdPerDay: 2000 } };
    expect(investCashflows(profitable).stay.annualUsd[1]).toBeCloseTo((2000 - 1200) * 365.25, 6);
    expect(investCashflows(handCase).stay.annualUsd[1]).toBe(0);
  });

  it('halves mining revenue at the halving height, not at a date', () => {
    const before = {
      ...handCase,
      mining: { ...handCase.mining, revenueUsdPerDay: 5000 },
      tipHeight: 1_049_999 - 52_596,
    };
    const after = { ...before, tipHeight: 1_050_000 };
    const margin = (d: InvestDrivers) => investCashflows(d).stay.annualUsd[1]! / 365.25 + 1200;
    expect(margin(before)).toBeCloseTo(5000, 6);
    expect(margin(after)).toBeCloseTo(2500, 6);
  });

  it('taxes operating cash net of depreciation, from the year the hall is in service', () => {
    const taxed = { ...handCase, invest: { ...invest, taxRate: 0.21 } };
    const r = investCashflows(taxed);
    const aiYearUsd = 100 * 24 * 365.25 * 2 - 24 * 365.25 * 50;
    const depreciation = 1_000_000 / invest.gpuLifeYears + 1_000_000 / invest.facilityLifeYears;
    expect(r.convert.depreciationUsd).toEqual([0, depreciation]);
    expect(r.convert.annualUsd[1]).toBeCloseTo(
      aiYearUsd - (aiYearUsd - depreciation) * 0.21 + r.convert.residualUsd.facility,
      6,
    );
  });
});

describe('investSensitivity', () => {
  it('is sorted by swing and moves NPV the expected way for monotone drivers', () => {
    const rows = investSensitivity({ ...handCase, invest: { ...invest, horizonYears: 4 } });
    for (let i = 1; i < rows.length; i++)
      expect(rows[i - 1]!.swingUsd).toBeGreaterThanOrEqual(rows[i]!.swingUsd);
    const gpuPrice = rows.find((r) => r.driver === 'GPU purchase price')!;
    expect(gpuPrice.lowNpvUsd).toBeLessThan(gpuPrice.highNpvUsd);
    const utilization = rows.find((r) => r.driver === 'GPU utilization')!;
    expect(utilization.lowNpvUsd).toBeLessThan(utilization.highNpvUsd);
  });
});
