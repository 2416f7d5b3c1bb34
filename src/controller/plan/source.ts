/**
 * @module controller/plan/source
 * Where the controller's mining target comes from. `fixed` runs a share of the fleet (commissioning, tests);
 * `history` replays shipped prices through the planner on its own thread, re-planning as historical time
 * passes, and maps the plan's share of installed mining capacity onto the fleet this controller drives.
 */
import type { Worker } from 'node:worker_threads';
import { MS_PER_HOUR } from '../../series/utc-time.ts';
import { startWorker } from '../../threads/start-worker.ts';
import type { PlanReply, PlanRequest, SolvedWindow } from './protocol.ts';

export interface PlanTarget {
  readonly miningW: number;
  /** Settlement price of the interval, $/MWh (absent for a fixed plan). */
  readonly priceUsdPerMWh?: number;
  /** Net mining revenue per MWh of IT energy in the interval. */
  readonly miningUsdPerMWh?: number;
  /** The historical instant being replayed, ms. */
  readonly historicalMs?: number;
}

export interface PlanSource {
  readonly description: string;
  /** The target for this instant, or undefined when no valid plan covers it (plan lost). */
  targetAt(atMs: number): PlanTarget | undefined;
  /** Asks for a new plan when one is due; never blocks the caller. */
  refresh(atMs: number): void;
  /** Windows solved since the last call (for the store). */
  takeNewWindows(): SolvedWindow[];
  close(): Promise<void>;
}

export function fixedPlan(miningFraction: number, fleetRatedW: number): PlanSource {
  return {
    description: `fixed: ${Math.round(miningFraction * 100)} % of ${Math.round(fleetRatedW)} W`,
    targetAt: () => ({ miningW: miningFraction * fleetRatedW }),
    refresh: () => {},
    takeNewWindows: () => [],
    close: async () => {},
  };
}

export interface HistoryPlanOptions {
  readonly sitePath: string;
  readonly replayFromMs: number;
  readonly startedAtMs: number;
  readonly speed: number;
  readonly horizonH: number;
  readonly replanEveryH: number;
  readonly fleetRatedW: number;
  /** Reports a failed solve (the controller raises an alert and, once the plan runs out, applies its safe state). */
  readonly onError: (message: string) => void;
}

export class HistoryPlan implements PlanSource {
  readonly description: string;
  private readonly options: HistoryPlanOptions;
  private worker: Worker;
  private closing = false;
  private window: SolvedWindow | undefined;
  private pendingFromMs: number | null = null;
  private lastRequestedFromMs: number | null = null;
  private fresh: SolvedWindow[] = [];
  private lastError: string | null = null;

  constructor(options: HistoryPlanOptions) {
    this.options = options;
    this.description = `history from ${new Date(options.replayFromMs).toISOString()} at ${options.speed}× (${options.sitePath})`;
    this.worker = this.startPlanner();
  }

  /** A planner thread that died is replaced, and the window it was solving is asked for again. */
  private startPlanner(): Worker {
    const worker = startWorker(import.meta.url, 'history-worker', {});
    worker.on('message', (reply: PlanReply) => {
      this.pendingFromMs = null;
      if (reply.ok && reply.window.status === 'optimal') {
        this.window = reply.window;
        this.fresh.push(reply.window);
        this.lastError = null;
      } else
        this.fail(
          reply.ok
            ? `planner: ${reply.window.status} (${reply.window.bindingConstraint ?? ''})`
            : reply.message,
        );
    });
    worker.on('error', (error) => this.fail(`planner thread: ${error.message}`));
    worker.on('exit', () => {
      if (this.closing) return;
      this.pendingFromMs = null;
      this.worker = this.startPlanner();
    });
    worker.unref();
    return worker;
  }

  historicalMs(atMs: number): number {
    return this.options.replayFromMs + (atMs - this.options.startedAtMs) * this.options.speed;
  }

  private fail(message: string): void {
    this.lastError = message;
    // Asked again at the next refresh: a transient failure must not leave the old window to run out.
    this.lastRequestedFromMs = null;
    this.options.onError(message);
  }

  /** Resolves once the first window is solved; rejects on the planner's first error or after `timeoutMs`. */
  async ready(atMs: number, timeoutMs: number): Promise<void> {
    this.refresh(atMs);
    const deadline = Date.now() + timeoutMs;
    while (this.window === undefined) {
      if (this.lastError !== null) throw new Error(this.lastError);
      if (Date.now() > deadline) throw new Error('the planner produced no plan in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  targetAt(atMs: number): PlanTarget | undefined {
    const w = this.window;
    if (w === undefined) return undefined;
    const historicalMs = this.historicalMs(atMs);
    const i = Math.floor((historicalMs - w.startMs) / (w.stepS * 1000));
    const miningMW = w.miningMW[i];
    if (i < 0 || miningMW === undefined || w.installedMiningMW <= 0) return undefined;
    return {
      miningW: (miningMW / w.installedMiningMW) * this.options.fleetRatedW,
      priceUsdPerMWh: w.priceUsdPerMWh[i]!,
      miningUsdPerMWh: w.miningUsdPerMWh[i]!,
      historicalMs,
    };
  }

  refresh(atMs: number): void {
    if (this.pendingFromMs !== null) return;
    const hourMs = Math.floor(this.historicalMs(atMs) / MS_PER_HOUR) * MS_PER_HOUR;
    const due =
      this.lastRequestedFromMs === null ||
      hourMs - this.lastRequestedFromMs >= this.options.replanEveryH * MS_PER_HOUR;
    if (!due) return;
    this.pendingFromMs = hourMs;
    this.lastRequestedFromMs = hourMs;
    this.worker.postMessage({
      sitePath: this.options.sitePath,
      fromMs: hourMs,
      horizonH: this.options.horizonH,
    } satisfies PlanRequest);
  }

  takeNewWindows(): SolvedWindow[] {
    return this.fresh.splice(0);
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}
