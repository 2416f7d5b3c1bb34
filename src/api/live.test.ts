/**
 * What the dashboard reads, over real HTTP: the live stream (server-sent events), the power split and the
 * economics over a window, who the token is, and the dashboard's own files.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, SITE_ID, seedApiSite, startApi } from '../../test/helpers/api-server.ts';
import { openStore, type SqlStore } from '../store/index.ts';
import { createApiToken } from './auth.ts';
import { EventHub } from './stream.ts';

const T_MS = Date.UTC(2026, 0, 5, 10, 0, 0);
let store: SqlStore;
let api: RunningApi;
const hub = new EventHub();
const webDir = mkdtempSync(join(tmpdir(), 'switchyard-web-'));

beforeAll(async () => {
  store = await openStore();
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Switchyard</title>');
  writeFileSync(join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(webDir, 'secret.txt'), 'not for the web');
  api = await startApi(store, await seedApiSite(store), { hub, webDir });
  const decision = (n: number) => ({
    siteId: SITE_ID,
    cycleId: n,
    atMs: T_MS + n * 20_000,
    miningTargetW: 3_500,
    miningMeasuredW: 3_400,
    bindingPolicy: 'plan',
    commandCount: 0,
    details: {},
    cycleMs: 10,
    split: {
      aiMeasuredW: 9_000 + n,
      curtailedW: 0,
      idleW: 0,
      unknownW: 0,
      meteredImportW: 16_000,
      expectedImportW: 15_900,
      limitW: 20_000,
      priceUsdPerMWh: 50,
      historicalMs: null,
    },
  });
  for (const n of [0, 1, 2, 3, 4, 5]) await store.recordDecision(decision(n));
  await store.recordRevenueAccrual(
    [1, 2].map((n) => ({
      siteId: SITE_ID,
      atMs: T_MS + n * 20_000,
      durationS: 20,
      miningEnergyMWh: 0.5,
      miningRevenueUsd: 30,
      energyCostUsd: 26.25,
      aiEnergyMWh: 0.25,
      aiRevenueUsd: 400,
      aiEnergyCostUsd: 16.25,
      facilityEnergyMWh: 1,
      facilityEnergyCostUsd: 50,
      curtailedEnergyMWh: 0,
      priceUsdPerMWh: 50,
      co2Kg: 363,
    })),
  );
}, 60_000);

afterAll(async () => {
  await api?.close();
  await store?.close();
});

describe('GET /power and /economics', () => {
  it('bucket the window and say what they cover', async () => {
    const power = await api.call('GET', `/api/v1/power?fromMs=${T_MS}&toMs=${T_MS + 120_000}&stepS=60`);
    expect(power.status).toBe(200);
    expect(power.body.stepS).toBe(60);
    // Cycles 0–2 in the first minute, 3–5 in the second.
    expect(power.body.points.map((p: { atMs: number; aiW: number }) => [p.atMs, p.aiW])).toEqual([
      [T_MS, 9_001],
      [T_MS + 60_000, 9_004],
    ]);
    const economics = await api.call(
      'GET',
      `/api/v1/economics?fromMs=${T_MS}&toMs=${T_MS + 120_000}&stepS=60`,
    );
    expect(economics.status).toBe(200);
    expect(economics.body.now).toBeNull();
    expect(economics.body.series).toHaveLength(1);
    expect(economics.body.series[0]).toMatchObject({ miningUsdPerMWh: 60, aiUsdPerMWh: 1_600 });
    expect(economics.body.totals).toMatchObject({
      miningRevenueUsd: 60,
      aiRevenueUsd: 800,
      miningEnergyCostUsd: 52.5,
      aiEnergyCostUsd: 32.5,
      facilityEnergyCostUsd: 100,
      miningMarginUsd: 7.5,
      aiMarginUsd: 767.5,
      // All revenue (860) less the site's bill (100).
      siteMarginUsd: 760,
      unpricedEnergyMWh: 0,
      co2Kg: 726,
    });
  });

  it('name the field and the fix for a reversed window or too many points', async () => {
    const reversed = await api.call('GET', `/api/v1/power?fromMs=${T_MS}&toMs=${T_MS - 1}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.issues[0]).toMatchObject({ field: 'query.toMs' });
    const dense = await api.call('GET', `/api/v1/economics?fromMs=0&toMs=${T_MS}&stepS=60`);
    expect(dense.status).toBe(400);
    expect(dense.body.error.issues[0].field).toBe('query.stepS');
    expect(dense.body.error.issues[0].fix).toMatch(/use stepS ≥ \d+/);
  });
});

describe('GET /whoami', () => {
  it('names the token and its role', async () => {
    const reply = await api.call('GET', '/api/v1/whoami', { as: 'operator' });
    expect(reply.body).toEqual({ siteId: SITE_ID, name: 'operator-token', role: 'operator' });
  });
});

/** Reads SSE frames from a stream until `count` have come, or the deadline. */
async function readEvents(response: Response, count: number): Promise<EventSourceMessage[]> {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (e) => void events.push(e) });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const deadline = Date.now() + 5_000;
  while (events.length < count && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
  }
  await reader.cancel();
  return events;
}

describe('GET /stream', () => {
  it('needs a token', async () => {
    const reply = await fetch(`${api.url}/api/v1/stream`);
    expect(reply.status).toBe(401);
  });

  it('sends the latest status at once, then what is published, and lets go of a closed client', async () => {
    hub.publish('status', { cycleId: 7 });
    const response = await fetch(`${api.url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${api.tokens.viewer}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reading = readEvents(response, 3);
    await new Promise((resolve) => setTimeout(resolve, 100));
    hub.publish('alert', { alertId: 1, message: 'a\nb' });
    hub.publish('run', { runId: 'r1', progress: 0.5 });
    const events = await reading;
    expect(events.map((e) => [e.event, JSON.parse(e.data)])).toEqual([
      ['status', { cycleId: 7 }],
      ['alert', { alertId: 1, message: 'a\nb' }],
      ['run', { runId: 'r1', progress: 0.5 }],
    ]);
    const deadline = Date.now() + 2_000;
    while (hub.subscribers > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(hub.subscribers).toBe(0);
  });
});

describe('a stream of a revoked token', () => {
  it('ends when the token is revoked through the API', async () => {
    const { token, row } = await createApiToken(store, 'short-lived-stream', 'viewer');
    const response = await fetch(`${api.url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const ended = (async () => {
      const reader = response.body!.getReader();
      for (;;) if ((await reader.read()).done) return true;
    })();
    expect((await api.call('DELETE', `/api/v1/tokens/${row.tokenId}`, { as: 'admin' })).status).toBe(200);
    expect(
      await Promise.race([ended, new Promise((resolve) => setTimeout(() => resolve(false), 2_000))]),
    ).toBe(true);
  });

  it('is refused past 16 open streams for one token', async () => {
    const { token } = await createApiToken(store, 'many-tabs', 'viewer');
    const open = await Promise.all(
      Array.from({ length: 16 }, () =>
        fetch(`${api.url}/api/v1/stream`, { headers: { authorization: `Bearer ${token}` } }),
      ),
    );
    expect(open.map((r) => r.status)).toEqual(Array(16).fill(200));
    const refused = await fetch(`${api.url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
      /16 open streams/,
    );
    await Promise.all(open.map((r) => r.body!.cancel()));
  });
});

describe('closing the server', () => {
  it('ends the open streams instead of waiting for their clients', async () => {
    const second = await startApi(store, api.tokens);
    const response = await fetch(`${second.url}/api/v1/stream`, {
      headers: { authorization: `Bearer ${api.tokens.viewer}` },
    });
    expect(response.status).toBe(200);
    const started = performance.now();
    await second.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    // The client sees its stream end rather than hang.
    const reader = response.body!.getReader();
    for (;;) if ((await reader.read()).done) break;
  });
});

describe('the dashboard files', () => {
  it('serves the shell uncached and hashed assets for a year, without a token', async () => {
    const shell = await fetch(`${api.url}/`);
    expect(shell.status).toBe(200);
    expect(shell.headers.get('cache-control')).toBe('no-cache');
    expect(await shell.text()).toContain('<title>Switchyard</title>');
    const asset = await fetch(`${api.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('serves nothing outside the assets folder', async () => {
    for (const path of ['/assets/..%2Fsecret.txt', '/assets/%2e%2e/secret.txt', '/secret.txt']) {
      const reply = await fetch(`${api.url}${path}`);
      expect(reply.status, path).toBeGreaterThanOrEqual(400);
      expect(await reply.text()).not.toContain('not for the web');
    }
  });
});
