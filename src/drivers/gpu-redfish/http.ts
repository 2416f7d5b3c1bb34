/**
 * @module drivers/gpu-redfish/http
 * HTTPS JSON to one BMC (PROTOCOLS.md §3.1), with what every Redfish client needs below the resource model:
 * undici's keep-alive `Agent` (BMC certificates are self-signed, so TLS is either pinned to a CA or explicitly
 * insecure), a timeout per request, HTTP Basic or a session (`X-Auth-Token`, logged in lazily and again once on
 * a 401), and ETags (`If-Match` only when the service gave one, one re-read and retry on 412). No reply is a
 * `DeviceTimeoutError`; a reply that is an error status, not JSON or the wrong shape is a `ProtocolError`.
 */
import { Agent, fetch } from 'undici';
import { z } from 'zod';
import { DeviceTimeoutError, ProtocolError, ValidationError } from '../../errors.ts';
import {
  bodyEtag,
  DEFAULT_SESSIONS_URI,
  decode,
  describeErrorReply,
  parseJson,
  type RedfishContext,
} from './codec.ts';

export interface RedfishOptions {
  /** `https://10.0.0.5`, or `http://127.0.0.1:PORT` for a simulator. */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  /** `session` (the default when credentials are given) or HTTP Basic on every request. */
  readonly auth?: 'session' | 'basic';
  /** Accept any certificate (self-signed BMCs without a pinned CA). */
  readonly insecure?: boolean;
  /** PEM of the CA (or the BMC's self-signed certificate) to trust instead of the system store. */
  readonly caPem?: string;
  /** Per HTTP request; an operation that needs several (discovery, a re-login) takes several. */
  readonly timeoutMs: number;
}

interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** A BMC's web server handles a few requests at a time; more connections only queue on its side. */
const CONNECTIONS = 4;
/** BMCs drop idle connections after 5–60 s; undici must not reuse one the BMC has closed. */
const KEEP_ALIVE_MS = 4_000;
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

export class RedfishHttp {
  readonly device: string;
  /** HTTP requests sent so far (logins included), to measure what a read costs. */
  requestCount = 0;
  /** Set by discovery from the service root before the first login. */
  sessionsUri = DEFAULT_SESSIONS_URI;
  private readonly base: URL;
  private readonly agent: Agent;
  private readonly options: RedfishOptions;
  private readonly auth: 'session' | 'basic' | 'none';
  private token: string | null = null;
  private sessionUri: string | null = null;
  /** Shared by concurrent calls, so parallel GETs log in once. */
  private loggingIn: Promise<string> | null = null;
  /** Latest ETag per resource path; absent when the last reply carried none. */
  private readonly etags = new Map<string, string>();

  constructor(options: RedfishOptions) {
    this.options = options;
    this.base = baseUrl(options.url);
    this.device = `redfish@${this.base.origin}`;
    if (options.auth !== undefined && options.username === undefined) {
      throw new ValidationError([
        {
          field: 'username',
          problem: `is required for ${options.auth} authentication`,
          fix: 'give the BMC user name and password, or leave auth unset for a service without authentication',
        },
      ]);
    }
    this.auth = options.auth ?? (options.username === undefined ? 'none' : 'session');
    const connect = options.insecure
      ? { rejectUnauthorized: false }
      : options.caPem === undefined
        ? {}
        : { ca: options.caPem };
    this.agent = new Agent({ connect, connections: CONNECTIONS, keepAliveTimeout: KEEP_ALIVE_MS });
  }

  /** GET a resource and decode it; `anonymous` skips authentication (the service root). */
  async get<S extends z.ZodType>(uri: string, schema: S, anonymous = false): Promise<z.output<S>> {
    const ctx = { device: this.device, command: `GET ${uri}` };
    const reply = anonymous ? await this.exchange('GET', uri) : await this.send('GET', uri);
    this.expectSuccess(reply, ctx);
    const json = parseJson(reply.text, ctx);
    this.remember(uri, reply.headers.get('etag') ?? bodyEtag(json));
    return decode(schema, json, reply.text, ctx);
  }

  /**
   * PATCH with `If-Match` when the service gave an ETag. A 412 (someone changed the resource since) or 428
   * (the service wants an ETag) re-reads the resource for a fresh one and tries once more.
   */
  async patch(uri: string, body: unknown): Promise<void> {
    const ctx = { device: this.device, command: `PATCH ${uri}` };
    for (let retried = false; ; retried = true) {
      const etag = this.etags.get(this.key(uri));
      const reply = await this.send('PATCH', uri, body, etag === undefined ? {} : { 'if-match': etag });
      if ((reply.status === 412 || reply.status === 428) && !retried) {
        await this.get(uri, z.unknown());
        continue;
      }
      this.expectSuccess(reply, ctx);
      // A 204 carries no ETag; the one held is stale now, and the re-read after a PATCH brings the new one.
      this.remember(uri, reply.headers.get('etag'));
      return;
    }
  }

  /** POST an action; any 2xx is success (a 202 task is not waited for). */
  async post(uri: string, body: unknown): Promise<void> {
    const reply = await this.send('POST', uri, body);
    this.expectSuccess(reply, { device: this.device, command: `POST ${uri}` });
  }

  /**
   * Logs out and drops the connections. A failed logout is not reported: the caller is shutting down, and the
   * BMC expires the session after `SessionTimeout` anyway.
   */
  async close(): Promise<void> {
    const token = this.token;
    const sessionUri = this.sessionUri;
    this.token = null;
    this.sessionUri = null;
    if (token !== null && sessionUri !== null) {
      await this.exchange('DELETE', sessionUri, undefined, { 'x-auth-token': token }).catch(() => undefined);
    }
    await this.agent.destroy();
  }

  private expectSuccess(reply: Reply, ctx: RedfishContext): void {
    if (reply.status >= 200 && reply.status <= 299) return;
    const hint =
      reply.status === 401
        ? this.auth === 'none'
          ? ' (the service needs credentials)'
          : ' (credentials refused)'
        : '';
    throw new ProtocolError(
      ctx.device,
      ctx.command,
      `${describeErrorReply(reply.status, reply.text)}${hint}`,
      reply.text,
    );
  }

  /** One authenticated request; a 401 on a session logs in again once (sessions expire when idle). */
  private async send(method: string, uri: string, body?: unknown, headers: Record<string, string> = {}) {
    for (let relogged = false; ; relogged = true) {
      const token = this.auth === 'session' ? await this.session() : null;
      const reply = await this.exchange(method, uri, body, { ...headers, ...this.authHeaders(token) });
      if (reply.status !== 401 || token === null || relogged) return reply;
      if (this.token === token) this.token = null;
    }
  }

  private authHeaders(token: string | null): Record<string, string> {
    if (token !== null) return { 'x-auth-token': token };
    if (this.auth !== 'basic') return {};
    const credentials = `${this.options.username ?? ''}:${this.options.password ?? ''}`;
    return { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
  }

  private session(): Promise<string> {
    if (this.token !== null) return Promise.resolve(this.token);
    this.loggingIn ??= this.login().finally(() => {
      this.loggingIn = null;
    });
    return this.loggingIn;
  }

  /**
   * POST the credentials to the session collection. Success is any 2xx (201 per the spec, 204 with no body from
   * DMTF's mockup server), and the token and the session's URI come from the headers only.
   */
  private async login(): Promise<string> {
    const command = `POST ${this.sessionsUri}`;
    const reply = await this.exchange('POST', this.sessionsUri, {
      UserName: this.options.username,
      Password: this.options.password ?? '',
    });
    if (reply.status === 401 || reply.status === 403) {
      throw new ProtocolError(
        this.device,
        command,
        'login refused: check the username and password',
        reply.text,
      );
    }
    this.expectSuccess(reply, { device: this.device, command });
    const token = reply.headers.get('x-auth-token');
    if (token === null || token === '') {
      throw new ProtocolError(
        this.device,
        command,
        'session created without an X-Auth-Token header',
        reply.text,
      );
    }
    this.token = token;
    this.sessionUri = reply.headers.get('location');
    return token;
  }

  private remember(uri: string, etag: string | null): void {
    if (etag === null) this.etags.delete(this.key(uri));
    else this.etags.set(this.key(uri), etag);
  }

  private key(uri: string): string {
    return this.resolve(uri, '').pathname;
  }

  /** Links are followed only on the BMC itself: a link elsewhere would carry the credentials off the box. */
  private resolve(uri: string, command: string): URL {
    let url: URL;
    try {
      url = new URL(uri, this.base);
    } catch (cause) {
      throw new ProtocolError(this.device, command, 'link is not a URI', uri, { cause });
    }
    if (url.origin !== this.base.origin) {
      throw new ProtocolError(this.device, command, `link leads off the service to ${url.origin}`, uri);
    }
    url.hash = '';
    return url;
  }

  private async exchange(
    method: string,
    uri: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const command = `${method} ${uri}`;
    const url = this.resolve(uri, command);
    const { timeoutMs } = this.options;
    const signal = AbortSignal.timeout(timeoutMs);
    const allHeaders: Record<string, string> = {
      accept: 'application/json',
      'odata-version': '4.0',
      ...headers,
    };
    if (body !== undefined) allHeaders['content-type'] = 'application/json';
    this.requestCount++;
    try {
      const response = await fetch(url, {
        method,
        headers: allHeaders,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        dispatcher: this.agent,
        signal,
      });
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (cause) {
      if (signal.aborted) {
        throw new DeviceTimeoutError(this.device, command, `no complete reply within ${timeoutMs} ms`, {
          cause,
        });
      }
      const code = errorCode(cause);
      if (TLS_TRUST.test(code)) {
        throw new ProtocolError(
          this.device,
          command,
          `TLS certificate not trusted (${code}): pin the BMC's CA with caPem, or set insecure`,
          '',
          { cause },
        );
      }
      throw new DeviceTimeoutError(this.device, command, `connection failed (${code})`, { cause });
    }
  }
}

function baseUrl(url: string): URL {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (parsed === null || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new ValidationError([
      {
        field: 'url',
        problem: 'must be an http(s) URL',
        value: url,
        fix: 'give the BMC address as https://HOST (or http://127.0.0.1:PORT for a simulator)',
      },
    ]);
  }
  return parsed;
}

/** The system error code under undici's `TypeError('fetch failed')`, or its message. */
function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
