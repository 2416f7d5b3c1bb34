/**
 * @module drivers/gpu-redfish/sim-auth
 * The simulated BMC's authentication: sessions (`X-Auth-Token`, expiring after `SessionTimeout` seconds
 * without use on the simulator's clock), HTTP Basic, or none at all as in DMTF's mockup server, which answers a
 * login 204 without a body and always hands out the token `1234567890ABCDEF`.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { redfishErrorBody } from './sim-writes.ts';

export interface SimReply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export const simFailure = (status: number, messageId: string, message: string): SimReply => ({
  status,
  body: redfishErrorBody(messageId, message),
});

const NO_SESSION = 'There is no valid session established with the implementation.';
const BAD_CREDENTIALS = 'The user name or password is incorrect.';

export class SimSessions {
  readonly timeoutS: number;
  private readonly mode: 'session' | 'basic' | 'none';
  private readonly mockup: boolean;
  private readonly credentials: string;
  private readonly sessionsUri: string;
  /** token → session id and last use, ms on the simulator's clock. */
  private readonly sessions = new Map<string, { readonly id: string; lastUsedMs: number }>();
  private counter = 0;

  constructor(options: {
    mode: 'session' | 'basic' | 'none';
    mockup: boolean;
    credentials: string;
    timeoutS: number;
    sessionsUri: string;
  }) {
    this.mode = options.mode;
    this.mockup = options.mockup;
    this.credentials = options.credentials;
    this.timeoutS = options.timeoutS;
    this.sessionsUri = options.sessionsUri;
  }

  get size(): number {
    return this.sessions.size;
  }

  ids(): string[] {
    return [...this.sessions.values()].map((s) => s.id);
  }

  /** Drops every session (a BMC reboot, or the `sessionExpired` fault). */
  clear(): void {
    this.sessions.clear();
  }

  login(body: unknown, atMs: number): SimReply {
    if (this.mode === 'basic')
      return simFailure(405, 'OperationNotAllowed', 'Sessions are disabled; use HTTP Basic.');
    const { UserName: user, Password: password } = (body ?? {}) as { UserName?: unknown; Password?: unknown };
    if (typeof user !== 'string' || typeof password !== 'string') {
      return simFailure(400, 'PropertyMissing', 'The request requires the properties UserName and Password.');
    }
    if (this.mode === 'session' && `${user}:${password}` !== this.credentials) {
      return simFailure(401, 'NoValidSession', BAD_CREDENTIALS);
    }
    const id = String(++this.counter);
    const token = this.mockup ? '1234567890ABCDEF' : randomBytes(16).toString('hex');
    this.sessions.set(token, { id, lastUsedMs: atMs });
    const location = `${this.sessionsUri}/${id}`;
    const headers = { location, 'x-auth-token': token };
    if (this.mockup) return { status: 204, headers };
    const session = {
      '@odata.id': location,
      '@odata.type': '#Session.v1_7_0.Session',
      Id: id,
      UserName: user,
    };
    return { status: 201, headers, body: { ...session, Name: `User Session ${id}` } };
  }

  logout(path: string): SimReply {
    for (const [token, session] of this.sessions) {
      if (`${this.sessionsUri}/${session.id}` !== path) continue;
      this.sessions.delete(token);
      return { status: 204 };
    }
    return simFailure(404, 'ResourceNotFound', `The requested resource at ${path} was not found.`);
  }

  /** Null when the request may proceed, else the 401. Each use of a session extends it. */
  authenticate(headers: IncomingHttpHeaders, atMs: number): SimReply | null {
    if (this.mode === 'none') return null;
    if (this.mode === 'basic') {
      const header = headers.authorization ?? '';
      const given = header.startsWith('Basic ')
        ? Buffer.from(header.slice(6), 'base64').toString('utf8')
        : null;
      if (given === this.credentials) return null;
      return {
        ...simFailure(401, 'NoValidSession', BAD_CREDENTIALS),
        headers: { 'www-authenticate': 'Basic realm="Redfish"' },
      };
    }
    const token = headers['x-auth-token'];
    const session = typeof token === 'string' ? this.sessions.get(token) : undefined;
    if (session === undefined || atMs - session.lastUsedMs > this.timeoutS * 1000) {
      if (typeof token === 'string') this.sessions.delete(token);
      return simFailure(401, 'NoValidSession', NO_SESSION);
    }
    session.lastUsedMs = atMs;
    return null;
  }
}
