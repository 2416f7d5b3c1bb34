/**
 * Backtest and Monte-Carlo runs over real HTTP: who may start and cancel them (and the audit row each leaves),
 * requests refused with the field and the fix before anything is queued, and results equal to the CLI's own
 * code run directly on this thread: a two-day backtest of the 20 MW example to the cent, a seeded 200-path
 * simulation to the dollar. A run's life in the queue is executor.test.ts's subject.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_ID } from '../../test/helpers/api-server.ts';
import { type RunsApi, startRunsApi } from '../../test/helpers/runs-api.ts';
import { profitUsdAt } from '../backtest/run.ts';
import { runBacktest } from '../backtest-run/run.ts';
import { runSimulation } from '../montecarlo-run/simulate.ts';
import type { BacktestRequest, BacktestResult, RunSummary, SimulateResult } from './run-schemas.ts';

let runs: RunsApi;

beforeAll(async () => {
  runs = await startRunsApi();
}, 60_000);

afterAll(async () => {
  await runs?.close();
});

const SITE_20MW = 'examples/site-20mw.yaml';
const BACKTEST = { kind: 'backtest', site: 'site-20mw', from: '2024-03-01', to: '2024-03-02' } as const;
/** Long enough (two years, both optimizers) to be cancelled while it runs. */
const LONG_BACKTEST = { ...BACKTEST, from: '2024-01-01', to: '2025-11-30' } as const;

async function start(body: unknown): Promise<RunSummary> {
  const reply = await runs.api.call('POST', '/api/v1/runs', { as: 'operator', body });
  expect(reply.status, reply.text).toBe(202);
  return reply.body;
}

async function until(runId: string, done: (run: RunSummary) => boolean, timeoutMs = 20_000) {
  const startedAtMs = Date.now();
  for (;;) {
    const run: RunSummary = (await runs.api.call('GET', `/api/v1/runs/${runId}`)).body;
    if (done(run)) return run;
    if (Date.now() - startedAtMs > timeoutMs) throw new Error(`run ${runId} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const finished = (run: RunSummary): boolean => !['queued', 'running'].includes(run.status);

const lastAudit = async () => (await runs.store.auditLog(SITE_ID, { limit: 1 }))[0];

describe('running a backtest and a simulation', () => {
  it('runs a two-day backtest to the same cent as runBacktest, per day and per strategy', async () => {
    const run = await start(BACKTEST);
    expect(run).toMatchObject({
      siteId: SITE_ID,
      kind: 'backtest',
      status: 'queued',
      progress: 0,
      createdBy: 'operator-token',
      startedAtMs: null,
      error: null,
      params: {
        ...BACKTEST,
        strategies: ['mining-only', 'ai-only', 'static-split', 'price-threshold', 'optimizer-forecast'],
      },
    });
    expect(await lastAudit()).toMatchObject({
      action: 'run.start',
      target: 'run backtest',
      tokenName: 'operator-token',
      result: 'ok',
      status: 202,
    });
    const done = await until(run.runId, finished);
    expect(done).toMatchObject({ status: 'done', progress: 1, error: null });

    const result: BacktestResult = (await runs.api.call('GET', `/api/v1/runs/${run.runId}/result`)).body;
    expect(run.params.kind).toBe('backtest');
    const { strategies } = run.params as BacktestRequest;
    const direct = await runBacktest({
      sitePath: SITE_20MW,
      fromMs: Date.UTC(2024, 2, 1),
      toMs: Date.UTC(2024, 2, 3),
      strategies,
    });
    expect(result.dayStartMs).toEqual([Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 2)]);
    expect(result.siteName).toBe('Hybrid 20 MW (ERCOT HB_HUBAVG)');
    expect(result.strategies.map((s) => s.name)).toEqual(direct.metrics.map((m) => m.name));
    for (const [i, strategy] of result.strategies.entries()) {
      const metrics = direct.metrics[i]!;
      let firstDayUsd = 0;
      for (let t = 0; t < 24; t++) firstDayUsd += profitUsdAt(direct.runs[i]!.ledger, t);
      expect(strategy.cumulativeProfitUsd).toHaveLength(2);
      expect(strategy.cumulativeProfitUsd[0]).toBeCloseTo(firstDayUsd, 2);
      expect(strategy.cumulativeProfitUsd[1]).toBeCloseTo(metrics.profitUsd, 2);
      expect(strategy.metrics.profitUsd).toBeCloseTo(metrics.profitUsd, 2);
      expect(strategy.metrics.revenueUsd.mining).toBeCloseTo(metrics.revenueUsd.mining, 2);
      expect(strategy.metrics.energyCostUsd).toBeCloseTo(metrics.energyCostUsd, 2);
      expect(strategy.metrics.usdPerFacilityMWh.mining).toBe(metrics.usdPerFacilityMWh.mining ?? null);
      expect(strategy.metrics.emissions.averageTonnes).toBeCloseTo(metrics.emissions.averageTonnes, 6);
    }
    // The mining-only strategy draws no AI energy: a figure it does not have is null, not NaN or 0.
    expect(result.strategies[0]!.metrics.usdPerFacilityMWh.ai).toBeNull();
  }, 30_000);

  it('runs a seeded 200-path simulation to the same NPV percentiles as runSimulation', async () => {
    const body = { kind: 'simulate', site: 'site-20mw', paths: 200, seed: 7, years: 3 } as const;
    const run = await start(body);
    expect(run.params).toEqual(body);
    await until(run.runId, finished, 30_000);
    const reply = await runs.api.call('GET', `/api/v1/runs/${run.runId}/result`);
    expect(reply.status, reply.text).toBe(200);
    const result: SimulateResult = reply.body;
    const direct = await runSimulation({ sitePath: SITE_20MW, years: 3, paths: 200, seed: 7, threads: 1 });
    expect(result).toMatchObject({ kind: 'simulate', years: 3, paths: 200, seed: 7 });
    expect(result.strategies.map((s) => [s.name, s.npvUsd])).toEqual(
      direct.summary.strategies.map((s) => [s.name, s.npvUsd]),
    );
    const hybrid = direct.summary.strategies.find((s) => s.name === 'hybrid')!;
    const fan = result.fan.byStrategy.find((s) => s.name === 'hybrid')!;
    expect(result.fan.yearEnds).toEqual([1, 2, 3]);
    expect(fan.p50).toEqual(hybrid.cumulativeFanUsd.slice(1).map((b) => b.p50));
    expect(result.strategies.find((s) => s.name === 'hybrid')?.probabilityHybridBeats).toBeNull();
    for (const histogram of result.npvHistogram) {
      expect(histogram.counts.reduce((sum, n) => sum + n, 0)).toBe(200);
      expect(histogram.binStartsUsd).toHaveLength(40);
    }
  }, 30_000);

  it('lists runs newest first, and serves one run by id', async () => {
    const list = await runs.api.call('GET', '/api/v1/runs?limit=2');
    expect(list.body.map((r: RunSummary) => r.kind)).toEqual(['simulate', 'backtest']);
    const one = await runs.api.call('GET', `/api/v1/runs/${list.body[1].runId}`);
    expect(one.body).toEqual(list.body[1]);
  });
});

describe('who may start and cancel runs', () => {
  it('refuses a viewer starting or cancelling a run (403, audited), but lets it read', async () => {
    const post = await runs.api.call('POST', '/api/v1/runs', { as: 'viewer', body: BACKTEST });
    expect(post.status).toBe(403);
    expect(await lastAudit()).toMatchObject({ action: 'run.start', tokenName: 'viewer-token', status: 403 });
    const [newest] = (await runs.api.call('GET', '/api/v1/runs')).body;
    const del = await runs.api.call('DELETE', `/api/v1/runs/${newest.runId}`, { as: 'viewer' });
    expect(del.status).toBe(403);
    expect(await lastAudit()).toMatchObject({ action: 'run.cancel', target: `run ${newest.runId}` });
  });

  it('cancels a running run for an operator (audited), and refuses a second cancel with 409', async () => {
    const run = await start(LONG_BACKTEST);
    await until(run.runId, (r) => r.progress > 0);
    const notDone = await runs.api.call('GET', `/api/v1/runs/${run.runId}/result`);
    expect(notDone.status).toBe(409);
    expect(notDone.body.error).toEqual({
      code: 'RUN_NOT_DONE',
      message: `run ${run.runId} is running; a result exists once its status is done`,
    });

    const cancelled = await runs.api.call('DELETE', `/api/v1/runs/${run.runId}`, { as: 'operator' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ runId: run.runId, status: 'cancelled', error: null });
    expect(await lastAudit()).toMatchObject({
      action: 'run.cancel',
      target: `run ${run.runId}`,
      result: 'ok',
      status: 200,
    });
    const again = await runs.api.call('DELETE', `/api/v1/runs/${run.runId}`, { as: 'operator' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('RUN_FINISHED');
    expect((await runs.api.call('GET', `/api/v1/runs/${run.runId}/result`)).body.error.message).toMatch(
      / is cancelled;/,
    );
  }, 30_000);

  it('answers 404 naming the id for a run that does not exist', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/runs/nope'],
      ['GET', '/api/v1/runs/nope/result'],
      ['DELETE', '/api/v1/runs/nope'],
    ] as const) {
      const reply = await runs.api.call(method, path, { as: 'operator' });
      expect(reply.status).toBe(404);
      expect(reply.body.error).toEqual({
        code: 'NOT_FOUND',
        message: 'there is no run nope; GET /api/v1/runs lists them',
      });
    }
  });
});

describe('requests refused before anything is queued', () => {
  const refusal = async (body: unknown) => {
    const before = (await runs.store.runs(SITE_ID)).length;
    const reply = await runs.api.call('POST', '/api/v1/runs', { as: 'operator', body });
    expect(reply.status, reply.text).toBe(400);
    expect((await runs.store.runs(SITE_ID)).length).toBe(before);
    return reply.body.error.issues as { field: string; problem: string; fix: string }[];
  };

  it.each([
    ['no kind', { site: 'site-20mw' }, 'body.kind', /backtest .* or simulate/],
    ['an unknown kind', { kind: 'forecast', site: 'site-20mw' }, 'body.kind', /backtest .* or simulate/],
    ['a missing date', { ...BACKTEST, to: undefined }, 'body.to', /YYYY-MM-DD/],
    ['an impossible date', { ...BACKTEST, from: '2024-02-30' }, 'body.from', /YYYY-MM-DD/],
    [
      'an unknown strategy',
      { ...BACKTEST, strategies: ['hodl'] },
      'body.strategies[0]',
      /optimizer-forecast/,
    ],
    ['too few paths', { kind: 'simulate', site: 'site-20mw', paths: 99 }, 'body.paths', /100 to 100000/],
    ['a fractional seed', { kind: 'simulate', site: 'site-20mw', seed: 1.5 }, 'body.seed', /0 to 4294967295/],
    ['a typo', { kind: 'simulate', site: 'site-20mw', path: 200 }, 'body', /README|format/],
  ])('%s', async (_what, body, field, fix) => {
    const issues = await refusal(body);
    expect(issues[0]).toMatchObject({ field, fix: expect.stringMatching(fix) });
  });

  it('an unknown site lists the example ids; a site without operations names those that have them', async () => {
    expect(await refusal({ ...BACKTEST, site: 'site-1gw' })).toEqual([
      {
        field: 'body.site',
        problem: 'is not an example site',
        fix: 'one of site-100mw, site-20mw, site (GET /api/v1/sites/examples)',
      },
    ]);
    expect((await refusal({ kind: 'simulate', site: 'site' }))[0]).toMatchObject({
      field: 'body.site',
      fix: 'one of site-100mw, site-20mw',
    });
  });

  it('a range backwards, or outside the shipped prices, in the words the CLI uses', async () => {
    expect((await refusal({ ...BACKTEST, to: '2024-02-29' }))[0]).toMatchObject({
      field: 'body.to',
      problem: 'must not be before from (2024-03-01)',
    });
    const [outside] = await refusal({ ...BACKTEST, from: '2012-01-01', to: '2012-01-02' });
    expect(outside).toMatchObject({ field: 'body.from' });
    expect(outside!.problem).toBe(
      'no shipped ERCOT prices at HB_HUBAVG cover 2012-01-01 .. 2012-01-02; real time: HB_HUBAVG 2024-01-01..2025-11-30, load zones 2023, every point in February 2019/2020/2021; day-ahead: every point 2019-01-01..2021-07-24',
    );
  });
});

describe('the OpenAPI document', () => {
  it('describes the run routes with their least role and the reply shapes', async () => {
    const doc = (await runs.api.call('GET', '/api/openapi.json', { as: null })).body;
    const post = doc.paths['/api/v1/runs'].post;
    expect(post['x-switchyard-role']).toBe('operator');
    expect(Object.keys(post.responses)).toContain('202');
    expect(doc.paths['/api/v1/runs/{runId}/result'].get.summary).toMatch(/RUN_NOT_DONE/);
  });
});
