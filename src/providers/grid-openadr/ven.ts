/**
 * @module providers/grid-openadr/ven
 * OpenADR 3.0.1 VEN client: OAuth 2 client credentials, then the VTN's REST API (PROTOCOLS.md §4.1). Polling
 * `events()` every 30–60 s is the baseline; `subscribe()` adds webhooks where the site is reachable.
 *
 * Every public call settles within `timeoutMs`, token fetch, paging and the one retry after a 401 included.
 * Errors: no reply → `DeviceTimeoutError`; an error status, a refused token or a body that is not the protocol
 * → `ProtocolError` (with the problem's title and detail, or the OAuth error and its fix).
 */
import { z } from 'zod';
import { ProtocolError, ValidationError } from '../../errors.ts';
import { exchange, type HttpReply, replyError, tokenError } from './http.ts';
import { decodeBody, tokenReplySchema } from './messages.ts';
import {
  type CrudOperation,
  type EventInput,
  type OadrEvent,
  type OadrProgram,
  type OadrReport,
  type OadrSubscription,
  type OadrVenObject,
  type ObjectType,
  type ReportInput,
  storedEventSchema,
  storedProgramSchema,
  storedReportSchema,
  storedSubscriptionSchema,
  storedVenSchema,
} from './protocol.ts';

export interface OadrVenOptions {
  /** VTN base including the version path, e.g. `https://vtn.example/openadr3/3.0.1`. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Our VEN name: the `clientName` of reports and subscriptions, and the VEN object's `venName`. */
  readonly venName: string;
  /** Bound on each public call, ms. */
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
  /** Decides token expiry; injected so tests control time. */
  readonly clock?: () => number;
  /** Objects per list page; 50 is the 3.0.1 maximum. */
  readonly pageLimit?: number;
}

export interface SubscribeRequest {
  readonly programID: string;
  /** Where the VTN POSTs notifications (see `startNotificationListener`). */
  readonly callbackUrl: string;
  /** The VTN sends it back as `Authorization: Bearer …`, so the listener knows the caller. */
  readonly bearerToken: string;
  /** Default `['EVENT']`. */
  readonly objects?: readonly ObjectType[];
  /** 3.0.1 words; default `['CREATE', 'UPDATE', 'DELETE']`. */
  readonly operations?: readonly CrudOperation[];
}

export interface TokenInfo {
  /** `expires_in` of the token reply; null when the VTN gives none (the token is then used until a 401). */
  readonly expiresInS: number | null;
}

interface CachedToken extends TokenInfo {
  readonly accessToken: string;
  readonly refreshAtMs: number;
}

/** Refresh this long before expiry (or a tenth of the lifetime, if shorter) so a call never carries a stale token. */
const TOKEN_MARGIN_S = 60;
const MAX_PAGE_LIMIT = 50;
/** A VTN that keeps returning full pages (ignoring `skip`) must not loop us forever. */
const MAX_LISTED_OBJECTS = 10_000;

type Query = Readonly<Record<string, string | number | undefined>>;

export class OadrVen {
  readonly device: string;
  readonly venName: string;
  private readonly options: OadrVenOptions;
  private readonly base: string;
  private readonly fetchImpl: typeof fetch;
  private readonly clock: () => number;
  private readonly pageLimit: number;
  private token: CachedToken | null = null;

  constructor(options: OadrVenOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    if (!URL.canParse(this.base)) {
      const fix = 'e.g. https://vtn.example/openadr3/3.0.1';
      throw new ValidationError([
        { field: 'baseUrl', problem: 'must be an absolute URL', value: options.baseUrl, fix },
      ]);
    }
    const pageLimit = options.pageLimit ?? MAX_PAGE_LIMIT;
    if (!Number.isInteger(pageLimit) || pageLimit < 1 || pageLimit > MAX_PAGE_LIMIT) {
      const fix = 'leave it unset (50) or pick 1..50';
      throw new ValidationError([{ field: 'pageLimit', problem: 'must be 1..50', value: pageLimit, fix }]);
    }
    this.options = options;
    this.venName = options.venName;
    this.device = `vtn@${new URL(this.base).host}`;
    this.fetchImpl = options.fetch ?? fetch;
    this.clock = options.clock ?? Date.now;
    this.pageLimit = pageLimit;
  }

  /** A valid token (the cached one while fresh) and its advertised lifetime. */
  async authenticate(): Promise<TokenInfo> {
    const token = await this.bearer(this.deadline(), false);
    return { expiresInS: token.expiresInS };
  }

  programs(): Promise<OadrProgram[]> {
    return this.list('/programs', {}, storedProgramSchema, 'a list of programs', this.deadline());
  }

  events(query: { readonly programID?: string } = {}): Promise<OadrEvent[]> {
    const params = { programID: query.programID };
    return this.list('/events', params, storedEventSchema, 'a list of events', this.deadline());
  }

  /** Our VEN object: found by `venName`, or created once. */
  async ensureVen(): Promise<OadrVenObject> {
    const signal = this.deadline();
    const query = { venName: this.venName };
    const found = await this.list('/vens', query, storedVenSchema, 'a list of VENs', signal);
    const mine = found.find((ven) => ven.venName === this.venName);
    if (mine !== undefined) return mine;
    return this.call('POST', '/vens', {}, { venName: this.venName }, storedVenSchema, 'a VEN', signal);
  }

  /**
   * Publishes an event: the business-logic side of the VTN (`write_events` scope), for the operator's own
   * tests and the simulated site's demo — a VEN's credentials get 403.
   */
  createEvent(event: EventInput): Promise<OadrEvent> {
    return this.call('POST', '/events', {}, event, storedEventSchema, 'an event', this.deadline());
  }

  /** The reports this VEN has posted (`clientName` = our VEN name), oldest first as the VTN lists them. */
  reports(): Promise<OadrReport[]> {
    const query = { clientName: this.venName };
    return this.list('/reports', query, storedReportSchema, 'a list of reports', this.deadline());
  }

  postReport(report: ReportInput): Promise<OadrReport> {
    return this.call('POST', '/reports', {}, report, storedReportSchema, 'a report', this.deadline());
  }

  subscribe(request: SubscribeRequest): Promise<OadrSubscription> {
    const body = {
      clientName: this.venName,
      programID: request.programID,
      objectOperations: [
        {
          objects: request.objects ?? ['EVENT'],
          operations: request.operations ?? ['CREATE', 'UPDATE', 'DELETE'],
          callbackUrl: request.callbackUrl,
          bearerToken: request.bearerToken,
        },
      ],
    };
    const what = 'a subscription';
    return this.call('POST', '/subscriptions', {}, body, storedSubscriptionSchema, what, this.deadline());
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.options.timeoutMs);
  }

  private send(command: string, url: string, init: RequestInit, signal: AbortSignal): Promise<HttpReply> {
    const request = { device: this.device, command, url, init, signal, timeoutMs: this.options.timeoutMs };
    return exchange(this.fetchImpl, request);
  }

  private async bearer(signal: AbortSignal, refresh: boolean): Promise<CachedToken> {
    if (!refresh && this.token !== null && this.clock() < this.token.refreshAtMs) return this.token;
    this.token = null;
    const context = { device: this.device, command: 'POST /auth/token' };
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    });
    const init = {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    };
    const obtainedAtMs = this.clock();
    const reply = await this.send(context.command, `${this.base}/auth/token`, init, signal);
    if (reply.status < 200 || reply.status > 299) throw tokenError(context, reply);
    const body = decodeBody(tokenReplySchema, reply.text, context, 'a token reply');
    const expiresInS = body.expires_in ?? null;
    const marginS = expiresInS === null ? 0 : Math.min(TOKEN_MARGIN_S, expiresInS / 10);
    const refreshAtMs =
      expiresInS === null ? Number.POSITIVE_INFINITY : obtainedAtMs + (expiresInS - marginS) * 1000;
    this.token = { accessToken: body.access_token, expiresInS, refreshAtMs };
    return this.token;
  }

  /** One API call with a bearer token; a 401 (token revoked or expired early) refreshes it and retries once. */
  private async call<T>(
    method: string,
    path: string,
    query: Query,
    body: unknown,
    schema: z.ZodType<T>,
    what: string,
    signal: AbortSignal,
  ): Promise<T> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const pathAndQuery = params.size > 0 ? `${path}?${params}` : path;
    const command = `${method} ${pathAndQuery}`;
    const attempt = async (refresh: boolean) => {
      const token = await this.bearer(signal, refresh);
      const headers: Record<string, string> = {
        accept: 'application/json',
        authorization: `Bearer ${token.accessToken}`,
      };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const init = { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) };
      return this.send(command, `${this.base}${pathAndQuery}`, init, signal);
    };
    let reply = await attempt(false);
    if (reply.status === 401) reply = await attempt(true);
    const context = { device: this.device, command };
    if (reply.status < 200 || reply.status > 299) throw replyError(context, reply);
    return decodeBody(schema, reply.text, context, what);
  }

  /**
   * Every object of a collection, page by page (`skip`, `limit`). Ids already seen are dropped, and a page
   * that adds nothing new ends the walk, so a VTN that ignores `skip` still terminates. An object created or
   * deleted mid-walk can shift a page past us; the next poll (30–60 s) picks it up.
   */
  private async list<T extends { readonly id: string }>(
    path: string,
    query: Query,
    schema: z.ZodType<T>,
    what: string,
    signal: AbortSignal,
  ): Promise<T[]> {
    const seen = new Map<string, T>();
    const limit = this.pageLimit;
    for (let skip = 0; ; skip += limit) {
      const page = await this.call(
        'GET',
        path,
        { ...query, skip, limit },
        undefined,
        z.array(schema),
        what,
        signal,
      );
      const before = seen.size;
      for (const item of page) if (!seen.has(item.id)) seen.set(item.id, item);
      if (page.length < limit || seen.size === before) return [...seen.values()];
      if (seen.size > MAX_LISTED_OBJECTS) {
        const problem = `more than ${MAX_LISTED_OBJECTS} objects; the VTN may be ignoring skip`;
        throw new ProtocolError(this.device, `GET ${path}`, problem, '');
      }
    }
  }
}
