/**
 * @module providers/grid-openadr/simulator
 * A simulated OpenADR 3.0.1 VTN with a tiny BL, on 127.0.0.1 (port 0) under `/openadr3/3.0.1`: OAuth 2 client
 * credentials with scopes and expiring tokens (`vtn-auth.ts`), every path of PROTOCOLS.md §4.1 with its list
 * parameters (`vtn-store.ts`), RFC 7807 problems, and webhooks to subscribers (`vtn-notify.ts`). Faults are set,
 * not drawn, like the other simulators.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ValidationError } from '../../errors.ts';
import type { EventInput, OadrEvent, OadrProgram, OadrReport, ProgramInput } from './protocol.ts';
import { SIM_BL_CLIENT, SIM_VEN_CLIENT, VtnAuth, type VtnClient } from './vtn-auth.ts';
import { type Delivery, VtnNotifier } from './vtn-notify.ts';
import { COLLECTIONS, type Collection, type Outcome, type StoredObject, VtnStore } from './vtn-store.ts';

export const VTN_BASE_PATH = '/openadr3/3.0.1';

export interface VtnFaults {
  /** Added before every reply, ms. */
  delayMs?: number;
  /** Answer with this status and a problem body. */
  errorStatus?: number;
  /** Answer 200 with bytes that are not the protocol. */
  malformed?: boolean;
  /** Accept the request and never answer. */
  hang?: boolean;
  /** Revoke every token issued so far at the next authenticated request (it then answers 401); resets itself. */
  expireTokens?: boolean;
  /** Paths after the base (e.g. `/events`, `/auth/token`) the faults apply to; default every path. */
  paths?: readonly string[];
}

export interface VtnSimulatorOptions {
  /** Default `SIM_VEN_CLIENT` and `SIM_BL_CLIENT`. */
  readonly clients?: readonly VtnClient[];
  /** Token lifetime, s; default 3600. */
  readonly tokenTtlS?: number;
  /** Token expiry and object timestamps; injected so tests control time. */
  readonly clock?: () => number;
}

export interface VtnSimulator {
  /** E.g. `http://127.0.0.1:40123/openadr3/3.0.1`. */
  readonly baseUrl: string;
  readonly port: number;
  faults: VtnFaults;
  /** BL helpers: the same validation and notifications as over HTTP; invalid input is a `ValidationError`. */
  createProgram(program: ProgramInput): OadrProgram;
  createEvent(event: EventInput): OadrEvent;
  updateEvent(id: string, event: EventInput): OadrEvent;
  deleteEvent(id: string): OadrEvent;
  /** Reports the VENs posted, oldest first. */
  reports(): OadrReport[];
  /** Notification POSTs and how each went (failures are logged here, never thrown). */
  readonly deliveries: readonly Delivery[];
  /** Every request, as `METHOD /path?query` after the base path. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function problem(res: ServerResponse, status: number, detail: string): void {
  const body = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
  if (status === 401) res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
  send(res, status, body, 'application/problem+json');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A BL helper's outcome as a value, or the same validation failure a VEN would get over HTTP. */
function unwrap<T>(outcome: Outcome<StoredObject>, field: string): T {
  if (outcome.ok) return outcome.value as unknown as T;
  throw new ValidationError([{ field, problem: outcome.detail, fix: 'pass a valid OpenADR 3.0.1 object' }]);
}

/** `/events/e-1` → events, e-1; `/vens/v-1/resources/r-1` → resources, r-1 under VEN v-1; else null. */
function parsePath(path: string): { collection: Collection; id?: string; venID?: string } | null {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'vens' && parts[2] === 'resources' && parts.length <= 4) {
    return { collection: 'resources', venID: parts[1]!, ...(parts[3] === undefined ? {} : { id: parts[3] }) };
  }
  const collection = parts[0] as Collection;
  if (!Object.hasOwn(COLLECTIONS, collection) || parts.length > 2) return null;
  return { collection, ...(parts[1] === undefined ? {} : { id: parts[1] }) };
}

export async function startVtnSimulator(options: VtnSimulatorOptions = {}): Promise<VtnSimulator> {
  const clock = options.clock ?? Date.now;
  const auth = new VtnAuth(
    options.clients ?? [SIM_VEN_CLIENT, SIM_BL_CLIENT],
    clock,
    options.tokenTtlS ?? 3600,
  );
  const notifier = new VtnNotifier();
  const store: VtnStore = new VtnStore(clock, (change) =>
    notifier.notify(change, store.all('subscriptions')),
  );
  const requests: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const state: { faults: VtnFaults } = { faults: {} };

  const answer = (res: ServerResponse, outcome: Outcome<unknown>, okStatus = 200) =>
    outcome.ok ? send(res, okStatus, outcome.value) : problem(res, outcome.status, outcome.detail);

  const route = async (req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams) => {
    const method = req.method ?? 'GET';
    if (path === '/auth/token') {
      if (method !== 'POST') return problem(res, 405, 'POST only');
      const reply = auth.issue(new URLSearchParams(await readBody(req)));
      return send(res, reply.status, reply.body);
    }
    const target = parsePath(path);
    if (target === null) return problem(res, 404, `no path ${path}`);
    const { collection, id, venID } = target;
    const allowed = id === undefined ? ['GET', 'POST'] : ['GET', 'PUT', 'DELETE'];
    if (!allowed.includes(method)) return problem(res, 405, `${method} is not allowed on ${path}`);
    if (state.faults.expireTokens === true) {
      auth.revokeAll();
      state.faults.expireTokens = false;
    }
    const scope = method === 'GET' ? 'read_all' : COLLECTIONS[collection].writeScope;
    const refused = auth.check(req.headers.authorization, scope);
    if (refused !== null) return problem(res, refused.status, refused.detail);
    if (venID !== undefined && store.get('vens', venID) === undefined)
      return problem(res, 404, `no VEN ${venID}`);
    const json = method === 'POST' || method === 'PUT' ? await readBody(req) : '';
    let body: unknown;
    try {
      body = json === '' ? undefined : (JSON.parse(json) as unknown);
    } catch {
      return problem(res, 400, 'body is not JSON');
    }
    if (id === undefined) {
      if (method === 'GET') return answer(res, store.list(collection, query, venID));
      return answer(res, store.create(collection, body, venID), 201);
    }
    const found = store.get(collection, id);
    if (found === undefined || (venID !== undefined && found.venID !== venID)) {
      return problem(res, 404, `no ${collection} object ${id}`);
    }
    if (method === 'GET') return send(res, 200, found);
    return answer(res, method === 'PUT' ? store.update(collection, id, body) : store.remove(collection, id));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://vtn.invalid');
    if (!url.pathname.startsWith(`${VTN_BASE_PATH}/`)) {
      return problem(res, 404, `the API is under ${VTN_BASE_PATH}`);
    }
    const path = url.pathname.slice(VTN_BASE_PATH.length);
    requests.push(`${req.method} ${path}${url.search}`);
    const faults = state.faults.paths === undefined || state.faults.paths.includes(path) ? state.faults : {};
    if (faults.hang === true) return;
    const respond = () => {
      if (faults.errorStatus !== undefined) return problem(res, faults.errorStatus, 'simulated fault');
      if (faults.malformed === true) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('<html><body>502 Bad Gateway</body></html>');
      }
      route(req, res, path, url.searchParams).catch((error: unknown) => {
        if (!res.headersSent) problem(res, 500, error instanceof Error ? error.message : String(error));
      });
    };
    const delayMs = faults.delayMs ?? 0;
    if (delayMs <= 0) return respond();
    const timer = setTimeout(() => {
      timers.delete(timer);
      respond();
    }, delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}${VTN_BASE_PATH}`,
    port,
    get faults() {
      return state.faults;
    },
    set faults(next: VtnFaults) {
      state.faults = next;
    },
    createProgram: (program) => unwrap(store.create('programs', program), 'program'),
    createEvent: (event) => unwrap(store.create('events', event), 'event'),
    updateEvent: (id, event) => unwrap(store.update('events', id, event), `event ${id}`),
    deleteEvent: (id) => unwrap(store.remove('events', id), `event ${id}`),
    reports: () => store.all('reports') as unknown as OadrReport[],
    deliveries: notifier.deliveries,
    requests,
    close() {
      for (const timer of timers) clearTimeout(timer);
      notifier.abortAll();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
