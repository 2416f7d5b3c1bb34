/**
 * @module controller/feed
 * A polled outside feed (market data, the grid operator's VTN): polled every `pollMs`, not every cycle, and
 * counted lost once `STALE_AFTER_POLLS` polls in a row failed — one bad reply is noise, three are an outage.
 * The last good value stays available while the feed is lost: an event already announced still binds.
 */
import type { DurableLog } from './durable.ts';

export const STALE_AFTER_POLLS = 3;

export class PolledFeed<T> {
  private readonly name: string;
  private readonly fetch: (atMs: number) => Promise<T>;
  private readonly pollMs: number;
  private readonly siteId: string;
  private readonly durable: Pick<DurableLog, 'raiseAlert'>;
  private lastPollAtMs: number | null = null;
  private lastGoodAtMs: number | null = null;
  private startedAtMs: number | null = null;
  private alerted = false;
  private lastError = '';
  value: T | undefined;

  constructor(options: {
    name: string;
    fetch: (atMs: number) => Promise<T>;
    pollMs: number;
    siteId: string;
    durable: Pick<DurableLog, 'raiseAlert'>;
  }) {
    this.name = options.name;
    this.fetch = options.fetch;
    this.pollMs = options.pollMs;
    this.siteId = options.siteId;
    this.durable = options.durable;
  }

  /** Polls when one is due; never throws (a failed poll is counted, and alerted once the feed is stale). */
  async poll(atMs: number): Promise<void> {
    this.startedAtMs ??= atMs;
    if (this.lastPollAtMs !== null && atMs - this.lastPollAtMs < this.pollMs) return;
    this.lastPollAtMs = atMs;
    try {
      this.value = await this.fetch(atMs);
      this.lastGoodAtMs = atMs;
      if (this.alerted) {
        this.alerted = false;
        await this.durable.raiseAlert(this.alert(atMs, 'info', `${this.name} feed answers again`));
      }
    } catch (error) {
      this.lastError = error instanceof Error ? error.message : String(error);
    }
    if (!this.healthy(atMs) && !this.alerted) {
      this.alerted = true;
      await this.durable.raiseAlert(
        this.alert(
          atMs,
          'critical',
          `${this.name} feed lost (${STALE_AFTER_POLLS} polls failed): ${this.lastError}; its safe state applies`,
        ),
      );
    }
  }

  /** Healthy until `STALE_AFTER_POLLS` poll periods pass without a good reply (from the first poll on). */
  healthy(atMs: number): boolean {
    const sinceMs = this.lastGoodAtMs ?? this.startedAtMs;
    return sinceMs === null || atMs - sinceMs < STALE_AFTER_POLLS * this.pollMs;
  }

  private alert(atMs: number, severity: 'info' | 'critical', message: string) {
    return { siteId: this.siteId, machineId: null, atMs, severity, code: `${this.name}-feed`, message };
  }
}
