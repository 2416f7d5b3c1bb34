/**
 * @module providers/grid-openadr/probe
 * One read-only look at a VTN for `switchyard probe vtn`: can we get a token, which programs are there, and
 * which grid signals apply to us now or later. It creates nothing (no VEN object, no subscription).
 */
import { type GridSignal, gridSignalsFromEvents } from './signals.ts';
import { OadrVen } from './ven.ts';

export interface ProbeVtnOptions {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly venName: string;
  readonly resourceNames?: readonly string[];
  /** Bound on each of the four calls (token, programs, events, reports); default 10 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly clock?: () => number;
}

export interface VtnProbe {
  readonly programs: readonly { readonly id: string; readonly programName: string }[];
  /** Signals whose interval contains the probe's instant. */
  readonly activeSignals: readonly GridSignal[];
  /** Signals that start later (a 4CP call for this afternoon, say). */
  readonly upcomingSignals: readonly GridSignal[];
  /** The token's advertised lifetime; null when the VTN gives no `expires_in`. */
  readonly tokenExpiresInS: number | null;
  /** Reports this VEN has sent: the measured response the utility sees. */
  readonly reports: readonly {
    readonly eventId: string;
    readonly reportName: string | null;
    readonly usageKw: readonly number[];
  }[];
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function probeVtn(options: ProbeVtnOptions): Promise<VtnProbe> {
  const clock = options.clock ?? Date.now;
  const ven = new OadrVen({ ...options, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, clock });
  const { expiresInS } = await ven.authenticate();
  const programs = await ven.programs();
  const events = await ven.events();
  const reports = await ven.reports();
  const nowMs = clock();
  const signals = gridSignalsFromEvents(events, {
    venName: options.venName,
    nowMs,
    ...(options.resourceNames === undefined ? {} : { resourceNames: options.resourceNames }),
  });
  return {
    programs: programs.map((program) => ({ id: program.id, programName: program.programName })),
    activeSignals: signals.filter((signal) => signal.startMs <= nowMs),
    upcomingSignals: signals.filter((signal) => signal.startMs > nowMs),
    tokenExpiresInS: expiresInS,
    reports: reports.map((report) => ({
      eventId: report.eventID,
      reportName: report.reportName ?? null,
      usageKw: report.resources
        .flatMap((r) =>
          r.intervals.flatMap((i) => i.payloads.filter((p) => p.type === 'USAGE').flatMap((p) => p.values)),
        )
        .filter((v): v is number => typeof v === 'number'),
    })),
  };
}
