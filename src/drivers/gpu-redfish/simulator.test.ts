/**
 * The simulator over raw HTTP, as any Redfish client sees it: anonymous resources, status codes and Redfish
 * error bodies for bad requests, ETag enforcement and session expiry on its clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type RedfishSimulator, startRedfishSimulator } from './simulator.ts';

const sims: RedfishSimulator[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

const SYSTEMS = '/redfish/v1/Systems';
const CONTROL = '/redfish/v1/Chassis/HGX_Chassis_0/Controls/PowerLimit';

async function start(clock = { ms: 0 }) {
  const sim = await startRedfishSimulator({ nowMs: () => clock.ms, sessionTimeoutS: 30 });
  sims.push(sim);
  const login = await fetch(`${sim.url}/redfish/v1/SessionService/Sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ UserName: 'admin', Password: 'password' }),
  });
  expect(login.status).toBe(201);
  const token = login.headers.get('x-auth-token')!;
  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${sim.url}${path}`, {
      method,
      headers: { 'x-auth-token': token, ...headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    return { status: res.status, etag: res.headers.get('etag'), json: text === '' ? null : JSON.parse(text) };
  };
  return { sim, call, clock };
}

const extendedMessageId = (json: { error: { '@Message.ExtendedInfo': Array<{ MessageId: string }> } }) =>
  json.error['@Message.ExtendedInfo'][0]!.MessageId;

describe('Redfish simulator', () => {
  it('serves /redfish and the service root without authentication, and nothing else', async () => {
    const { sim } = await start();
    expect(await (await fetch(`${sim.url}/redfish`)).json()).toEqual({ v1: '/redfish/v1/' });
    const root = (await (await fetch(`${sim.url}/redfish/v1/`)).json()) as Record<string, unknown>;
    expect(root.Tasks).toEqual({ '@odata.id': '/redfish/v1/TaskService' });
    expect(root.TaskService).toBeUndefined();
    const denied = await fetch(`${sim.url}${SYSTEMS}`);
    expect(denied.status).toBe(401);
    expect(extendedMessageId((await denied.json()) as Parameters<typeof extendedMessageId>[0])).toBe(
      'Base.1.18.NoValidSession',
    );
  });

  it('answers 404, 405 on collections, and 400 to malformed, empty or contradictory bodies', async () => {
    const { call } = await start();
    expect((await call('GET', '/redfish/v1/Systems/1')).status).toBe(404);
    const onCollection = await call('PATCH', SYSTEMS, '{}');
    expect(onCollection.status).toBe(405);
    expect(onCollection.json.error['@Message.ExtendedInfo'][0].Message).toContain('collection');
    expect((await call('PATCH', CONTROL, '{"SetPoint":')).status).toBe(400);
    expect((await call('PATCH', CONTROL, '')).status).toBe(400);
    const conflict = await call(
      'PATCH',
      CONTROL,
      JSON.stringify({ SetPoint: 5000, ControlMode: 'Disabled' }),
    );
    expect(extendedMessageId(conflict.json)).toBe('Base.1.18.PropertyValueConflict');
    const range = await call('PATCH', CONTROL, JSON.stringify({ SetPoint: 100, ControlMode: 'Manual' }));
    expect(extendedMessageId(range.json)).toBe('Base.1.18.PropertyValueOutOfRange');
    const unknown = await call('PATCH', CONTROL, JSON.stringify({ AllowableMax: 20_000 }));
    expect(extendedMessageId(unknown.json)).toBe('Base.1.18.PropertyUnknown');
    const reset = '/redfish/v1/Systems/HGX_Baseboard_0/Actions/ComputerSystem.Reset';
    const notListed = await call('POST', reset, JSON.stringify({ ResetType: 'PowerCycle' }));
    expect(extendedMessageId(notListed.json)).toBe('Base.1.18.ActionParameterValueNotInList');
  });

  it('enforces If-Match and moves the ETag on every change', async () => {
    const { call } = await start();
    const before = await call('GET', CONTROL);
    expect(before.json['@odata.etag']).toBe(before.etag);
    const body = JSON.stringify({ SetPoint: 5000, ControlMode: 'Manual' });
    const done = await call('PATCH', CONTROL, body, { 'if-match': before.etag! });
    expect(done.status).toBe(200);
    expect(done.json.SetPoint).toBe(5000);
    expect(done.etag).not.toBe(before.etag);
    expect((await call('PATCH', CONTROL, body, { 'if-match': before.etag! })).status).toBe(412);
    expect((await call('PATCH', CONTROL, body, { 'if-match': '*' })).status).toBe(200);
  });

  it('expires a session after SessionTimeout seconds without use, and deletes it on logout', async () => {
    const { sim, call, clock } = await start();
    clock.ms += 29_000;
    expect((await call('GET', SYSTEMS)).status).toBe(200);
    clock.ms += 29_000;
    expect((await call('GET', SYSTEMS)).status).toBe(200);
    clock.ms += 31_000;
    expect((await call('GET', SYSTEMS)).status).toBe(401);
    expect(sim.sessionCount()).toBe(0);
  });
});
