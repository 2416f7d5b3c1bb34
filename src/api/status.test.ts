import { describe, expect, it } from 'vitest';
import type { CycleReport } from '../controller/controller.ts';
import { siteStatusFrom } from './status.ts';

const AT_MS = Date.UTC(2026, 6, 15, 20, 0, 0);
const ECONOMICS = {
  miningUsdPerMWh: 118.4,
  aiUsdPerMWh: 1_720,
  miningBreakEvenUsdPerMWh: 112.76,
  aiBreakEvenUsdPerMWh: 1_323.08,
  miningUsdPerHour: 0.77,
  aiUsdPerHour: 15.65,
  aiPriceUsdPerGpuHour: 2,
};

function report(overrides: Partial<CycleReport> = {}): CycleReport {
  return {
    cycleId: 42,
    atMs: AT_MS,
    cycleMs: 180.5,
    phaseMs: { read: 120, decide: 2, write: 40, record: 18.5 },
    decision: {
      miningTargetW: 7_000,
      expectedMiningW: 6_990,
      expectedImportW: 16_980,
      importLimitW: 15_000,
      bindingPolicy: 'grid-event',
      commands: [],
      ramp: { lastBatchAtMs: null },
      notes: ['grid-event: import ≤ 15000 W'],
    },
    counts: { running: 3, curtailed: 2, off: 1, unknown: 1 },
    // Seven machines: 3 running, 2 curtailed (3.5 + 3.25 kW less their boards' 20 W each), 1 off (10.2 kW, drawing
    // nothing), 1 unknown (3.5 kW).
    notDrawnW: { running: 0, curtailed: 6_710, off: 10_200, unknown: 3_500 },
    operator: { mode: 'auto', miningW: null, aiW: 4_000 },
    economics: ECONOMICS,
    measuredMiningW: 6_480.5,
    measuredAiW: 9_100,
    polled: 7,
    sent: 2,
    failed: 0,
    confirmed: 1,
    unconfirmed: 0,
    storeOk: true,
    plan: { miningW: 10_500, priceUsdPerMWh: 964.81, historicalMs: Date.UTC(2024, 4, 8, 22) },
    meteredImportW: 17_250,
    feeds: { market: true, vtn: false },
    gridEvents: [
      {
        eventId: 'now',
        startMs: AT_MS - 60_000,
        endMs: AT_MS + 60_000,
        importLimitW: 15_000,
        priceUsdPerMWh: null,
      },
      {
        eventId: 'soon',
        startMs: AT_MS + 30_000,
        endMs: AT_MS + 90_000,
        importLimitW: null,
        priceUsdPerMWh: 400,
      },
      { eventId: 'ended', startMs: AT_MS - 60_000, endMs: AT_MS, importLimitW: 0, priceUsdPerMWh: null },
    ],
    hashpriceUsdPerPhDay: 48.5,
    ...overrides,
  };
}

const CONFIG = { siteId: 'west-1', grid: { importLimitW: 20_000 } };

describe('siteStatusFrom', () => {
  it('splits the power: measured draw per workload, rated power of curtailed, off and unknown machines', () => {
    expect(siteStatusFrom(report(), CONFIG)).toEqual({
      siteId: 'west-1',
      cycleId: 42,
      atMs: AT_MS,
      cycleMs: 180.5,
      power: {
        miningW: 6_480.5,
        aiW: 9_100,
        curtailedW: 6_710,
        idleW: 10_200,
        unknownW: 3_500,
        meteredImportW: 17_250,
        expectedImportW: 16_980,
        importLimitW: 20_000,
        limitW: 15_000,
      },
      machines: { running: 3, curtailed: 2, off: 1, unknown: 1 },
      miningTargetW: 7_000,
      planMiningW: 10_500,
      bindingPolicy: 'grid-event',
      gridEvents: [
        {
          eventId: 'now',
          startMs: AT_MS - 60_000,
          endMs: AT_MS + 60_000,
          importLimitW: 15_000,
          priceUsdPerMWh: null,
          active: true,
        },
        {
          eventId: 'soon',
          startMs: AT_MS + 30_000,
          endMs: AT_MS + 90_000,
          importLimitW: null,
          priceUsdPerMWh: 400,
          active: false,
        },
        {
          eventId: 'ended',
          startMs: AT_MS - 60_000,
          endMs: AT_MS,
          importLimitW: 0,
          priceUsdPerMWh: null,
          active: false,
        },
      ],
      feeds: { market: true, vtn: false, store: true, plan: true },
      hashpriceUsdPerPhDay: 48.5,
      powerPriceUsdPerMWh: 964.81,
      economics: ECONOMICS,
      historicalMs: Date.UTC(2024, 4, 8, 22),
      operator: { mode: 'auto', miningOverrideW: null, aiOverrideW: 4_000 },
      notes: ['grid-event: import ≤ 15000 W'],
    });
  });

  it('says null for what the cycle did not have: no meter reading, no plan', () => {
    const { meteredImportW: _m, ...withoutMeter } = report({ plan: undefined, storeOk: false });
    const status = siteStatusFrom(withoutMeter, CONFIG);
    expect(status.power).toMatchObject({ meteredImportW: null });
    expect(status.planMiningW).toBeNull();
    expect(status.powerPriceUsdPerMWh).toBeNull();
    expect(status.historicalMs).toBeNull();
    expect(status.feeds).toEqual({ market: true, vtn: false, store: false, plan: false });
  });

  it('copies what it takes from the report, so a later change to the report does not reach the status', () => {
    const source = report();
    const status = siteStatusFrom(source, CONFIG);
    (source.counts as Record<string, number>).running = 99;
    (source.decision.notes as string[]).push('later');
    expect(status.machines.running).toBe(3);
    expect(status.notes).toEqual(['grid-event: import ≤ 15000 W']);
  });
});
