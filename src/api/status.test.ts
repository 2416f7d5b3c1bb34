import { describe, expect, it } from 'vitest';
import type { CycleReport } from '../controller/controller.ts';
import { siteStatusFrom } from './status.ts';

const AT_MS = Date.UTC(2026, 6, 15, 20, 0, 0);

function report(overrides: Partial<CycleReport> = {}): CycleReport {
  return {
    cycleId: 42,
    atMs: AT_MS,
    cycleMs: 180.5,
    phaseMs: { read: 120, decide: 2, write: 40, record: 18.5 },
    decision: {
      miningTargetW: 7_000,
      expectedMiningW: 6_990,
      bindingPolicy: 'grid-event',
      commands: [],
      ramp: { lastBatchAtMs: null },
      notes: ['grid-event: import ≤ 15000 W'],
    },
    counts: { running: 3, curtailed: 2, off: 1, unknown: 1 },
    measuredMiningW: 6_480.5,
    measuredAiW: 9_100,
    polled: 7,
    sent: 2,
    failed: 0,
    confirmed: 1,
    unconfirmed: 0,
    storeOk: true,
    plan: { miningW: 10_500 },
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

// The same seven machines the counts above describe: 3 running, 2 curtailed, 1 off, 1 unknown.
const MACHINES = [
  { state: 'running', ratedPowerW: 3_500 },
  { state: 'running', ratedPowerW: 3_500 },
  { state: 'running', ratedPowerW: 10_200 },
  { state: 'curtailed', ratedPowerW: 3_500 },
  { state: 'curtailed', ratedPowerW: 3_250 },
  { state: 'off', ratedPowerW: 10_200 },
  { state: 'unknown', ratedPowerW: 3_500 },
] as const;

const CONFIG = { siteId: 'west-1', grid: { importLimitW: 20_000 } };

describe('siteStatusFrom', () => {
  it('splits the power: measured draw per workload, rated power of curtailed, off and unknown machines', () => {
    expect(siteStatusFrom(report(), CONFIG, MACHINES)).toEqual({
      siteId: 'west-1',
      cycleId: 42,
      atMs: AT_MS,
      cycleMs: 180.5,
      power: {
        miningW: 6_480.5,
        aiW: 9_100,
        curtailedW: 6_750,
        idleW: 10_200,
        unknownW: 3_500,
        meteredImportW: 17_250,
        importLimitW: 20_000,
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
      notes: ['grid-event: import ≤ 15000 W'],
    });
  });

  it('says null for what the cycle did not have: no meter reading, no plan', () => {
    const { meteredImportW: _m, ...withoutMeter } = report({ plan: undefined, storeOk: false });
    const status = siteStatusFrom(withoutMeter, CONFIG, []);
    expect(status.power).toMatchObject({ meteredImportW: null, curtailedW: 0, idleW: 0, unknownW: 0 });
    expect(status.planMiningW).toBeNull();
    expect(status.feeds).toEqual({ market: true, vtn: false, store: false, plan: false });
  });

  it('copies what it takes from the report, so a later change to the report does not reach the status', () => {
    const source = report();
    const status = siteStatusFrom(source, CONFIG, MACHINES);
    (source.counts as Record<string, number>).running = 99;
    (source.decision.notes as string[]).push('later');
    expect(status.machines.running).toBe(3);
    expect(status.notes).toEqual(['grid-event: import ≤ 15000 W']);
  });
});
