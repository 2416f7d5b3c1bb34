/**
 * @module drivers/miner-braiins/simulator
 * A Braiins OS REST mirror on 127.0.0.1 that a driver cannot tell from the box (PROTOCOLS.md §2.2 b): session
 * login with an inactivity expiry, pause/resume, a power target the tuner ramps to, and the telemetry bodies,
 * all from the shared `MinerModel` on an injected clock. Faults are drawn per request from a seeded generator.
 * `faults.quirks` switches to the other proto3 JSON renderings (enum names, uint64 as strings, 204 actions) so
 * the driver's "accept both" paths run too. State per server is a few numbers and a capped session table.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { drawRequestFault, type FaultSpec, type faultGenerator } from '../simulator/faults.ts';
import type { MinerModel } from '../simulator/miner-model.ts';
import { readRequestBody } from '../simulator/request-body.ts';
import { simulatorSetup } from '../simulator/setup.ts';
import type { MinerSimulatorOptions, SimulatedMiner, StartMinerSimulator } from '../simulator/types.ts';
import { loginRequestSchema, PATHS, powerTargetSchema } from './protocol.ts';
import { renderBody, type SimView } from './simulator-bodies.ts';

/** The inactivity expiry the bos-plus-api README gives for a session token, s. */
const SESSION_TIMEOUT_S = 3600;
/** A handful of clients per miner at most; older sessions are dropped first. */
const MAX_SESSIONS = 8;
const MAX_BODY_BYTES = 64 * 1024;

interface Reply {
  readonly status: number;
  readonly body?: unknown;
}

const error = (status: number, code: number, message: string): Reply => ({ status, body: { code, message } });

/** Which routes exist (and with which methods), for 404 vs 405. */
const ROUTES: ReadonlyMap<string, readonly string[]> = new Map([
  [PATHS.login, ['POST']],
  [PATHS.details, ['GET']],
  [PATHS.stats, ['GET']],
  [PATHS.tunerState, ['GET']],
  [PATHS.cooling, ['GET']],
  [PATHS.constraints, ['GET']],
  // Most clients PUT the target; at least one public client POSTs it.
  [PATHS.powerTarget, ['PUT', 'POST']],
  [PATHS.pause, ['PUT']],
  [PATHS.resume, ['PUT']],
  [PATHS.start, ['PUT']],
  [PATHS.stop, ['PUT']],
]);

class BraiinsSimulator implements SimulatedMiner, SimView {
  readonly firmware = 'braiins' as const;
  readonly host: string;
  port = 0;
  readonly model: MinerModel;
  faults: FaultSpec;
  ackNotApplied: boolean;
  dead: boolean;
  bosminerStopped = false;
  private served = 0;
  private readonly clock: () => number;
  private readonly rng: ReturnType<typeof faultGenerator>;
  private readonly credentials: { readonly username: string; readonly password: string };
  /** token → last use, ms on the simulated clock. */
  private readonly sessions = new Map<string, number>();
  private loginCount = 0;
  private readonly server = createServer((req, res) => this.onRequest(req, res));

  constructor(options: MinerSimulatorOptions) {
    const setup = simulatorSetup(options, 1);
    this.host = setup.host;
    this.clock = setup.clock;
    this.model = setup.model;
    this.faults = setup.faults;
    this.rng = setup.rng;
    this.ackNotApplied = setup.ackNotApplied;
    this.dead = setup.dead;
    this.credentials = options.credentials ?? { username: 'root', password: '' };
    this.server.on('connection', (socket) => {
      if (this.dead) socket.destroy();
    });
  }

  get requestCount(): number {
    return this.served;
  }

  get quirks(): boolean {
    return this.faults.quirks;
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // Hung requests never end on their own; closing every connection is what lets tests finish.
      this.server.closeAllConnections();
    });
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    if (this.dead) {
      req.socket.destroy();
      return;
    }
    this.served++;
    const fault = drawRequestFault(this.faults, uniformFloat64(this.rng));
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault === 'hang') return;
    readRequestBody(req, MAX_BODY_BYTES, (body) => {
      const respond = () => {
        // A delayed reply may outlive close(), which destroyed its socket.
        if (res.destroyed || req.socket.destroyed) return;
        if (fault === 'malformed') return this.sendRaw(res, 200, this.garbage());
        if (fault === 'error') return this.send(res, error(500, 13, 'simulated internal error'));
        if (fault === 'reboot') this.model.reboot(this.clock());
        const reply =
          body === null
            ? error(413, 3, 'request body too large')
            : this.route(req.method ?? 'GET', req.url ?? '/', req.headers.authorization, body);
        if (fault === 'truncate') return this.sendTruncated(res, reply);
        this.send(res, reply);
      };
      if (this.faults.delayMs > 0) setTimeout(respond, this.faults.delayMs);
      else respond();
    });
  }

  private route(method: string, url: string, authorization: string | undefined, text: string): Reply {
    const path = url.split('?', 1)[0] ?? '/';
    const methods = ROUTES.get(path);
    if (methods === undefined) return error(404, 5, `no route for ${path}`);
    if (!methods.includes(method)) return error(405, 12, `${method} not allowed on ${path}`);
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        return error(400, 3, 'request body is not JSON');
      }
    }
    const atMs = this.clock();
    if (path === PATHS.login) return this.login(body, atMs);
    if (!this.authorized(authorization, atMs))
      return error(401, 16, 'missing or expired authorization token');
    if (method === 'GET') return { status: 200, body: renderBody(path, this, atMs) };
    return this.write(path, body, atMs);
  }

  private login(body: unknown, atMs: number): Reply {
    const parsed = loginRequestSchema.safeParse(body);
    if (!parsed.success) return error(400, 3, 'expected {"username","password"}');
    const { username, password } = parsed.data;
    if (username !== this.credentials.username || password !== this.credentials.password) {
      return error(401, 16, 'invalid username or password');
    }
    const token = `${this.port.toString(36)}-${(++this.loginCount).toString(36)}-${Math.floor(atMs).toString(36)}`;
    if (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    this.sessions.set(token, atMs);
    return { status: 200, body: { token, timeout_s: SESSION_TIMEOUT_S } };
  }

  /** Each request with a live token extends it; the header may carry a `Bearer ` prefix or not. */
  private authorized(header: string | undefined, atMs: number): boolean {
    const token = header?.replace(/^Bearer\s+/i, '').trim();
    if (token === undefined) return false;
    const lastUsedMs = this.sessions.get(token);
    if (lastUsedMs === undefined) return false;
    this.sessions.delete(token);
    if (atMs - lastUsedMs > SESSION_TIMEOUT_S * 1000) return false;
    this.sessions.set(token, atMs);
    return true;
  }

  private write(path: string, body: unknown, atMs: number): Reply {
    const apply = !this.ackNotApplied;
    const model = this.model;
    const done = (flag: string, already: boolean): Reply =>
      this.faults.quirks ? { status: 204 } : { status: 200, body: { [flag]: already } };
    switch (path) {
      case PATHS.powerTarget: {
        const parsed = powerTargetSchema.safeParse(body);
        if (!parsed.success) return error(400, 3, 'expected {"watt": <uint64>}');
        const { minPowerW, ratedPowerW } = model.spec;
        const watt = Math.round(Math.min(ratedPowerW, Math.max(minPowerW, parsed.data.watt)));
        // BOS applies a new target without restarting bosminer; the model ramps over powerTargetS.
        if (apply) model.setPowerTarget(watt, atMs);
        return { status: 200, body: { watt: this.faults.quirks ? String(watt) : watt } };
      }
      case PATHS.pause: {
        const already = model.mode !== 'mining';
        if (apply) model.pause(atMs);
        return done('already_paused', already);
      }
      case PATHS.resume: {
        const already = model.mode === 'mining' && !this.bosminerStopped;
        if (apply && !this.bosminerStopped) model.wake(atMs);
        return done('already_mining', already);
      }
      case PATHS.start: {
        const already = !this.bosminerStopped;
        if (apply && !already) {
          // Starting bosminer is a process start: its uptime restarts and the boards warm up from cold.
          this.bosminerStopped = false;
          model.reboot(atMs);
          model.wake(atMs);
        }
        return done('already_running', already);
      }
      default: {
        const already = this.bosminerStopped;
        if (apply && !already) {
          this.bosminerStopped = true;
          model.pause(atMs);
        }
        return done('already_stopped', already);
      }
    }
  }

  private send(res: ServerResponse, reply: Reply): void {
    this.sendRaw(res, reply.status, reply.body === undefined ? '' : JSON.stringify(reply.body));
  }

  private sendRaw(res: ServerResponse, status: number, text: string): void {
    const headers: Record<string, string | number> = { 'content-length': Buffer.byteLength(text) };
    if (text !== '') headers['content-type'] = 'application/json';
    res.writeHead(status, headers);
    res.end(text);
  }

  /** Announces the whole body, sends half, then closes: the client sees the stream end mid-JSON. */
  private sendTruncated(res: ServerResponse, reply: Reply): void {
    // A 204 has no body to cut, so a bodiless reply is cut as a 200 with a small one.
    const status = reply.body === undefined ? 200 : reply.status;
    const full = Buffer.from(JSON.stringify(reply.body ?? { already_paused: false }));
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': full.length });
    // end(), not destroy(): a reset could make the client drop the half it already received.
    res.write(full.subarray(0, Math.floor(full.length / 2)), () => res.socket?.end());
  }

  /** Printable bytes that cannot start a JSON text, as a crashed web front end might send. */
  private garbage(): string {
    const length = 16 + Math.floor(uniformFloat64(this.rng) * 48);
    let text = '<';
    for (let i = 1; i < length; i++)
      text += String.fromCharCode(33 + Math.floor(uniformFloat64(this.rng) * 94));
    return text;
  }
}

export const startBraiinsSimulator: StartMinerSimulator = async (options = {}) => {
  const sim = new BraiinsSimulator(options);
  await sim.listen(options.port ?? 0);
  return sim;
};
