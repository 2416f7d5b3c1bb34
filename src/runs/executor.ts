/**
 * @module runs/executor
 * Runs backtests and simulations in the background, one at a time (a second request waits `queued`): each on
 * the run thread, never on the event loop that serves the API and drives the site. The store holds the truth
 * and every change of state is guarded by the state it leaves, so a cancel racing a start or a late progress
 * write cannot tell two stories. Progress is written at most every `progressEveryMs` (about 4 a second); a
 * failing run is recorded failed with its error, never thrown at the process. Runs a previous process left
 * unfinished are failed at start, as are this one's at close.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import type { Logger } from 'pino';
import { type RunRequest, type RunResult, type RunSummary, runSummarySchema } from '../api/run-schemas.ts';
import type { Clock } from '../controller/controller.ts';
import type { RunChange, RunRow, RunStatus, RunStore } from '../store/run-types.ts';
import { RunThread } from './run-thread.ts';

export const INTERRUPTED = 'interrupted: the server stopped while it ran';

export interface RunExecutorOptions {
  readonly store: RunStore;
  /** The site of this server: runs are stored and listed under it. */
  readonly siteId: string;
  readonly log: Logger;
  readonly clock?: Clock;
  /** Called after every stored change of a run (throttled like the writes), e.g. to push it to dashboards. */
  readonly onChange?: (run: RunSummary) => void;
  /** Least time between two progress writes of one run, ms (default 250). */
  readonly progressEveryMs?: number;
}

export type CancelOutcome =
  | { readonly outcome: 'cancelled'; readonly run: RunSummary }
  /** It was done, failed or cancelled before this cancel could land. */
  | { readonly outcome: 'finished'; readonly run: RunSummary }
  | { readonly outcome: 'missing' };

interface Active {
  readonly controller: AbortController;
  /** Settles once the run has left the thread and its last state is stored. */
  readonly finished: Promise<void>;
}

const UNFINISHED: readonly RunStatus[] = ['queued', 'running'];
const SHUTDOWN = Symbol('shutdown');

const summaryOf = (row: RunRow): RunSummary => runSummarySchema.parse(row);

export class RunExecutor {
  readonly #store: RunStore;
  readonly #siteId: string;
  readonly #log: Logger;
  readonly #clock: Clock;
  readonly #onChange: ((run: RunSummary) => void) | undefined;
  readonly #progressEveryMs: number;
  readonly #queue = pLimit(1);
  readonly #thread = new RunThread();
  readonly #active = new Map<string, Active>();
  #closed = false;

  private constructor(options: RunExecutorOptions) {
    this.#store = options.store;
    this.#siteId = options.siteId;
    this.#log = options.log;
    this.#clock = options.clock ?? { nowMs: () => Date.now() };
    this.#onChange = options.onChange;
    this.#progressEveryMs = options.progressEveryMs ?? 250;
  }

  /** Fails the runs a previous process left queued or running, then takes requests. */
  static async start(options: RunExecutorOptions): Promise<RunExecutor> {
    const executor = new RunExecutor(options);
    const failed = await options.store.failUnfinishedRuns(options.siteId, INTERRUPTED, executor.#now());
    if (failed > 0)
      options.log.warn({ runs: failed }, 'runs left unfinished by the last process marked failed');
    return executor;
  }

  /** Stores the run `queued` and puts it in the queue; `request` must have passed checkRunRequest. */
  async submit(request: RunRequest, createdBy: string): Promise<RunSummary> {
    if (this.#closed) throw new Error('the run executor is closed');
    const row = await this.#store.createRun({
      runId: randomUUID(),
      siteId: this.#siteId,
      kind: request.kind,
      params: request,
      createdAtMs: this.#now(),
      createdBy,
    });
    this.#notify(row);
    const controller = new AbortController();
    const finished = this.#queue(() => this.#execute(row.runId, request, controller.signal))
      .catch((error: unknown) => this.#log.error({ err: error, runId: row.runId }, 'run bookkeeping failed'))
      .finally(() => this.#active.delete(row.runId));
    this.#active.set(row.runId, { controller, finished });
    return summaryOf(row);
  }

  async cancel(runId: string): Promise<CancelOutcome> {
    const row = await this.#row(runId);
    if (row === undefined) return { outcome: 'missing' };
    if (!UNFINISHED.includes(row.status)) return { outcome: 'finished', run: summaryOf(row) };
    const active = this.#active.get(runId);
    // A queued run is cancelled here and now; the queue skips it when its turn comes.
    const dequeued = await this.#update(runId, { status: 'cancelled', finishedAtMs: this.#now() }, [
      'queued',
    ]);
    active?.controller.abort();
    if (dequeued) return { outcome: 'cancelled', run: summaryOf(dequeued) };
    // Running here: the thread stops and #execute records it. Running nowhere (another process's run on a
    // shared database): recorded here.
    if (active) await active.finished;
    else await this.#update(runId, { status: 'cancelled', finishedAtMs: this.#now() }, ['running']);
    const after = (await this.#store.run(runId))!;
    return { outcome: after.status === 'cancelled' ? 'cancelled' : 'finished', run: summaryOf(after) };
  }

  async list(limit: number): Promise<RunSummary[]> {
    return (await this.#store.runs(this.#siteId, { limit })).map(summaryOf);
  }

  async get(runId: string): Promise<RunSummary | undefined> {
    const row = await this.#row(runId);
    return row === undefined ? undefined : summaryOf(row);
  }

  /** The result of a done run; undefined otherwise. */
  async result(runId: string): Promise<RunResult | undefined> {
    if ((await this.#row(runId)) === undefined) return undefined;
    // Only #execute stores results, and it stores what the run thread made: a RunResult.
    return (await this.#store.runResult(runId)) as RunResult | undefined;
  }

  /** Stops the running run and the queue, recording both as interrupted. Call before closing the store. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const active = [...this.#active.values()];
    // The running run's thread stops; each queued one, reached in turn, sees the abort and does nothing.
    for (const a of active) a.controller.abort(SHUTDOWN);
    await Promise.all(active.map((a) => a.finished));
    await this.#thread.close();
    await this.#store.failUnfinishedRuns(this.#siteId, INTERRUPTED, this.#now());
  }

  async #execute(runId: string, request: RunRequest, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const started = await this.#update(runId, { status: 'running', startedAtMs: this.#now() }, ['queued']);
    if (!started) return;
    // Writes of one run go out in order, so a slow progress write never lands after the final state.
    let writes: Promise<unknown> = Promise.resolve();
    const write = (change: RunChange): Promise<unknown> => {
      const next = writes.then(() => this.#update(runId, change, ['running']));
      // One failed write must not hold back the next (the final state above all).
      writes = next.catch(() => undefined);
      return next;
    };
    let lastWriteAtMs = Number.NEGATIVE_INFINITY;
    let lastFraction = 0;
    const onProgress = (fraction: number): void => {
      const nowMs = performance.now();
      if (fraction <= lastFraction || nowMs - lastWriteAtMs < this.#progressEveryMs) return;
      lastWriteAtMs = nowMs;
      lastFraction = fraction;
      write({ progress: Math.min(1, fraction) }).catch((error: unknown) =>
        this.#log.warn({ err: error, runId }, 'run progress not stored'),
      );
    };
    try {
      const result = await this.#thread.run(request, { signal, onProgress });
      await write({ status: 'done', progress: 1, finishedAtMs: this.#now(), result });
    } catch (error) {
      if (signal.reason === SHUTDOWN) return; // close() records it
      await write(
        signal.aborted
          ? { status: 'cancelled', finishedAtMs: this.#now() }
          : { status: 'failed', finishedAtMs: this.#now(), error: messageOf(error) },
      );
    }
  }

  /** Another site's runs are not this server's to show or cancel. */
  async #row(runId: string): Promise<RunRow | undefined> {
    const row = await this.#store.run(runId);
    return row?.siteId === this.#siteId ? row : undefined;
  }

  /** A guarded store update, announced when it took effect. */
  async #update(runId: string, change: RunChange, from: readonly RunStatus[]): Promise<RunRow | undefined> {
    const row = await this.#store.updateRun(runId, change, from);
    if (row) this.#notify(row);
    return row;
  }

  #notify(row: RunRow): void {
    if (this.#onChange === undefined) return;
    try {
      this.#onChange(summaryOf(row));
    } catch (error) {
      this.#log.error({ err: error, runId: row.runId }, 'run change listener failed');
    }
  }

  #now(): number {
    return this.#clock.nowMs();
  }
}

const messageOf = (error: unknown): string =>
  error instanceof Error && error.message !== '' ? error.message : String(error);
