/**
 * @module controller/durable
 * The intent log must outlive the store: an intent is written before its command is sent, and when the store
 * is unreachable it goes to an append-only journal file (fsynced) instead. While the journal holds anything,
 * every intent write goes there too, so statuses never reach the store before the intents they update; the
 * journal is replayed in order once the store answers again. Nothing is dropped, with two exceptions that
 * cannot lose a sent command: a torn last line (its append never finished, so its commands were never sent)
 * and a corrupt journal, which is moved aside for an operator rather than blocking the controller for ever.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { AlertRow, IntentUpdate, NewAlert, NewIntent, Store } from '../store/types.ts';

type JournalEntry =
  | { readonly kind: 'intents'; readonly intents: readonly NewIntent[] }
  | { readonly kind: 'updates'; readonly updates: readonly IntentUpdate[] };

type ParsedJournal =
  | { readonly kind: 'ok'; readonly entries: JournalEntry[] }
  /** `tornAt`: byte offset where the torn last line starts, i.e. the length the file should have. */
  | {
      readonly kind: 'torn';
      readonly entries: JournalEntry[];
      readonly tornAt: number;
      readonly line: number;
    }
  | { readonly kind: 'corrupt'; readonly line: number };

function parseEntry(text: string): JournalEntry | undefined {
  try {
    const value = JSON.parse(text) as { kind?: unknown; intents?: unknown; updates?: unknown } | null;
    if (value?.kind === 'intents' && Array.isArray(value.intents)) return value as JournalEntry;
    if (value?.kind === 'updates' && Array.isArray(value.updates)) return value as JournalEntry;
  } catch {
    // Falls through: unparsable and malformed lines are judged alike, by where they are.
  }
  return undefined;
}

/**
 * Works on bytes, not a decoded string, so a torn tail can be cut off at its exact offset. A line without its
 * newline is torn even when it parses: the newline is written in the same call, so the append did not finish.
 */
function parseJournal(content: Buffer): ParsedJournal {
  const lines: { start: number; number: number; text: string; complete: boolean }[] = [];
  for (let start = 0, number = 1; start < content.length; number++) {
    const newline = content.indexOf(0x0a, start);
    const end = newline === -1 ? content.length : newline;
    const text = content.toString('utf8', start, end);
    if (text.trim() !== '') lines.push({ start, number, text, complete: newline !== -1 });
    start = end + 1;
  }
  const entries: JournalEntry[] = [];
  for (const [i, line] of lines.entries()) {
    const entry = line.complete ? parseEntry(line.text) : undefined;
    if (entry !== undefined) entries.push(entry);
    else if (i === lines.length - 1) return { kind: 'torn', entries, tornAt: line.start, line: line.number };
    else return { kind: 'corrupt', line: line.number };
  }
  return { kind: 'ok', entries };
}

function fsyncPath(path: string, flags: string, before?: (fd: number) => void): void {
  const fd = openSync(path, flags);
  try {
    before?.(fd);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export class DurableLog {
  readonly store: Store;
  private readonly journalPath: string;
  private readonly log: Logger;
  private healthy = true;
  /** Kept in memory because `storeOk` is read every cycle; true from the first append attempt on. */
  private journalPending: boolean;
  /**
   * Entries of the current journal file already in the store. A replay cut short resumes after them: intents
   * would be harmless twice, but an update with `attempted` would count its attempt twice.
   */
  private replayed = 0;

  constructor(store: Store, journalPath: string, log: Logger) {
    this.store = store;
    this.journalPath = journalPath;
    this.log = log;
    this.journalPending = existsSync(journalPath);
  }

  /**
   * False after a store call failed, until one succeeds again, and while the journal holds entries: until
   * they are replayed the store's intent log is behind, whatever the last call did.
   */
  get storeOk(): boolean {
    return this.healthy && !this.journalPending;
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

  /** Told of every alert the store took (a dashboard's live feed); one that only reached the log is not. */
  onAlert: ((alert: AlertRow) => void) | undefined;

  async raiseAlert(alert: NewAlert): Promise<void> {
    this.log.warn({ machineId: alert.machineId, code: alert.code }, alert.message);
    const row = await this.attempt('alert', (s) => s.raiseAlert(alert));
    if (row !== undefined) this.onAlert?.(row);
  }

  /**
   * Replays the journal into the store; true when it is empty afterwards. Never throws: it runs at every start,
   * and a controller that cannot start cannot put the site in its safe state either.
   */
  async flushJournal(): Promise<boolean> {
    if (!this.journalPending) return true;
    const entries = this.loadJournal();
    if (entries === undefined) return false;
    if (!this.journalPending) return true;
    const skipped = this.replayed;
    const replayed = await this.attempt('journal replay', async (store) => {
      for (const entry of entries.slice(this.replayed)) {
        if (entry.kind === 'intents') await store.recordIntents(entry.intents);
        else await store.updateIntents(entry.updates);
        this.replayed += 1;
      }
      return true;
    });
    if (replayed === undefined) return false;
    try {
      rmSync(this.journalPath);
    } catch (error) {
      // Kept pending: later writes append after the replayed entries, which `replayed` skips.
      this.log.error({ err: error, path: this.journalPath }, 'replayed intent journal could not be removed');
      return false;
    }
    this.forgetJournal();
    this.log.info(
      { entries: entries.length, resumedAfter: skipped },
      'intent journal replayed into the store',
    );
    return true;
  }

  private forgetJournal(): void {
    this.journalPending = false;
    this.replayed = 0;
  }

  /** The journal's entries; [] once it is gone or moved aside; undefined when it cannot be used now. */
  private loadJournal(): JournalEntry[] | undefined {
    let content: Buffer;
    try {
      content = readFileSync(this.journalPath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.forgetJournal();
        return [];
      }
      this.log.error({ err: error, path: this.journalPath }, 'intent journal unreadable');
      return undefined;
    }
    const parsed = parseJournal(content);
    if (parsed.kind === 'corrupt') return this.quarantine(parsed.line) ? [] : undefined;
    if (parsed.kind === 'torn') {
      this.log.warn(
        { path: this.journalPath, line: parsed.line },
        'intent journal: torn last line dropped (an append cut short; its commands were never sent)',
      );
      try {
        // Cut off now: the next append would follow it and turn it into a corrupt line in the middle.
        fsyncPath(this.journalPath, 'r+', (fd) => ftruncateSync(fd, parsed.tornAt));
      } catch (error) {
        this.log.error({ err: error, path: this.journalPath }, 'torn intent journal could not be truncated');
        return undefined;
      }
    }
    return parsed.entries;
  }

  /**
   * A bad line before the last cannot be a torn append, and replaying around it could apply statuses to the
   * wrong history; retrying would block every intent write for ever. So the file goes aside, never deleted.
   */
  private quarantine(line: number): boolean {
    const base = `${this.journalPath}.corrupt-${Date.now()}`;
    let aside = base;
    for (let n = 1; existsSync(aside); n++) aside = `${base}-${n}`;
    try {
      renameSync(this.journalPath, aside);
    } catch (error) {
      this.log.error(
        { err: error, path: this.journalPath, line },
        'corrupt intent journal could not be moved aside',
      );
      return false;
    }
    this.log.error(
      { path: aside, line },
      'intent journal corrupt: moved aside unreplayed for an operator; continuing with an empty journal',
    );
    this.forgetJournal();
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
    const created = !existsSync(this.journalPath);
    // Set before appending: a failed append may still leave a torn line, which the next flush must cut off.
    this.journalPending = true;
    try {
      fsyncPath(this.journalPath, 'a', (fd) => appendFileSync(fd, `${JSON.stringify(entry)}\n`));
    } catch (error) {
      this.log.error(
        { err: error, path: this.journalPath },
        'intent journal not writable: commands held back',
      );
      return false;
    }
    if (created) {
      try {
        // A new file's name is durable only once its folder is synced; best effort where folders cannot be opened.
        fsyncPath(dirname(this.journalPath), 'r');
      } catch {}
    }
    return true;
  }
}
