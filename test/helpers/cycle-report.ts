/**
 * A controller cycle's report as the API turns it into a status: seven machines (3 running, 2 curtailed, 1 off,
 * 1 unknown), a grid event in force, one announced and one ended.
 */
import type { CycleReport } from '../../src/controller/controller.ts';

export const REPORT_AT_MS = Date.UTC(2026, 6, 15, 20, 0, 0);
export const ECONOMICS = {
  miningUsdPerMWh: 118.4,
  aiUsdPerMWh: 1_720,
  miningBreakEvenUsdPerMWh: 112.76,
  aiBreakEvenUsdPerMWh: 1_323.08,
  miningUsdPerHour: 0.77,
  aiUsdPerHour: 15.65,
  aiPriceUsdPerGpuHour: 2,
};

export function cycleReport(overrides: Partial<CycleReport> = {}): CycleReport {
  return {
    cycleId: 42,
    atMs: REPORT_AT_MS,
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
        startMs: REPORT_AT_MS - 60_000,
        endMs: REPORT_AT_MS + 60_000,
        importLimitW: 15_000,
        priceUsdPerMWh: null,
      },
      {
        eventId: 'soon',
        startMs: REPORT_AT_MS + 30_000,
        endMs: REPORT_AT_MS + 90_000,
        importLimitW: null,
        priceUsdPerMWh: 400,
      },
      {
        eventId: 'ended',
        startMs: REPORT_AT_MS - 60_000,
        endMs: REPORT_AT_MS,
        importLimitW: 0,
        priceUsdPerMWh: null,
      },
    ],
    hashpriceUsdPerPhDay: 48.5,
    ...overrides,
  };
}
