/**
 * @module controller/grid
 * The site as an OpenADR VEN inside the cycle: the VTN's events become `GridEvent` constraints for decide
 * (IMPORT_CAPACITY_LIMIT as a limit, SIMPLE levels as shares of the import limit, PRICE as a price no lever below
 * it may keep running at), and the meter's measured import over each event interval goes back as a USAGE report.
 * Events already known keep binding while the VTN is unreachable; the feed's safe state applies on top.
 */
import type { GridClient, UsageReport } from '../providers/grid-openadr/grid-client.ts';
import type { GridSignal } from '../providers/grid-openadr/signals.ts';
import type { DurableLog } from './durable.ts';
import { PolledFeed } from './feed.ts';
import type { GridEvent } from './policy/types.ts';

export type { GridClient, GridSignal, UsageReport };

/** Signals → decide's constraints. A SIMPLE level allows its share of the import limit (level 0 allows all). */
export function gridEventsFrom(
  signals: readonly GridSignal[],
  importLimitW: number,
  simpleLevelImportFractions: readonly number[],
): GridEvent[] {
  const events: GridEvent[] = [];
  for (const s of signals) {
    const simpleW =
      s.simpleLevel === null ? null : importLimitW * (simpleLevelImportFractions[s.simpleLevel] ?? 1);
    const limits = [s.importLimitW, simpleW].filter((w): w is number => w !== null && w < importLimitW);
    const limitW = limits.length === 0 ? null : Math.min(...limits);
    if (limitW === null && s.priceUsdPerMWh === null) continue;
    events.push({
      eventId: `${s.eventId}#${s.intervalId}`,
      startMs: s.startMs,
      endMs: s.endMs,
      importLimitW: limitW,
      priceUsdPerMWh: s.priceUsdPerMWh,
    });
  }
  return events;
}

interface Accumulating {
  readonly signal: GridSignal;
  energyWms: number;
  coveredMs: number;
}

export class GridFeed {
  private readonly client: GridClient;
  readonly feed: PolledFeed<readonly GridSignal[]>;
  private readonly accumulating = new Map<string, Accumulating>();
  private readonly pending: UsageReport[] = [];
  private lastMeterAtMs: number | null = null;
  reportsSent = 0;

  constructor(
    client: GridClient,
    options: { pollMs: number; siteId: string; durable: Pick<DurableLog, 'raiseAlert'> },
  ) {
    this.client = client;
    this.feed = new PolledFeed({ name: 'vtn', fetch: (atMs) => client.signals(atMs), ...options });
  }

  signals(): readonly GridSignal[] {
    return this.feed.value ?? [];
  }

  /** Polls the VTN when due, then sends the reports of intervals that ended (kept until the VTN takes them). */
  async poll(atMs: number): Promise<void> {
    await this.feed.poll(atMs);
    while (this.pending.length > 0) {
      try {
        await this.client.reportUsage(this.pending[0]!);
        this.pending.shift();
        this.reportsSent++;
      } catch {
        return;
      }
    }
  }

  /** Adds the metered import since the last reading to every interval in force; closes intervals that ended. */
  meter(atMs: number, importW: number | undefined): void {
    const sinceMs = this.lastMeterAtMs;
    this.lastMeterAtMs = atMs;
    for (const signal of this.signals()) {
      const key = `${signal.eventId}#${signal.intervalId}`;
      if (atMs < signal.startMs || this.accumulating.has(key) || atMs >= signal.endMs) continue;
      this.accumulating.set(key, { signal, energyWms: 0, coveredMs: 0 });
    }
    for (const [key, acc] of this.accumulating) {
      const { startMs, endMs } = acc.signal;
      if (importW !== undefined && sinceMs !== null) {
        const spanMs = Math.max(0, Math.min(atMs, endMs) - Math.max(sinceMs, startMs));
        acc.energyWms += importW * spanMs;
        acc.coveredMs += spanMs;
      }
      if (atMs < endMs) continue;
      this.accumulating.delete(key);
      if (acc.coveredMs === 0) continue;
      this.pending.push({
        programId: acc.signal.programId,
        eventId: acc.signal.eventId,
        intervalId: acc.signal.intervalId,
        startMs,
        durationS: (endMs - startMs) / 1000,
        usageKw: acc.energyWms / acc.coveredMs / 1000,
      });
    }
  }
}
