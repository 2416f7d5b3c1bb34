/**
 * @module store/run-types
 * Backtests and Monte-Carlo simulations started through the API, as the store keeps them: a row per run with
 * its state, the request it ran (defaults filled) and, once done, its result as JSON. Every change of state is
 * guarded by the state it leaves, so a cancel racing a start, or a late progress write, changes nothing.
 */

export type RunKind = 'backtest' | 'simulate';

/** queued → running → done | failed | cancelled; a queued run may also be cancelled (or failed) directly. */
export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface NewRun {
  /** A UUID made by the caller, so it is known before the row is written. */
  readonly runId: string;
  /** The site of the server that took the request (not the example site the run models: see `params`). */
  readonly siteId: string;
  readonly kind: RunKind;
  /** The request with its defaults filled. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly createdAtMs: number;
  /** Name of the API token that asked for it. */
  readonly createdBy: string;
}

export interface RunRow extends NewRun {
  readonly status: RunStatus;
  /** 0..1. */
  readonly progress: number;
  readonly startedAtMs: number | null;
  readonly finishedAtMs: number | null;
  /** Why it failed, in words; null unless `failed`. */
  readonly error: string | null;
}

/** What one update sets; absent fields are left as they are. */
export interface RunChange {
  readonly status?: RunStatus;
  readonly progress?: number;
  readonly startedAtMs?: number;
  readonly finishedAtMs?: number;
  readonly error?: string;
  /** Any JSON value but null (stored as jsonb). */
  readonly result?: unknown;
}

export interface RunStore {
  /** Stores it `queued` with progress 0. */
  createRun(run: NewRun): Promise<RunRow>;
  /**
   * Applies `change` only while the run's status is one of `from`; returns the row afterwards, or undefined when
   * there is no such run or it had moved on (the caller lost a race and changed nothing).
   */
  updateRun(runId: string, change: RunChange, from: readonly RunStatus[]): Promise<RunRow | undefined>;
  run(runId: string): Promise<RunRow | undefined>;
  /** The site's runs, newest first (without results). */
  runs(siteId: string, query?: { limit?: number }): Promise<RunRow[]>;
  /** The stored result of a run; undefined when there is no such run or it has none (not done). */
  runResult(runId: string): Promise<unknown>;
  /** Marks every queued or running run of the site failed with `error`; returns how many there were. */
  failUnfinishedRuns(siteId: string, error: string, atMs: number): Promise<number>;
}
