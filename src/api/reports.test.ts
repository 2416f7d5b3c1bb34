/**
 * The CLI's reports over HTTP: each reply is the very object `switchyard <command> --json` prints for the same
 * inputs (the CLI run in-process, as a user would type it), its errors are the CLI's words, and not even the
 * first request (history not yet cached) holds the event loop for half a second.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.ts';
import { type RunsApi, startRunsApi } from '../../test/helpers/runs-api.ts';

let runs: RunsApi;

beforeAll(async () => {
  runs = await startRunsApi();
}, 60_000);

afterAll(async () => {
  await runs?.close();
});

const get = (path: string) => runs.api.call('GET', `/api/v1${path}`);

async function cliJson(...args: string[]): Promise<unknown> {
  const { code, out, err } = await runCli(...args, '--json');
  expect(code, err).toBe(0);
  return JSON.parse(out);
}

describe('reports', () => {
  it('never holds the event loop for 0.5 s, even while the history is read the first time', async () => {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    for (const path of ['/reports/invest?site=site', '/reports/compare?site=site-20mw', '/reports/energy']) {
      expect((await get(path)).status).toBe(200);
    }
    delay.disable();
    expect(delay.max / 1e6).toBeLessThan(500);
  });

  it('lists the example sites by id', async () => {
    expect((await get('/sites/examples')).body).toEqual([
      {
        id: 'site-100mw',
        name: 'Hybrid 100 MW with a resellable PPA (ERCOT HB_HUBAVG)',
        file: 'examples/site-100mw.yaml',
      },
      { id: 'site-20mw', name: 'Hybrid 20 MW (ERCOT HB_HUBAVG)', file: 'examples/site-20mw.yaml' },
      { id: 'site', name: 'Example 20 MW hybrid site (ERCOT)', file: 'examples/site.yaml' },
    ]);
  });

  it.each([
    [
      'compare, one day, an example site',
      '/reports/compare?date=2024-11-12&site=site',
      ['compare', '--date', '2024-11-12', '--site', 'examples/site.yaml'],
    ],
    ['compare, latest, the default site', '/reports/compare', ['compare']],
    [
      'compare, latest named',
      '/reports/compare?date=latest&site=site-20mw',
      ['compare', '--site', 'examples/site-20mw.yaml'],
    ],
    [
      'energy at a price and region',
      '/reports/energy?date=2024-11-12&electricityPriceUsdPerMWh=60&region=US',
      ['energy', '--date', '2024-11-12', '--electricity-price', '60', '--region', 'US'],
    ],
    ['energy, defaults', '/reports/energy', ['energy']],
    [
      'invest',
      '/reports/invest?site=site&date=2024-11-12',
      ['invest', '--site', 'examples/site.yaml', '--date', '2024-11-12'],
    ],
  ])('%s: the object the CLI prints', async (_what, path, args) => {
    const reply = await get(path);
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual(await cliJson(...args));
  });

  it('refuses what the CLI refuses, in its words', async () => {
    const before = await get('/reports/compare?date=2001-01-01');
    expect(before.status).toBe(404);
    expect(before.body.error).toEqual({
      code: 'NOT_FOUND',
      message:
        '2001-01-01 is outside the shipped daily history (2009-01-03 .. 2026-01-31); pick a date in that range',
    });
    const region = await get('/reports/energy?region=Atlantis');
    expect(region.status).toBe(404);
    expect(region.body.error.message).toMatch(
      /^no carbon intensity for region "Atlantis"; regions available: AE,/,
    );
    const noInvest = await get('/reports/invest?site=site-20mw');
    expect(noInvest.status).toBe(400);
    expect(noInvest.body.error).toMatchObject({
      code: 'CONFIG',
      issues: [
        {
          field: 'invest',
          problem: 'is missing',
          fix: 'add invest: { convertItMW: 10 } (see examples/site.yaml)',
        },
      ],
    });
  });

  it('names the query parameter and the fix for a bad one', async () => {
    const cases: [string, string, RegExp][] = [
      ['/reports/compare?date=2024-02-30', 'query.date', /YYYY-MM-DD.*or latest/],
      ['/reports/compare?site=site-1gw', 'query.site', /^one of site-100mw, site-20mw, site/],
      ['/reports/invest', 'query.site', /example site/],
      ['/reports/energy?electricityPriceUsdPerMWh=free', 'query.electricityPriceUsdPerMWh', /USD\/MWh > 0/],
    ];
    for (const [path, field, fix] of cases) {
      const reply = await get(path);
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({ field, fix: expect.stringMatching(fix) });
    }
  });

  it('documents each report in the OpenAPI document with a summary, for viewers', async () => {
    const doc = (await runs.api.call('GET', '/api/openapi.json', { as: null })).body;
    for (const path of ['/api/v1/reports/compare', '/api/v1/reports/energy', '/api/v1/reports/invest']) {
      expect(doc.paths[path].get).toMatchObject({
        summary: expect.any(String),
        'x-switchyard-role': 'viewer',
      });
    }
  });
});
