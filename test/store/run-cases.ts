/**
 * Store cases for backtest and simulation runs, registered inside store.test.ts's per-engine suite (PGlite and the Postgres
 * server): guarded state changes, results kept apart from the row, newest-first listing, interrupted runs.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { NewRun, RunStore } from '../../src/store/run-types.ts';
import { freshSiteId, T0_MS } from './fixtures.ts';

const newRun = (siteId: string, n: number, overrides: Partial<NewRun> = {}): NewRun => ({
  runId: randomUUID(),
  siteId,
  kind: 'simulate',
  params: { kind: 'simulate', site: 'site-20mw', years: 10, paths: 200, seed: n },
  createdAtMs: T0_MS + n * 1_000,
  createdBy: 'operator-token',
  ...overrides,
});

export function runStoreCases(store: () => RunStore): void {
  it('creates a run queued at progress 0 and walks it to done, the result kept apart from the row', async () => {
    const s = store();
    const run = newRun(freshSiteId('run'), 1, {
      kind: 'backtest',
      params: { kind: 'backtest', site: 'site-20mw', from: '2024-03-01', to: '2024-03-02', strategies: [] },
    });
    const queued = await s.createRun(run);
    expect(queued).toEqual({
      ...run,
      status: 'queued',
      progress: 0,
      startedAtMs: null,
      finishedAtMs: null,
      error: null,
    });
    expect(await s.runResult(run.runId)).toBeUndefined();

    const startedAtMs = run.createdAtMs + 500;
    const running = await s.updateRun(run.runId, { status: 'running', startedAtMs }, ['queued']);
    expect(running).toMatchObject({ status: 'running', startedAtMs, progress: 0 });
    expect((await s.updateRun(run.runId, { progress: 0.25 }, ['running']))?.progress).toBe(0.25);

    const result = { kind: 'backtest', dayStartMs: [T0_MS], strategies: [{ name: 'a', values: [1.5, -2] }] };
    const finishedAtMs = startedAtMs + 1_234;
    const done = await s.updateRun(run.runId, { status: 'done', progress: 1, finishedAtMs, result }, [
      'running',
    ]);
    expect(done).toEqual({ ...queued, status: 'done', progress: 1, startedAtMs, finishedAtMs });
    expect(await s.run(run.runId)).toEqual(done);
    expect(await s.runResult(run.runId)).toEqual(result);
  });

  it('changes nothing when the run has left the states an update is guarded by', async () => {
    const s = store();
    const run = await s.createRun(newRun(freshSiteId('run-race'), 1));
    const cancelled = await s.updateRun(run.runId, { status: 'cancelled', finishedAtMs: T0_MS + 5_000 }, [
      'queued',
      'running',
    ]);
    expect(cancelled?.status).toBe('cancelled');
    // The executor's start and a late progress write both lose against the cancel.
    expect(await s.updateRun(run.runId, { status: 'running', startedAtMs: T0_MS + 6_000 }, ['queued'])).toBe(
      undefined,
    );
    expect(await s.updateRun(run.runId, { progress: 0.5 }, ['running'])).toBeUndefined();
    expect(await s.updateRun(randomUUID(), { progress: 0.5 }, ['running'])).toBeUndefined();
    expect(await s.run(run.runId)).toEqual(cancelled);
  });

  it('refuses a state that breaks the table rules: done without a result, progress beyond 1', async () => {
    const s = store();
    const run = await s.createRun(newRun(freshSiteId('run-rules'), 1));
    await s.updateRun(run.runId, { status: 'running', startedAtMs: T0_MS + 2_000 }, ['queued']);
    await expect(
      s.updateRun(run.runId, { status: 'done', finishedAtMs: T0_MS + 3_000 }, ['running']),
    ).rejects.toThrow(/check constraint/);
    await expect(s.updateRun(run.runId, { progress: 1.5 }, ['running'])).rejects.toThrow(/check constraint/);
    await expect(s.createRun({ ...newRun(run.siteId, 2), runId: 'not-a-uuid' })).rejects.toThrow(
      /check constraint/,
    );
    expect((await s.run(run.runId))?.status).toBe('running');
  });

  it('lists a site newest first (same-millisecond runs in the order made), up to the limit', async () => {
    const s = store();
    const siteId = freshSiteId('run-list');
    const first = await s.createRun(newRun(siteId, 1));
    const second = await s.createRun(newRun(siteId, 2));
    const sameMs = await s.createRun(newRun(siteId, 2));
    await s.createRun(newRun(freshSiteId('run-other'), 9));
    expect((await s.runs(siteId)).map((r) => r.runId)).toEqual([sameMs.runId, second.runId, first.runId]);
    expect((await s.runs(siteId, { limit: 2 })).map((r) => r.runId)).toEqual([sameMs.runId, second.runId]);
    expect(await s.runs(freshSiteId('run-none'))).toEqual([]);
  });

  it("marks a site's queued and running runs failed after a restart, and only those", async () => {
    const s = store();
    const siteId = freshSiteId('run-restart');
    const other = await s.createRun(newRun(freshSiteId('run-elsewhere'), 1));
    const [queued, running, done] = [
      await s.createRun(newRun(siteId, 1)),
      await s.createRun(newRun(siteId, 2)),
      await s.createRun(newRun(siteId, 3)),
    ];
    await s.updateRun(running.runId, { status: 'running', startedAtMs: T0_MS + 2_500 }, ['queued']);
    await s.updateRun(done.runId, { status: 'running', startedAtMs: T0_MS + 3_500 }, ['queued']);
    await s.updateRun(
      done.runId,
      { status: 'done', progress: 1, finishedAtMs: T0_MS + 4_000, result: { ok: true } },
      ['running'],
    );
    const error = 'interrupted: the server stopped while it ran';
    expect(await s.failUnfinishedRuns(siteId, error, T0_MS + 9_000)).toBe(2);
    for (const r of [queued, running]) {
      expect(await s.run(r.runId)).toMatchObject({ status: 'failed', error, finishedAtMs: T0_MS + 9_000 });
    }
    expect((await s.run(done.runId))?.status).toBe('done');
    expect((await s.run(other.runId))?.status).toBe('queued');
    expect(await s.failUnfinishedRuns(siteId, error, T0_MS + 10_000)).toBe(0);
  });
}
