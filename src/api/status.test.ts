import { describe, expect, it } from 'vitest';
import { REPORT_AT_MS as AT_MS, ECONOMICS, cycleReport as report } from '../../test/helpers/cycle-report.ts';
import { siteStatusFrom } from './status.ts';

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
