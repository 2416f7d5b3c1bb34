/**
 * Who may call what, over real HTTP: every route for no token and each role (allowed or 403), the token
 * checks, the public probes, and the OpenAPI document listing every route with its least role.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, SITE_ID, seedApiSite, startApi } from '../../test/helpers/api-server.ts';
import { cycleReport } from '../../test/helpers/cycle-report.ts';
import { parsePrometheus } from '../../test/helpers/prometheus.ts';
import { RunExecutor } from '../runs/executor.ts';
import { openStore, type SqlStore } from '../store/index.ts';
import { createApiToken } from './auth.ts';
import { buildApiServer } from './server.ts';
import { siteStatusFrom } from './status.ts';

let store: SqlStore;
let api: RunningApi;
let executor: RunExecutor;
let alertId: number;

beforeAll(async () => {
  store = await openStore();
  executor = await RunExecutor.start({ store, siteId: SITE_ID, log: pino({ level: 'silent' }) });
  api = await startApi(store, await seedApiSite(store), { runs: executor });
  alertId = (
    await store.raiseAlert({
      siteId: SITE_ID,
      machineId: 'm0',
      atMs: Date.now(),
      severity: 'warning',
      code: 'command-unconfirmed',
      message: 'sleep not confirmed',
    })
  ).alertId;
}, 60_000);

afterAll(async () => {
  await api?.close();
  await executor?.close();
  await store?.close();
});

/** A Monte-Carlo run small enough to finish in a second or two. */
const SMALL_RUN = { kind: 'simulate', site: 'site-20mw', years: 1, paths: 100, seed: 1 };
/** A year of the 100 MW example through every strategy: long enough to cancel while it runs. */
const LONG_RUN = { kind: 'backtest', site: 'site-100mw', from: '2024-01-01', to: '2024-12-31' };
const startRun = async (body: unknown): Promise<string> =>
  (await api.call('POST', '/api/v1/runs', { as: 'operator', body })).body.runId;
let finished: Promise<string> | undefined;
/** One run that has finished, for the routes that read one. */
const finishedRun = (): Promise<string> =>
  (finished ??= (async () => {
    const runId = await startRun(SMALL_RUN);
    const deadline = Date.now() + 60_000;
    while ((await api.call('GET', `/api/v1/runs/${runId}`)).body.status !== 'done') {
      if (Date.now() > deadline) throw new Error(`run ${runId} did not finish`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return runId;
  })());

const ROLES = ['viewer', 'operator', 'admin'] as const;
type Role = (typeof ROLES)[number];

interface RouteCase {
  readonly method: string;
  /** OpenAPI path template, and the path to call (ids filled in at call time). */
  readonly template: string;
  readonly path: () => Promise<string> | string;
  readonly least: Role;
  readonly body?: unknown;
}

const ROUTES: readonly RouteCase[] = [
  { method: 'GET', template: '/api/v1/status', path: () => '/api/v1/status', least: 'viewer' },
  { method: 'GET', template: '/api/v1/machines', path: () => '/api/v1/machines', least: 'viewer' },
  { method: 'GET', template: '/api/v1/alerts', path: () => '/api/v1/alerts?open=true', least: 'viewer' },
  {
    method: 'POST',
    template: '/api/v1/alerts/{alertId}/acknowledge',
    path: () => `/api/v1/alerts/${alertId}/acknowledge`,
    least: 'operator',
  },
  { method: 'GET', template: '/api/v1/decisions', path: () => '/api/v1/decisions', least: 'viewer' },
  { method: 'GET', template: '/api/v1/plans/latest', path: () => '/api/v1/plans/latest', least: 'viewer' },
  { method: 'GET', template: '/api/v1/telemetry', path: () => '/api/v1/telemetry', least: 'viewer' },
  { method: 'GET', template: '/api/v1/revenue', path: () => '/api/v1/revenue', least: 'viewer' },
  { method: 'GET', template: '/api/v1/operator', path: () => '/api/v1/operator', least: 'viewer' },
  {
    method: 'PUT',
    template: '/api/v1/operator/mode',
    path: () => '/api/v1/operator/mode',
    least: 'operator',
    body: { mode: 'auto' },
  },
  {
    method: 'PUT',
    template: '/api/v1/operator/fleets/{fleet}/override',
    path: () => '/api/v1/operator/fleets/mining/override',
    least: 'operator',
    body: { powerW: 1_000 },
  },
  {
    method: 'DELETE',
    template: '/api/v1/operator/fleets/{fleet}/override',
    path: () => '/api/v1/operator/fleets/mining/override',
    least: 'operator',
  },
  { method: 'GET', template: '/api/v1/tokens', path: () => '/api/v1/tokens', least: 'admin' },
  {
    method: 'POST',
    template: '/api/v1/tokens',
    path: () => '/api/v1/tokens',
    least: 'admin',
    body: { name: 'made-in-test', role: 'viewer' },
  },
  {
    method: 'DELETE',
    template: '/api/v1/tokens/{tokenId}',
    path: async () => `/api/v1/tokens/${(await createApiToken(store, 'to-revoke', 'viewer')).row.tokenId}`,
    least: 'admin',
  },
  { method: 'GET', template: '/api/v1/audit', path: () => '/api/v1/audit', least: 'admin' },
  { method: 'GET', template: '/api/v1/whoami', path: () => '/api/v1/whoami', least: 'viewer' },
  { method: 'GET', template: '/api/v1/runs', path: () => '/api/v1/runs', least: 'viewer' },
  {
    method: 'POST',
    template: '/api/v1/runs',
    path: () => '/api/v1/runs',
    least: 'operator',
    body: SMALL_RUN,
  },
  {
    method: 'GET',
    template: '/api/v1/runs/{runId}',
    path: async () => `/api/v1/runs/${await finishedRun()}`,
    least: 'viewer',
  },
  {
    method: 'GET',
    template: '/api/v1/runs/{runId}/result',
    path: async () => `/api/v1/runs/${await finishedRun()}/result`,
    least: 'viewer',
  },
  {
    method: 'DELETE',
    template: '/api/v1/runs/{runId}',
    path: async () => `/api/v1/runs/${await startRun(LONG_RUN)}`,
    least: 'operator',
  },
  { method: 'GET', template: '/api/v1/power', path: () => '/api/v1/power', least: 'viewer' },
  { method: 'GET', template: '/api/v1/economics', path: () => '/api/v1/economics', least: 'viewer' },
  {
    method: 'GET',
    template: '/api/v1/sites/examples',
    path: () => '/api/v1/sites/examples',
    least: 'viewer',
  },
  {
    method: 'GET',
    template: '/api/v1/reports/compare',
    path: () => '/api/v1/reports/compare?date=2024-11-12',
    least: 'viewer',
  },
  {
    method: 'GET',
    template: '/api/v1/reports/energy',
    path: () => '/api/v1/reports/energy?date=2024-11-12',
    least: 'viewer',
  },
  {
    method: 'GET',
    template: '/api/v1/reports/invest',
    path: () => '/api/v1/reports/invest?site=site',
    least: 'viewer',
  },
  { method: 'GET', template: '/metrics', path: () => '/metrics', least: 'viewer' },
];

const allowed = (role: Role, least: Role): boolean => ROLES.indexOf(role) >= ROLES.indexOf(least);

describe.each(ROUTES)('$method $template (least: $least)', (route) => {
  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const reply = await api.call(route.method, await route.path(), { as: null, body: route.body });
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe('Bearer realm="switchyard"');
    expect(reply.body.error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'no token: send the header Authorization: Bearer <token>',
    });
  });

  it.each(ROLES)('as %s', async (role) => {
    const reply = await api.call(route.method, await route.path(), { as: role, body: route.body });
    if (allowed(role, route.least)) {
      expect(reply.status, reply.text).toBeGreaterThanOrEqual(200);
      expect(reply.status, reply.text).toBeLessThan(300);
    } else {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('FORBIDDEN');
      expect(reply.body.error.message).toContain(
        `needs the ${route.least} role; token ${role}-token is ${role}`,
      );
    }
  });
});

describe('tokens', () => {
  it('refuses a malformed header, an unknown token and a revoked one alike', async () => {
    const { token, row } = await createApiToken(store, 'short-lived', 'admin');
    expect(
      (await api.call('GET', '/api/v1/audit', { as: { authorization: `Bearer ${token}` } })).status,
    ).toBe(200);
    // Revoked through the API: the server forgets its cached tokens at once.
    expect((await api.call('DELETE', `/api/v1/tokens/${row.tokenId}`, { as: 'admin' })).status).toBe(200);
    const unknown = `sy_${'A'.repeat(43)}`;
    for (const authorization of [`Bearer ${token}`, `Bearer ${unknown}`]) {
      const reply = await api.call('GET', '/api/v1/status', { as: { authorization } });
      expect(reply.status).toBe(401);
      expect(reply.body.error.message).toBe('unknown or revoked token; ask an admin for a new one');
    }
    for (const authorization of [`Basic ${token}`, `Bearer ${token}x`, token, 'Bearer']) {
      const reply = await api.call('GET', '/api/v1/status', { as: { authorization } });
      expect(reply.status).toBe(401);
      expect(reply.body.error.message).toMatch(/^malformed Authorization header/);
    }
  });

  it('checks the role before the body: a viewer learns nothing from validation', async () => {
    const reply = await api.call('PUT', '/api/v1/operator/mode', {
      as: 'viewer',
      body: { mode: 'nonsense' },
    });
    expect(reply.status).toBe(403);
  });
});

describe('routes without a declared role', () => {
  it('fail at registration instead of being open', async () => {
    const app = await buildApiServer({
      store,
      siteId: SITE_ID,
      status: () => undefined,
      actions: { check() {}, apply() {} },
      log: pino({ level: 'silent' }),
    });
    try {
      expect(() => app.get('/forgotten', async () => 'open')).toThrow(
        'route GET /forgotten has no config.access: name its least role',
      );
    } finally {
      await app.close();
    }
  });
});

describe('public routes', () => {
  it('answers the probes and the OpenAPI document without a token', async () => {
    expect((await api.call('GET', '/healthz', { as: null })).body).toEqual({ ok: true });
    expect((await api.call('GET', '/readyz', { as: null })).body).toEqual({
      ready: true,
      lastCycleAtMs: null,
    });
    expect((await api.call('GET', '/api/openapi.json', { as: null })).status).toBe(200);
  });

  it('answers an unknown route with a 404 in the error shape', async () => {
    const reply = await api.call('GET', '/api/v1/nope?x=1', { as: null });
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /api/v1/nope; see /api/openapi.json' },
    });
  });
});

describe('OpenAPI document', () => {
  it('lists every route with its least role, public ones without security', async () => {
    const doc = (await api.call('GET', '/api/openapi.json', { as: null })).body;
    expect(doc.openapi).toBe('3.0.3');
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
    const guarded = operations.filter((o) => o.op['x-switchyard-role'] !== undefined);
    // The live stream is checked in live.test.ts: its reply never ends, so the generic cases cannot read it.
    const stream = 'GET /api/v1/stream viewer';
    expect(guarded.map((o) => `${o.method} ${o.path} ${o.op['x-switchyard-role']}`).sort()).toEqual(
      [...ROUTES.map((r) => `${r.method} ${r.template} ${r.least}`), stream].sort(),
    );
    const open = operations.filter((o) => o.op['x-switchyard-role'] === undefined);
    expect(open.map((o) => [o.method, o.path, o.op.security])).toEqual([
      ['GET', '/healthz', []],
      ['GET', '/readyz', []],
    ]);
    expect(doc.components.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' } });
    // Each field's fix travels as an extension OpenAPI 3.0 allows, never as a bare `fix` keyword (the error
    // schema's property named fix is a schema, not a string).
    const text = JSON.stringify(doc);
    expect(text).toContain('"x-fix":"auto (follow the plan) or manual (hold; overrides only)"');
    expect(text).not.toMatch(/"fix":"/);
  });
});

describe('/metrics', () => {
  it('parses as Prometheus text and shows the live status and the requests answered', async () => {
    api.status = {
      ...siteStatusFrom(
        cycleReport({
          atMs: 1_784_145_600_000,
          counts: { running: 2, curtailed: 0, off: 0, unknown: 0 },
          measuredAiW: 9_800,
        }),
        { siteId: SITE_ID, grid: { importLimitW: 20_000 } },
      ),
    };
    try {
      await api.call('GET', '/api/v1/status', { as: null });
      const reply = await api.call('GET', '/metrics');
      expect(reply.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const { samples } = parsePrometheus(reply.text);
      const find = (name: string, labels: Record<string, string>) =>
        samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
          ?.value;
      expect(find('switchyard_site_power_watts', { workload: 'ai' })).toBe(9_800);
      expect(find('switchyard_machines', { state: 'running' })).toBe(2);
      expect(
        find('switchyard_http_requests_total', { route: '/api/v1/status', status: '401' }),
      ).toBeGreaterThan(0);
      expect(
        find('switchyard_http_requests_total', {
          route: '/api/v1/alerts/:alertId/acknowledge',
          status: '204',
        }),
      ).toBeGreaterThan(0);
      expect(find('switchyard_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThan(
        0,
      );
      expect((await api.call('GET', '/readyz', { as: null })).body.lastCycleAtMs).toBe(1_784_145_600_000);
    } finally {
      api.status = undefined;
    }
  });
});
