/**
 * @module providers/grid-openadr/grid-client
 * The VEN as the controller's `GridClient`: each poll registers the VEN once (so the VTN knows whom reports are
 * from), lists the events and keeps the intervals addressed to this site; each ended interval's metered usage
 * goes back as a USAGE report about the site's meter resource.
 */
import { usageReport } from './report.ts';
import type { GridSignal } from './signals.ts';
import { gridSignalsFromEvents } from './signals.ts';
import type { OadrVen } from './ven.ts';

export interface UsageReport {
  readonly programId: string;
  readonly eventId: string;
  readonly intervalId: number;
  readonly startMs: number;
  readonly durationS: number;
  /** Mean metered import over the interval, kW. */
  readonly usageKw: number;
}

/** What the controller needs of a VEN client (the grid nature: signals in, measured usage out). */
export interface GridClient {
  signals(atMs: number): Promise<readonly GridSignal[]>;
  reportUsage(report: UsageReport): Promise<void>;
}

export function oadrGridClient(ven: OadrVen, options: { readonly resourceName: string }): GridClient {
  let registered = false;
  return {
    async signals(atMs) {
      if (!registered) {
        await ven.ensureVen();
        registered = true;
      }
      const events = await ven.events();
      return gridSignalsFromEvents(events, {
        venName: ven.venName,
        resourceNames: [options.resourceName],
        nowMs: atMs,
      });
    },
    async reportUsage(report: UsageReport) {
      await ven.postReport(
        usageReport({
          programID: report.programId,
          eventID: report.eventId,
          clientName: ven.venName,
          resourceName: options.resourceName,
          reportName: `usage-${report.eventId}-${report.intervalId}`,
          intervals: [{ startMs: report.startMs, durationS: report.durationS, usageKw: report.usageKw }],
        }),
      );
    },
  };
}
