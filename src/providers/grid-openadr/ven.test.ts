/** The VEN client against the simulated VTN over real sockets: tokens, paging, VEN, reports, errors, timeouts. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DeviceTimeoutError, ProtocolError, ValidationError } from '../../errors.ts';
import { probeVtn } from './probe.ts';
import { usageReport } from './report.ts';
import type { GridSignal } from './signals.ts';
import { startVtnSimulator, type VtnSimulator } from './simulator.ts';
import { OadrVen, type OadrVenOptions } from './ven.ts';
import { SIM_VEN_CLIENT } from './vtn-auth.ts';

const VEN = 'switchyard-site-1';
const START_MS = Date.parse('2026-07-15T20:00:00Z');
let nowMs = START_MS;
const clock = () => nowMs;

let sim: VtnSimulator;
let programID: string;

const ven = (extra: Partial<OadrVenOptions> = {}) =>
  new OadrVen({
    baseUrl: sim.baseUrl,
    clientId: SIM_VEN_CLIENT.clientId,
    clientSecret: SIM_VEN_CLIENT.clientSecret,
    venName: VEN,
    timeoutMs: 2000,
    clock,
    ...extra,
  });
const tokenRequests = () => sim.requests.filter((line) => line === 'POST /auth/token').length;

async function caught(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startedMs = performance.now();
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  return { error, elapsedMs: performance.now() - startedMs };
}

beforeAll(async () => {
  sim = await startVtnSimulator({ clock });
  programID = sim.createProgram({ programName: 'ercot-lr', programType: 'DEMAND_RESPONSE' }).id;
  sim.createProgram({ programName: 'tou' });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  nowMs = START_MS;
});
afterEach(() => {
  sim.faults = {};
});

describe('tokens', () => {
  it('fetches one token, reuses it, and refreshes it a margin before expires_in', async () => {
    const client = ven();
    const before = tokenRequests();
    expect(await client.authenticate()).toEqual({ expiresInS: 3600 });
    await client.programs();
    await client.events();
    expect(tokenRequests() - before).toBe(1);
    nowMs = START_MS + 3539 * 1000; // just before the 60 s margin of a 3600 s token: still the first one
    await client.programs();
    expect(tokenRequests() - before).toBe(1);
    nowMs = START_MS + 3541 * 1000; // inside the margin: refresh now
    await client.programs();
    expect(tokenRequests() - before).toBe(2);
    nowMs = START_MS + 3600 * 1000 + 1; // the first token has expired at the VTN; the second has not
    await expect(client.programs()).resolves.toHaveLength(2);
    expect(tokenRequests() - before).toBe(2);
  });

  it('a 401 (token revoked early) refreshes the token once and retries', async () => {
    const client = ven();
    await client.programs();
    const before = tokenRequests();
    sim.faults = { expireTokens: true };
    await expect(client.programs()).resolves.toHaveLength(2);
    expect(tokenRequests() - before).toBe(1);
  });

  it('a 401 again after the refresh is a ProtocolError saying so', async () => {
    const client = ven();
    sim.faults = { errorStatus: 401, paths: ['/programs'] };
    const before = sim.requests.length;
    const { error } = await caught(client.programs());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(
      /HTTP 401 Unauthorized: simulated fault; fix: the VTN refused/,
    );
    const programGets = sim.requests.slice(before).filter((line) => line.startsWith('GET /programs'));
    expect(programGets).toHaveLength(2);
  });

  it('wrong credentials: the OAuth error, its description and the fix, never the secret', async () => {
    const { error } = await caught(ven({ clientSecret: 'not-the-secret' }).programs());
    expect(error).toBeInstanceOf(ProtocolError);
    const message = (error as ProtocolError).message;
    expect(message).toMatch(
      /POST \/auth\/token: token refused \(HTTP 400\): invalid_client: unknown client_id/,
    );
    expect(message).toMatch(/fix: check clientId and clientSecret/);
    expect(message).not.toContain('not-the-secret');
  });
});

describe('listing', () => {
  it('walks every page of events with skip/limit and filters by programID', async () => {
    const other = sim.createProgram({ programName: 'paging-other' }).id;
    const ids = [0, 1, 2, 3, 4].map(
      (i) =>
        sim.createEvent({
          programID: i === 4 ? other : programID,
          eventName: `paging-${i}`,
          intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [1] }] }],
        }).id,
    );
    try {
      const before = sim.requests.length;
      const events = await ven({ pageLimit: 2 }).events({ programID });
      expect(events.map((e) => e.id)).toEqual(ids.slice(0, 4));
      expect(sim.requests.slice(before).filter((line) => line.startsWith('GET /events'))).toEqual([
        `GET /events?programID=${programID}&skip=0&limit=2`,
        `GET /events?programID=${programID}&skip=2&limit=2`,
        `GET /events?programID=${programID}&skip=4&limit=2`,
      ]);
      expect((await ven({ pageLimit: 2 }).events()).map((e) => e.id)).toEqual(ids);
    } finally {
      for (const id of ids) sim.deleteEvent(id);
    }
  });

  it('stops on a VTN that ignores skip (a page with nothing new)', async () => {
    const page = JSON.stringify([
      { id: 'p1', programName: 'a' },
      { id: 'p2', programName: 'b' },
    ]);
    const fakeFetch: typeof fetch = async (input) =>
      String(input).endsWith('/auth/token')
        ? Response.json({ access_token: 't', token_type: 'Bearer', expires_in: 60 })
        : new Response(page, { status: 200 });
    const programs = await ven({ fetch: fakeFetch, pageLimit: 2 }).programs();
    expect(programs.map((p) => p.id)).toEqual(['p1', 'p2']);
  });

  it('rejects a page limit the spec does not allow, and a base that is no URL', () => {
    expect(() => ven({ pageLimit: 51 })).toThrow(ValidationError);
    expect(() => ven({ baseUrl: 'vtn.example/openadr3/3.0.1' })).toThrow(/baseUrl/);
  });
});

describe('VEN object and reports', () => {
  it('ensureVen creates the VEN once and finds it afterwards', async () => {
    const first = await ven().ensureVen();
    expect(first).toMatchObject({ venName: VEN, objectType: 'VEN' });
    const before = sim.requests.length;
    const second = await ven().ensureVen();
    expect(second.id).toBe(first.id);
    expect(sim.requests.slice(before).some((line) => line.startsWith('POST /vens'))).toBe(false);
  });

  it('a posted usage report is what the VTN holds, with a VTN-assigned id and times', async () => {
    const eventID = sim.createEvent({
      programID,
      intervals: [{ id: 0, payloads: [{ type: 'SIMPLE', values: [2] }] }],
    }).id;
    const report = usageReport({
      programID,
      eventID,
      clientName: VEN,
      resourceName: 'site-1-main-meter',
      intervals: [
        { startMs: START_MS, durationS: 900, usageKw: 1934.5 },
        { startMs: START_MS + 900_000, durationS: 900, usageKw: 1890 },
      ],
    });
    const stored = await ven().postReport(report);
    expect(stored.id).toMatch(/^report-\d+$/);
    expect(stored.createdDateTime).toBe('2026-07-15T20:00:00Z');
    const held = sim.reports().find((r) => r.id === stored.id);
    expect(held?.resources[0]).toEqual({
      resourceName: 'site-1-main-meter',
      intervalPeriod: { start: '2026-07-15T20:00:00Z', duration: 'PT15M' },
      intervals: [
        { id: 0, payloads: [{ type: 'USAGE', values: [1934.5] }] },
        { id: 1, payloads: [{ type: 'USAGE', values: [1890] }] },
      ],
    });
  });

  it('a report the VTN refuses is a ProtocolError with the problem title and detail', async () => {
    const report = usageReport({
      programID: 'no-such-program',
      eventID: 'no-such-event',
      clientName: VEN,
      resourceName: 'm',
      intervals: [{ startMs: START_MS, durationS: 900, usageKw: 1 }],
    });
    const { error } = await caught(ven().postReport(report));
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(
      /POST \/reports: HTTP 400 Bad Request: programID no-such-program/,
    );
  });
});

describe('failures', () => {
  it('HTTP 500 with a problem body names its title and detail', async () => {
    sim.faults = { errorStatus: 500, paths: ['/events'] };
    const { error } = await caught(ven().events());
    expect((error as ProtocolError).message).toMatch(
      /GET \/events\?skip=0&limit=50: HTTP 500 Internal Server Error: simulated fault/,
    );
  });

  it('a malformed reply is a ProtocolError quoting it', async () => {
    sim.faults = { malformed: true, paths: ['/programs'] };
    const { error } = await caught(ven().programs());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).excerpt).toContain('502 Bad Gateway');
  });

  it('JSON of the wrong shape is a ProtocolError naming the field', async () => {
    const fakeFetch: typeof fetch = async (input) =>
      String(input).endsWith('/auth/token')
        ? Response.json({ access_token: 't', token_type: 'Bearer' })
        : Response.json([{ id: 'e1', intervals: [] }]);
    const { error } = await caught(ven({ fetch: fakeFetch }).events());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(/not a list of events \(0\.programID/);
  });

  it('a VTN that hangs is a DeviceTimeoutError within timeoutMs', async () => {
    sim.faults = { hang: true, paths: ['/events'] };
    const { error, elapsedMs } = await caught(ven({ timeoutMs: 200 }).events());
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect((error as DeviceTimeoutError).message).toMatch(/no reply within 200 ms/);
    expect(elapsedMs).toBeLessThan(200 + 300);
  });

  it('the bound covers the whole call: a slow token plus a slow page still ends by timeoutMs', async () => {
    sim.faults = { delayMs: 150 };
    const { error, elapsedMs } = await caught(ven({ timeoutMs: 250 }).programs());
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect(elapsedMs).toBeLessThan(250 + 300);
  });

  it('nothing listening is a DeviceTimeoutError (connection failed)', async () => {
    const gone = await startVtnSimulator();
    const baseUrl = gone.baseUrl;
    await gone.close();
    const { error } = await caught(ven({ baseUrl }).programs());
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect((error as DeviceTimeoutError).message).toMatch(/connection failed \(ECONNREFUSED\)/);
  });
});

describe('probeVtn', () => {
  it('reports the token lifetime, the programs, and our active and upcoming signals', async () => {
    const eventID = sim.createEvent({
      programID,
      targets: [{ type: 'VEN_NAME', values: [VEN] }],
      payloadDescriptors: [{ payloadType: 'IMPORT_CAPACITY_LIMIT', units: 'MW' }],
      intervalPeriod: { start: '2026-07-15T20:00:00Z', duration: 'PT15M' },
      intervals: [0, 1].map((id) => ({
        id,
        payloads: [{ type: 'IMPORT_CAPACITY_LIMIT', values: [2 + id] }],
      })),
    }).id;
    try {
      nowMs = START_MS + 60_000;
      const probe = await probeVtn({ baseUrl: sim.baseUrl, ...SIM_VEN_CLIENT, venName: VEN, clock });
      expect(probe.tokenExpiresInS).toBe(3600);
      expect(probe.programs).toContainEqual({ id: programID, programName: 'ercot-lr' });
      const ours = (signals: readonly GridSignal[]) => signals.filter((s) => s.eventId === eventID);
      expect(ours(probe.activeSignals)).toMatchObject([
        { eventId: eventID, intervalId: 0, importLimitW: 2_000_000 },
      ]);
      expect(ours(probe.upcomingSignals)).toMatchObject([
        { eventId: eventID, intervalId: 1, importLimitW: 3_000_000 },
      ]);
    } finally {
      sim.deleteEvent(eventID);
    }
  });
});
