/**
 * @module controller/durable
 * The intent log must outlive the store: an intent is written before its command is sent, and when the store
 * is unreachable it goes to an append-only journal file (fsynced) instead. While the journal holds anything,
 * every intent write goes there too, so statuses never reach the store before the intents they update; the
 * journal is replayed in order once the store answers again. Nothing is dropped.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync } from 'node:fs';
import type { Logger } from 'pino';
import type { IntentUpdate, NewAlert, NewIntent, Store } from '../store/types.ts';

type JournalEntry =
  | { readonly kind: 'intents'; readonly intents: readonly NewIntent[] }
  | { readonly kind: 'updates'; readonly updates: readonly IntentUpdate[] };

export class DurableLog {
  readonly store: Store;
  private readonly journalPath: string;
  private readonly log: Logger;
  private healthy = true;

  constructor(store: Store, journalPath: string, log: Logger) {
    this.store = store;
    this.journalPath = journalPath;
    this.log = log;
  }

  /** False after a store call failed, until one succeeds again. */
  get storeOk(): boolean {
    return this.healthy;
  }

  /** Runs a store call; a failure marks the store lost and yields undefined instead of throwing (so `call` should not). */
  async attempt<T>(what: string, call: (store: Store) => Promise<T>): Promise<T | undefined> {
    try {
      const result = await call(this.store);
      if (!this.healthy) this.log.warn({ what }, 'store reachable again');
      this.healthy = true;
      return result;
    } catch (error) {
      if (this.healthy) this.log.error({ err: error, what }, 'store lost');
      this.healthy = false;
      return undefined;
    }
  }

  /** True when the intents are durable (store or journal): only then may their commands be sent. */
  async recordIntents(intents: readonly NewIntent[]): Promise<boolean> {
    if (intents.length === 0) return true;
    return this.write({ kind: 'intents', intents });
  }

  async updateIntents(updates: readonly IntentUpdate[]): Promise<boolean> {
    if (updates.length === 0) return true;
    return this.write({ kind: 'updates', updates });
  }

  async raiseAlert(alert: NewAlert): Promise<void> {
    this.log.warn({ machineId: alert.machineId, code: alert.code }, alert.message);
    await this.attempt('alert', (s) => s.raiseAlert(alert));
  }

  /** Replays the journal into the store; true when it is empty afterwards. */
  async flushJournal(): Promise<boolean> {
    if (!existsSync(this.journalPath)) return true;
    const entries = readFileSync(this.journalPath, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as JournalEntry);
    const replayed = await this.attempt('journal replay', async (store) => {
      for (const entry of entries) {
        if (entry.kind === 'intents') await store.recordIntents(entry.intents);
        else await store.updateIntents(entry.updates);
      }
      return true;
    });
    if (replayed === undefined) return false;
    rmSync(this.journalPath);
    this.log.info({ entries: entries.length }, 'intent journal replayed into the store');
    return true;
  }

  private async write(entry: JournalEntry): Promise<boolean> {
    if (await this.flushJournal()) {
      const stored = await this.attempt(entry.kind, async (s) => {
        await (entry.kind === 'intents' ? s.recordIntents(entry.intents) : s.updateIntents(entry.updates));
        return true;
      });
      if (stored !== undefined) return true;
    }
    try {
      const fd = openSync(this.journalPath, 'a');
      try {
        appendFileSync(fd, `${JSON.stringify(entry)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (error) {
      this.log.error(
        { err: error, path: this.journalPath },
        'intent journal not writable: commands held back',
      );
      return false;
    }
  }
}
