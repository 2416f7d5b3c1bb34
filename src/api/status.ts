/**
 * @module api/status
 * Turns a controller cycle's report into what the dashboard and `/metrics` show. Pure: the caller passes the
 * report, the limits from the config, and each machine's state and nameplate as that cycle saw them.
 */
import type { CycleReport } from '../controller/controller.ts';
import type { MachineState } from '../store/types.ts';
import type { SiteStatus } from './types.ts';

export interface StatusConfig {
  readonly siteId: string;
  readonly grid: { readonly importLimitW: number };
}

/** A machine as the cycle saw it (a controller `MachineView` fits). */
export interface MachineStateInput {
  readonly state: MachineState;
  readonly ratedPowerW: number;
}

export function siteStatusFrom(
  report: CycleReport,
  config: StatusConfig,
  machines: readonly MachineStateInput[],
): SiteStatus {
  // Power a machine could draw and does not: what the split shows beside the measured draw.
  const ratedW: Record<MachineState, number> = { running: 0, curtailed: 0, off: 0, unknown: 0 };
  for (const m of machines) ratedW[m.state] += m.ratedPowerW;
  const { decision } = report;
  return {
    siteId: config.siteId,
    cycleId: report.cycleId,
    atMs: report.atMs,
    cycleMs: report.cycleMs,
    power: {
      miningW: report.measuredMiningW,
      aiW: report.measuredAiW,
      curtailedW: ratedW.curtailed,
      idleW: ratedW.off,
      unknownW: ratedW.unknown,
      meteredImportW: report.meteredImportW ?? null,
      importLimitW: config.grid.importLimitW,
    },
    machines: { ...report.counts },
    miningTargetW: decision.miningTargetW,
    planMiningW: report.plan?.miningW ?? null,
    bindingPolicy: decision.bindingPolicy,
    gridEvents: report.gridEvents.map((e) => ({
      eventId: e.eventId,
      startMs: e.startMs,
      endMs: e.endMs,
      importLimitW: e.importLimitW,
      priceUsdPerMWh: e.priceUsdPerMWh,
      active: e.startMs <= report.atMs && report.atMs < e.endMs,
    })),
    feeds: { ...report.feeds, store: report.storeOk, plan: report.plan !== undefined },
    hashpriceUsdPerPhDay: report.hashpriceUsdPerPhDay,
    notes: [...decision.notes],
  };
}
