/** The simulated VTN's contract (scopes, list parameters, problems) and webhooks into the VEN's listener. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { type NotificationListener, startNotificationListener } from './listener.ts';
import type { OadrNotification } from './messages.ts';
import { startVtnSimulator, type VtnSimulator } from './simulator.ts';
import { OadrVen } from './ven.ts';
import { SIM_BL_CLIENT, SIM_VEN_CLIENT, type VtnClient } from './vtn-auth.ts';

const VEN = 'switchyard-site-1';
let sim: VtnSimulator;
let programID: string;

async function tokenFor(client: VtnClient, scope?: string): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
  });
  if (scope) form.set('scope', scope);
  const response = await fetch(`${sim.baseUrl}/auth/token`, { method: 'POST', body: form });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

beforeAll(async () => {
  sim = await startVtnSimulator();
  programID = sim.createProgram({ programName: 'ercot-lr' }).id;
});
afterAll(async () => {
  await sim.close();
});

describe('auth', () => {
  it.each([
    [{ grant_type: 'client_credentials', client_id: 'ven_client', client_secret: 'x' }, 'invalid_client'],
    [
      { grant_type: 'password', client_id: 'ven_client', client_secret: 'ven_secret' },
      'unsupported_grant_type',
    ],
    [{ client_id: 'ven_client', client_secret: 'ven_secret' }, 'invalid_request'],
    [
      {
        grant_type: 'client_credentials',
        client_id: 'ven_client',
        client_secret: 'ven_secret',
        scope: 'write_events',
      },
      'invalid_scope',
    ],
  ])('token request %j is a 400 OAuth error %s', async (form, error) => {
    const response = await fetch(`${sim.baseUrl}/auth/token`, {
      method: 'POST',
      body: new URLSearchParams(form),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error });
  });

  it('no token is 401, a token without the scope is 403, both as problems', async () => {
    const anonymous = await api('nope', 'GET', '/programs');
    expect(anonymous).toMatchObject({
      status: 401,
      type: 'application/problem+json',
      body: { title: 'Unauthorized' },
    });
    const venToken = await tokenFor(SIM_VEN_CLIENT);
    const forbidden = await api(venToken, 'POST', '/events', { programID, intervals: [] });
    expect(forbidden).toMatchObject({
      status: 403,
      body: { status: 403, detail: 'token lacks scope write_events' },
    });
  });

  it('the BL creates programs and events over HTTP; the VTN assigns ids and times', async () => {
    const blToken = await tokenFor(SIM_BL_CLIENT);
    const created = await api(blToken, 'POST', '/events', {
      programID,
      intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ objectType: 'EVENT', id: expect.stringMatching(/^event-\d+$/) });
    expect(created.body.createdDateTime).toBe(created.body.modificationDateTime);
    expect((await api(blToken, 'DELETE', `/events/${String(created.body.id)}`)).status).toBe(200);
    expect((await api(blToken, 'GET', `/events/${String(created.body.id)}`)).status).toBe(404);
  });
});

describe('list parameters and validation', () => {
  it.each([
    ['/programs?programID=x', 400, /unknown query parameter programID for programs/],
    ['/events?limit=51', 400, /limit must be 0..50/],
    ['/events?skip=-1', 400, /skip must be an integer/],
    ['/vens?venName=nobody', 200, null],
    ['/reports?eventID=e&clientName=c&programID=p', 200, null],
    ['/subscriptions?objects=EVENT&clientName=c', 200, null],
    ['/nothing', 404, /no path/],
  ])('GET %s → %d', async (path, status, detail) => {
    const response = await api(await tokenFor(SIM_VEN_CLIENT), 'GET', path);
    expect(response.status).toBe(status);
    if (detail) expect(String(response.body.detail)).toMatch(detail);
  });

  it('filters by targetType/targetValues and pages with skip/limit', async () => {
    const blToken = await tokenFor(SIM_BL_CLIENT);
    const names = ['t-a', 't-b', 't-c'];
    for (const name of names)
      sim.createProgram({ programName: name, targets: [{ type: 'GROUP', values: [name] }] });
    const query = '/programs?targetType=GROUP&targetValues=t-a&targetValues=t-c';
    const found = (await api(blToken, 'GET', query)).body as unknown as { programName: string }[];
    expect(found.map((p) => p.programName)).toEqual(['t-a', 't-c']);
    const page = (await api(blToken, 'GET', `${query}&skip=1&limit=1`)).body as unknown as {
      programName: string;
    }[];
    expect(page.map((p) => p.programName)).toEqual(['t-c']);
  });

  it('a body that breaks the schema is a 400 problem naming the field; a duplicate name is 409', async () => {
    const blToken = await tokenFor(SIM_BL_CLIENT);
    const bad = await api(blToken, 'POST', '/events', {
      programID,
      intervals: [{ id: 'zero', payloads: [] }],
    });
    expect(bad).toMatchObject({ status: 400, body: { title: 'Bad Request' } });
    expect(String(bad.body.detail)).toMatch(/intervals\.0\.id/);
    expect((await api(blToken, 'POST', '/programs', { programName: 'ercot-lr' })).status).toBe(409);
  });

  it('VEN resources live under their VEN', async () => {
    const venToken = await tokenFor(SIM_VEN_CLIENT);
    const ven = await api(venToken, 'POST', '/vens', { venName: 'resource-owner' });
    const path = `/vens/${String(ven.body.id)}/resources`;
    const resource = await api(venToken, 'POST', path, { resourceName: 'site-1-miners' });
    expect(resource.body).toMatchObject({ objectType: 'RESOURCE', venID: ven.body.id });
    expect((await api(venToken, 'GET', `${path}?resourceName=site-1-miners`)).body).toHaveLength(1);
    expect((await api(venToken, 'GET', '/vens/ven-999/resources')).status).toBe(404);
  });

  it('BL helpers refuse invalid objects with a ValidationError', () => {
    expect(() => sim.createEvent({ programID: 'missing', intervals: [] })).toThrow(ValidationError);
    expect(() => sim.updateEvent('event-404', { programID, intervals: [] })).toThrow(
      /no events object event-404/,
    );
  });
});

describe('subscriptions and notifications', () => {
  let listener: NotificationListener;
  const received: OadrNotification[] = [];
  let waiting: (() => void) | null = null;
  const next = async (count: number) => {
    while (received.length < count) await new Promise<void>((resolve) => (waiting = resolve));
  };

  beforeAll(async () => {
    listener = await startNotificationListener({
      bearerToken: 'hook-secret-1',
      onNotification: (notification) => {
        received.push(notification);
        waiting?.();
      },
    });
  });
  afterAll(async () => {
    await listener.close();
  });

  it('delivers CREATE, UPDATE and DELETE of events to the callback with our bearer token', async () => {
    const ven = new OadrVen({ baseUrl: sim.baseUrl, ...SIM_VEN_CLIENT, venName: VEN, timeoutMs: 2000 });
    const subscription = await ven.subscribe({
      programID,
      callbackUrl: listener.url,
      bearerToken: 'hook-secret-1',
    });
    expect(subscription.objectOperations[0]?.operations).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    const event = sim.createEvent({
      programID,
      targets: [{ type: 'VEN_NAME', values: [VEN] }],
      intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [3] }] }],
    });
    await next(1);
    sim.updateEvent(event.id, {
      programID,
      intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [2] }] }],
    });
    await next(2);
    sim.deleteEvent(event.id);
    await next(3);
    expect(received.map((n) => [n.objectType, n.operation, n.object.id])).toEqual([
      ['EVENT', 'CREATE', event.id],
      ['EVENT', 'UPDATE', event.id],
      ['EVENT', 'DELETE', event.id],
    ]);
    expect(received[0]?.targets).toEqual([{ type: 'VEN_NAME', values: [VEN] }]);
    expect(sim.deliveries.filter((d) => d.callbackUrl === listener.url).every((d) => d.status === 200)).toBe(
      true,
    );
  });

  it('a notification with the wrong bearer token is refused (401) and the VTN only logs it', async () => {
    const other = sim.createProgram({ programName: 'wrong-token-program' }).id;
    const ven = new OadrVen({ baseUrl: sim.baseUrl, ...SIM_VEN_CLIENT, venName: VEN, timeoutMs: 2000 });
    await ven.subscribe({ programID: other, callbackUrl: listener.url, bearerToken: 'guessed' });
    const before = received.length;
    sim.createEvent({ programID: other, intervals: [] });
    for (let i = 0; i < 50 && !sim.deliveries.some((d) => d.status === 401); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sim.deliveries.filter((d) => d.status === 401)).toHaveLength(1);
    expect(received.length).toBe(before);
  });

  it('the listener takes the HTTP vocabulary too, and refuses bodies that are not notifications', async () => {
    const post = (body: string, token = 'hook-secret-1') =>
      fetch(listener.url, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    const event = { id: 'evt-x', programID: 'p', intervals: [] };
    const before = received.length;
    expect(
      (await post(JSON.stringify({ objectType: 'EVENT', operation: 'PUT', object: event }))).status,
    ).toBe(200);
    expect(received[before]).toMatchObject({ operation: 'UPDATE', targets: [] });
    const bad = await post(JSON.stringify({ objectType: 'EVENT', operation: 'PATCH', object: event }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/operation/);
    expect((await post('not json')).status).toBe(400);
    expect((await fetch(listener.url)).status).toBe(405);
  });
});
