/**
 * @module api/status
 * Turns a controller cycle's report into what the dashboard and `/metrics` show. Pure: the caller passes the
 * report and the limits from the config.
 */
import type { CycleReport } from '../controller/controller.ts';
import type { SiteStatus } from './types.ts';

export interface StatusConfig {
  readonly siteId: string;
  readonly grid: { readonly importLimitW: number };
}

export function siteStatusFrom(report: CycleReport, config: StatusConfig): SiteStatus {
  // Power a machine could draw and does not: what the split shows beside the measured draw.
  const { decision, notDrawnW } = report;
  return {
    siteId: config.siteId,
    cycleId: report.cycleId,
    atMs: report.atMs,
    cycleMs: report.cycleMs,
    power: {
      miningW: report.measuredMiningW,
      aiW: report.measuredAiW,
      curtailedW: notDrawnW.curtailed,
      idleW: notDrawnW.off,
      unknownW: notDrawnW.unknown,
      meteredImportW: report.meteredImportW ?? null,
      expectedImportW: decision.expectedImportW,
      importLimitW: config.grid.importLimitW,
      limitW: decision.importLimitW,
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
    powerPriceUsdPerMWh: report.plan?.priceUsdPerMWh ?? null,
    economics: { ...report.economics },
    historicalMs: report.plan?.historicalMs ?? null,
    operator: {
      mode: report.operator.mode,
      miningOverrideW: report.operator.miningW,
      aiOverrideW: report.operator.aiW,
    },
    notes: [...decision.notes],
  };
}
