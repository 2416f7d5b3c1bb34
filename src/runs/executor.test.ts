/**
 * A run's life in the executor, over a PGlite run store: one at a time with the others queued, progress written
 * at most four times a second and rising to 1, cancel (at once when queued; the thread stopped when running),
 * a failing run recorded with its error while the queue goes on, and runs left unfinished by a stopped process.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestRequest, RunSummary } from '../api/run-schemas.ts';
import { openStore, type SqlStore } from '../store/index.ts';
import type { RunRow, RunStore } from '../store/run-types.ts';
import { INTERRUPTED, RunExecutor } from './executor.ts';

const SITE_ID = 'executor-site';
const log = pino({ level: 'silent' });
let store: SqlStore;
let runStore: RunStore;

beforeAll(async () => {
  store = await openStore();
  runStore = store;
}, 60_000);

afterAll(async () => {
  await store?.close();
});

const backtest = (from: string, to: string, strategies: BacktestRequest['strategies']): BacktestRequest => ({
  kind: 'backtest',
  site: 'site-20mw',
  from,
  to,
  strategies,
});
const SMALL = backtest('2024-03-01', '2024-03-02', ['static-split']);
/** Both optimizers over two years: tens of seconds, so it is still running when cancelled. */
const LONG = backtest('2024-01-01', '2025-11-30', ['optimizer-perfect', 'optimizer-forecast']);

async function until(runId: string, done: (run: RunRow) => boolean, timeoutMs = 20_000): Promise<RunRow> {
  const startedAtMs = Date.now();
  for (;;) {
    const row = await runStore.run(runId);
    if (row && done(row)) return row;
    if (Date.now() - startedAtMs > timeoutMs) throw new Error(`run ${runId} still ${row?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** CPU time every thread of this process used over `ms`. */
async function cpuMsOver(ms: number): Promise<number> {
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('run executor', () => {
  it('writes progress at most every 250 ms, rising to 1 when done', async () => {
    const changes: { atMs: number; run: RunSummary }[] = [];
    const executor = await RunExecutor.start({
      store: runStore,
      siteId: SITE_ID,
      log,
      onChange: (run) => changes.push({ atMs: performance.now(), run }),
    });
    try {
      const run = await executor.submit(backtest('2024-01-01', '2024-06-29', ['optimizer-forecast']), 'ops');
      await until(run.runId, (r) => r.status === 'done', 30_000);
      const mine = changes.filter((c) => c.run.runId === run.runId);
      expect(mine.map((c) => c.run.status)).toEqual([
        'queued',
        'running',
        ...mine.slice(2, -1).map(() => 'running'),
        'done',
      ]);
      const progress = mine.map((c) => c.run.progress);
      expect(progress.at(-1)).toBe(1);
      expect(progress.slice(1).every((p, i) => p > progress[i]! || (i === 0 && p === 0))).toBe(true);
      const writes = mine.slice(2, -1);
      expect(writes.length).toBeGreaterThanOrEqual(3);
      const spanMs = mine.at(-1)!.atMs - mine[1]!.atMs;
      expect(writes.length).toBeLessThanOrEqual(Math.ceil(spanMs / 250) + 1);
      expect(await executor.get(run.runId)).toEqual(mine.at(-1)!.run);
    } finally {
      await executor.close();
    }
  }, 40_000);

  it('queues a second run behind the first, cancels a queued run at once and stops a running one', async () => {
    const executor = await RunExecutor.start({ store: runStore, siteId: SITE_ID, log });
    try {
      const long = await executor.submit(LONG, 'ops');
      const [next, dropped] = [await executor.submit(SMALL, 'ops'), await executor.submit(SMALL, 'ops')];
      await until(long.runId, (r) => r.progress > 0);
      expect((await executor.get(next.runId))?.status).toBe('queued');

      const dequeued = await executor.cancel(dropped.runId);
      expect(dequeued).toMatchObject({
        outcome: 'cancelled',
        run: { status: 'cancelled', startedAtMs: null },
      });

      const cancelAtMs = performance.now();
      const stopped = await executor.cancel(long.runId);
      expect(performance.now() - cancelAtMs).toBeLessThan(3_000);
      expect(stopped).toMatchObject({ outcome: 'cancelled', run: { status: 'cancelled', error: null } });
      expect(stopped.outcome === 'cancelled' && stopped.run.progress).toBeLessThan(1);

      expect((await until(next.runId, (r) => r.status === 'done')).progress).toBe(1);
      expect(await executor.get(dropped.runId)).toMatchObject({ status: 'cancelled', startedAtMs: null });
      expect(await executor.cancel(long.runId)).toMatchObject({ outcome: 'finished' });
      expect(await executor.cancel(randomUUID())).toEqual({ outcome: 'missing' });
      // The cancelled run's thread is gone: nothing is left computing.
      expect(await cpuMsOver(500)).toBeLessThan(150);
    } finally {
      await executor.close();
    }
  }, 40_000);

  it("stops a running simulation's pool threads with its own", async () => {
    const executor = await RunExecutor.start({ store: runStore, siteId: SITE_ID, log });
    try {
      const simulation = { kind: 'simulate', site: 'site-20mw', years: 30, paths: 100_000, seed: 3 } as const;
      const run = await executor.submit(simulation, 'ops');
      await until(run.runId, (r) => r.progress > 0);
      expect(await executor.cancel(run.runId)).toMatchObject({ outcome: 'cancelled' });
      expect(await cpuMsOver(500)).toBeLessThan(150);
    } finally {
      await executor.close();
    }
  }, 40_000);

  it('records a failing run with its error and goes on with the next', async () => {
    const executor = await RunExecutor.start({ store: runStore, siteId: SITE_ID, log });
    try {
      // Not checked by checkRunRequest, as the API would: the run thread meets the missing history.
      const failing = await executor.submit(backtest('2012-01-01', '2012-01-02', ['static-split']), 'ops');
      const next = await executor.submit(SMALL, 'ops');
      const failed = await until(failing.runId, (r) => r.status === 'failed');
      expect(failed.error).toMatch(/^no shipped ERCOT prices at HB_HUBAVG cover 2012-01-01 \.\. 2012-01-02;/);
      expect(failed.finishedAtMs).toEqual(expect.any(Number));
      expect(await executor.result(failing.runId)).toBeUndefined();
      await until(next.runId, (r) => r.status === 'done');
      expect(await executor.result(next.runId)).toMatchObject({ kind: 'backtest', from: '2024-03-01' });
    } finally {
      await executor.close();
    }
  }, 40_000);

  it('fails the runs a stopped process left queued or running, at close and at the next start', async () => {
    const siteId = `${SITE_ID}-restart`;
    const left = await runStore.createRun({
      runId: randomUUID(),
      siteId,
      kind: 'backtest',
      params: SMALL,
      createdAtMs: Date.now(),
      createdBy: 'ops',
    });
    await runStore.updateRun(left.runId, { status: 'running', startedAtMs: Date.now() }, ['queued']);
    const executor = await RunExecutor.start({ store: runStore, siteId, log });
    expect(await executor.get(left.runId)).toMatchObject({ status: 'failed', error: INTERRUPTED });

    const running = await executor.submit(LONG, 'ops');
    const queued = await executor.submit(SMALL, 'ops');
    await until(running.runId, (r) => r.progress > 0);
    await executor.close();
    for (const run of [running, queued]) {
      expect(await runStore.run(run.runId)).toMatchObject({ status: 'failed', error: INTERRUPTED });
    }
    await expect(executor.submit(SMALL, 'ops')).rejects.toThrow(/closed/);
  }, 40_000);
});
