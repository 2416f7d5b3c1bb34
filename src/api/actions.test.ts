/**
 * Operator and admin actions over real HTTP: what reaches the controller and the store, the audit row every
 * action leaves (with its result), validation errors that name the field and the fix, the rate limit, and a
 * log that never holds a token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, SITE_ID, seedApiSite, startApi } from '../../test/helpers/api-server.ts';
import { ValidationError } from '../errors.ts';
import { openStore, type SqlStore } from '../store/index.ts';

let store: SqlStore;
let api: RunningApi;

beforeAll(async () => {
  store = await openStore();
  api = await startApi(store, await seedApiSite(store));
}, 60_000);

afterAll(async () => {
  await api?.close();
  await store?.close();
});

const lastAudit = async () => (await store.auditLog(SITE_ID, { limit: 1 }))[0];

describe('operator actions', () => {
  it('sets the mode: the controller hears it, the store keeps it, the audit names who and what', async () => {
    const before = api.calls.length;
    const reply = await api.call('PUT', '/api/v1/operator/mode', {
      as: 'operator',
      body: { mode: 'manual' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ siteId: SITE_ID, mode: 'manual', updatedBy: 'operator-token' });
    // Checked with the controller first, then the stored row handed to it whole.
    expect(api.calls.slice(before)).toEqual([
      { action: 'check', change: { mode: 'manual' }, by: 'operator-token' },
      { action: 'apply', state: await store.operatorState(SITE_ID) },
    ]);
    expect((await api.call('GET', '/api/v1/status')).body.operator.mode).toBe('manual');
    expect(await lastAudit()).toMatchObject({
      tokenName: 'operator-token',
      role: 'operator',
      action: 'operator.set-mode',
      target: `site ${SITE_ID}`,
      requestBody: { mode: 'manual' },
      result: 'ok',
      status: 200,
    });
  });

  it('overrides a fleet until a time, then hands it back to the plan', async () => {
    const untilMs = Date.now() + 3_600_000;
    const set = await api.call('PUT', '/api/v1/operator/fleets/ai/override', {
      as: 'admin',
      body: { powerW: 250_000, untilMs },
    });
    expect(set.body.fleetOverrides).toEqual({ ai: { powerW: 250_000, untilMs } });
    expect(api.calls.at(-2)).toEqual({
      action: 'check',
      change: { fleet: { fleet: 'ai', override: { powerW: 250_000, untilMs } } },
      by: 'admin-token',
    });
    expect(api.calls.at(-1)).toMatchObject({
      action: 'apply',
      state: { fleetOverrides: { ai: { powerW: 250_000, untilMs } }, updatedBy: 'admin-token' },
    });
    expect(await lastAudit()).toMatchObject({
      action: 'operator.override-power',
      target: 'fleet ai',
      status: 200,
    });

    const cleared = await api.call('DELETE', '/api/v1/operator/fleets/ai/override', { as: 'operator' });
    expect(cleared.body.fleetOverrides).toEqual({});
    expect(api.calls.at(-2)).toEqual({
      action: 'check',
      change: { fleet: { fleet: 'ai', override: null } },
      by: 'operator-token',
    });
    expect(api.calls.at(-1)).toMatchObject({ action: 'apply', state: { fleetOverrides: {} } });
    expect(await lastAudit()).toMatchObject({
      action: 'operator.clear-override',
      requestBody: null,
      result: 'ok',
    });
  });

  it('stores nothing when the controller refuses, and audits the refusal in its words', async () => {
    const calls = api.calls.length;
    api.refusal = new ValidationError([
      { field: 'body.powerW', problem: 'exceeds the mining fleet rated 3500 W', fix: 'give at most 3500' },
    ]);
    try {
      const reply = await api.call('PUT', '/api/v1/operator/fleets/mining/override', {
        as: 'operator',
        body: { powerW: 9e9 },
      });
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues).toEqual([
        { field: 'body.powerW', problem: 'exceeds the mining fleet rated 3500 W', fix: 'give at most 3500' },
      ]);
      expect((await store.operatorState(SITE_ID))?.fleetOverrides.mining).toBeUndefined();
      // Nothing was handed to the controller either.
      expect(api.calls.length).toBe(calls);
      expect((await lastAudit())?.result).toMatch(/^VALIDATION: invalid input:\n {2}body\.powerW: exceeds/);
    } finally {
      api.refusal = undefined;
    }
  });

  it('answers a controller failure with 500, keeping the details in the log and out of the reply', async () => {
    api.refusal = new Error('controller exploded at /internal/path');
    try {
      const reply = await api.call('PUT', '/api/v1/operator/mode', {
        as: 'operator',
        body: { mode: 'auto' },
      });
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({
        error: { code: 'INTERNAL', message: 'internal error; see the server log' },
      });
      expect(api.logs.some((l) => l.includes('controller exploded'))).toBe(true);
      expect(await lastAudit()).toMatchObject({
        result: 'INTERNAL: internal error; see the server log',
        status: 500,
      });
    } finally {
      api.refusal = undefined;
    }
  });

  it('applies concurrent changes in the order the store took them, so the controller runs what is stored', async () => {
    const replies = await Promise.all(
      [1_000, 2_000, 3_000, 4_000, 5_000].map((powerW) =>
        api.call('PUT', '/api/v1/operator/fleets/mining/override', { as: 'operator', body: { powerW } }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const applied = api.calls.filter((c) => c.action === 'apply').at(-1);
    expect(applied).toEqual({ action: 'apply', state: await store.operatorState(SITE_ID) });
    expect((await api.call('GET', '/api/v1/operator')).body).toEqual(await store.operatorState(SITE_ID));
  });

  it('shows an override past its untilMs as lapsed, as the controller treats it', async () => {
    const untilMs = Date.now() + 300;
    await api.call('PUT', '/api/v1/operator/fleets/ai/override', {
      as: 'operator',
      body: { powerW: 1, untilMs },
    });
    expect((await api.call('GET', '/api/v1/operator')).body.fleetOverrides.ai).toEqual({
      powerW: 1,
      untilMs,
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await api.call('GET', '/api/v1/operator')).body.fleetOverrides.ai).toBeUndefined();
    expect((await api.call('GET', '/api/v1/status')).body.operator.fleetOverrides.ai).toBeUndefined();
  });

  it('acknowledges an alert once under the token name; an unknown alert is a 404, audited', async () => {
    const alert = await store.raiseAlert({
      siteId: SITE_ID,
      machineId: null,
      atMs: Date.now(),
      severity: 'critical',
      code: 'plan-lost',
      message: 'no plan covers now',
    });
    const reply = await api.call('POST', `/api/v1/alerts/${alert.alertId}/acknowledge`, { as: 'operator' });
    expect(reply.status).toBe(204);
    const open = await api.call('GET', '/api/v1/alerts?open=true');
    expect(open.body.map((a: { alertId: number }) => a.alertId)).not.toContain(alert.alertId);
    const [stored] = await store.alerts(SITE_ID, { limit: 1 });
    expect(stored?.acknowledgedBy).toBe('operator-token');

    const missing = await api.call('POST', '/api/v1/alerts/999999/acknowledge', { as: 'operator' });
    expect(missing.status).toBe(404);
    expect(await lastAudit()).toMatchObject({
      target: 'alert 999999',
      status: 404,
      result: expect.stringMatching(/^NOT_FOUND/),
    });
  });

  it('audits a refused role (who tried what), but not a request without a token', async () => {
    const before = (await store.auditLog(SITE_ID)).length;
    await api.call('PUT', '/api/v1/operator/mode', { as: 'viewer', body: { mode: 'manual' } });
    await api.call('PUT', '/api/v1/operator/mode', { as: null, body: { mode: 'manual' } });
    const rows = await store.auditLog(SITE_ID);
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({
      tokenName: 'viewer-token',
      role: 'viewer',
      action: 'operator.set-mode',
      status: 403,
      result: expect.stringMatching(/^FORBIDDEN: PUT \/api\/v1\/operator\/mode needs the operator role/),
    });
  });
});

describe('validation errors name the field and the fix', () => {
  const issuesOf = async (
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string } = {},
  ) => {
    const reply = await api.call(method, path, { as: 'admin', ...options });
    expect(reply.status, reply.text).toBe(400);
    expect(reply.body.error.code).toBe(
      reply.body.error.issues[0].field === 'body' ? 'BAD_REQUEST' : 'VALIDATION',
    );
    return reply.body.error.issues;
  };

  it.each([
    ['a negative power', { powerW: -5 }, 'body.powerW', /≥ 0 \(0 curtails it\)/],
    ['a power as text', { powerW: '5 MW' }, 'body.powerW', /IT power the whole fleet may draw, W/],
    ['no power at all', {}, 'body.powerW', /IT power/],
    ['a fractional time', { powerW: 5, untilMs: 1.5 }, 'body.untilMs', /epoch ms in the future/],
  ])('an override with %s', async (_what, body, field, fix) => {
    const issues = await issuesOf('PUT', '/api/v1/operator/fleets/mining/override', { body });
    expect(issues).toEqual([{ field, problem: expect.any(String), fix: expect.stringMatching(fix) }]);
  });

  it('an override that lapses in the past, an unknown fleet, and every bad field at once', async () => {
    expect(
      await issuesOf('PUT', '/api/v1/operator/fleets/mining/override', { body: { powerW: 5, untilMs: 1 } }),
    ).toEqual([
      {
        field: 'body.untilMs',
        problem: expect.stringMatching(/^must be in the future/),
        fix: expect.any(String),
      },
    ]);
    expect(
      (await issuesOf('PUT', '/api/v1/operator/fleets/solar/override', { body: { powerW: 5 } }))[0].field,
    ).toBe('path.fleet');
    const both = await issuesOf('POST', '/api/v1/tokens', { body: { name: '', role: 'root' } });
    expect(both.map((i: { field: string }) => i.field)).toEqual(['body.name', 'body.role']);
    expect(both[1].fix).toBe('viewer (read), operator (read and act) or admin');
  });

  it('a body that is not JSON, and query parameters out of range', async () => {
    const [notJson] = await issuesOf('PUT', '/api/v1/operator/mode', { rawBody: '{"mode":' });
    expect(notJson).toMatchObject({ field: 'body', fix: expect.stringMatching(/^send a JSON object/) });
    const [limit] = await issuesOf('GET', '/api/v1/decisions?limit=5000');
    expect(limit).toEqual({
      field: 'query.limit',
      problem: expect.stringMatching(/<=1000/),
      fix: 'a whole number of rows from 1 to 1000 (default 100)',
    });
    const [window] = await issuesOf('GET', '/api/v1/telemetry?fromMs=2000&toMs=1000');
    expect(window).toMatchObject({ field: 'query.toMs', problem: 'must be after fromMs (2000)' });
  });
});

describe('tokens (admin)', () => {
  it('shows a new token once, lists it without secrets, and stops it working when revoked', async () => {
    const made = await api.call('POST', '/api/v1/tokens', {
      as: 'admin',
      body: { name: 'grafana', role: 'viewer' },
    });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const { token, tokenId } = made.body;
    expect(token).toMatch(/^sy_[A-Za-z0-9_-]{43}$/);
    const viaNew = await api.call('GET', '/api/v1/machines', { as: { authorization: `Bearer ${token}` } });
    expect(viaNew.body.map((m: { machineId: string }) => m.machineId)).toEqual(['g0', 'm0']);

    const listed = await api.call('GET', '/api/v1/tokens', { as: 'admin' });
    expect(listed.body.find((t: { tokenId: string }) => t.tokenId === tokenId)).toEqual({
      tokenId,
      name: 'grafana',
      role: 'viewer',
      createdAtMs: expect.any(Number),
      revokedAtMs: null,
    });
    expect(listed.text).not.toContain(token);

    expect((await api.call('DELETE', `/api/v1/tokens/${tokenId}`, { as: 'admin' })).body.revokedAtMs).toEqual(
      expect.any(Number),
    );
    expect(
      (await api.call('GET', '/api/v1/machines', { as: { authorization: `Bearer ${token}` } })).status,
    ).toBe(401);
    const audit = await api.call('GET', '/api/v1/audit?action=token.create', { as: 'admin' });
    expect(audit.body[0]).toMatchObject({
      requestBody: { name: 'grafana', role: 'viewer' },
      result: 'ok',
      status: 201,
    });
    expect(audit.text).not.toContain(token);
    expect((await lastAudit())?.target).toBe(`token ${tokenId}`);
  });
});

describe('rate limiting', () => {
  it('answers 429 past the limit, with Retry-After, and never limits the health probes', async () => {
    const limited = await startApi(store, api.tokens, { rateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.call('GET', '/api/v1/status')).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await limited.call('GET', '/api/v1/decisions', { as: null });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(refused.body.error).toEqual({
        code: 'RATE_LIMITED',
        message: expect.stringMatching(/^more than 3 requests in 60 s; retry in/),
      });
      for (let i = 0; i < 5; i++)
        expect((await limited.call('GET', '/healthz', { as: null })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('behind a trusted proxy', () => {
  it('limits each client named in X-Forwarded-For on its own, and trusts the header from no one else', async () => {
    const proxied = await startApi(store, api.tokens, {
      rateLimit: { max: 2, timeWindowMs: 60_000 },
      trustProxy: '127.0.0.1',
    });
    const untrusted = await startApi(store, api.tokens, { rateLimit: { max: 2, timeWindowMs: 60_000 } });
    const from = (server: typeof proxied, client: string) =>
      fetch(`${server.url}/api/v1/status`, {
        headers: { authorization: `Bearer ${api.tokens.viewer}`, 'x-forwarded-for': client },
      }).then((r) => r.status);
    try {
      const a = [
        await from(proxied, '10.0.0.1'),
        await from(proxied, '10.0.0.1'),
        await from(proxied, '10.0.0.1'),
      ];
      expect(a).toEqual([200, 200, 429]);
      expect(await from(proxied, '10.0.0.2')).toBe(200);
      // Without trusting the proxy, the header changes nothing: every request is the same loopback client.
      const b = [
        await from(untrusted, '10.0.0.1'),
        await from(untrusted, '10.0.0.2'),
        await from(untrusted, '10.0.0.3'),
      ];
      expect(b).toEqual([200, 200, 429]);
    } finally {
      await proxied.close();
      await untrusted.close();
    }
  });
});

describe('logs', () => {
  it('never hold a token or the Authorization header, whatever the request did', async () => {
    await api.call('GET', '/api/v1/status', { as: { authorization: `Bearer sy_${'x'.repeat(43)}` } });
    await api.call('GET', '/api/v1/status', { as: { authorization: 'Basic c2VjcmV0OnBhc3N3b3Jk' } });
    const all = api.logs.join('');
    expect(api.logs.length).toBeGreaterThan(20);
    expect(all).toContain('"authorization":"[redacted]"');
    for (const token of Object.values(api.tokens)) expect(all).not.toContain(token);
    // "Bearer" itself appears in the 401 messages that tell a caller what to send; a credential never does.
    expect(all).not.toMatch(/Bearer sy_[\w-]|c2VjcmV0|sy_x{43}/);
  });
});
