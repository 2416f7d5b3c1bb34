/**
 * The one way the dashboard talks to the API: bearer token on every call, JSON both ways, and every refusal
 * turned into an `ApiFailure` carrying the server's code, message and per-field issues, so the view can show
 * them beside the control that caused them. A 401 also signs the browser out: the token is no good anywhere.
 */
import type { ApiErrorBody } from './types.ts';

type Issue = NonNullable<ApiErrorBody['error']['issues']>[number];

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface ApiClient {
  get<T>(path: string, query?: Query): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** For the stream, which reads the body itself. */
  open(path: string, init: { signal: AbortSignal; accept: string }): Promise<Response>;
}

const API_BASE = '/api/v1';

function withQuery(path: string, query: Query | undefined): string {
  const pairs = Object.entries(query ?? {}).filter(
    (e): e is [string, string | number | boolean] => e[1] !== undefined,
  );
  return pairs.length === 0 ? path : `${path}?${new URLSearchParams(pairs.map(([k, v]) => [k, String(v)]))}`;
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const text = await response.text();
  try {
    const { error } = JSON.parse(text) as ApiErrorBody;
    return new ApiFailure(response.status, error.code, error.message, error.issues);
  } catch {
    // Not our JSON: a proxy's page or a dropped connection. Say what came back rather than nothing.
    return new ApiFailure(
      response.status,
      'HTTP',
      `HTTP ${response.status}: ${text.slice(0, 200) || response.statusText}`,
    );
  }
}

export function createClient(token: string, onUnauthorized: (failure: ApiFailure) => void): ApiClient {
  const call = async (path: string, init: RequestInit & { accept?: string }): Promise<Response> => {
    const { accept = 'application/json', ...request } = init;
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}`, {
        ...request,
        headers: {
          authorization: `Bearer ${token}`,
          accept,
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      throw new ApiFailure(0, 'NETWORK', 'the server cannot be reached; is it running?');
    }
    if (response.ok) return response;
    const failure = await failureOf(response);
    if (response.status === 401) onUnauthorized(failure);
    throw failure;
  };
  const json = async <T>(response: Response): Promise<T> =>
    (response.status === 204 ? undefined : await response.json()) as T;
  return {
    get: async (path, query) => json(await call(withQuery(path, query), { method: 'GET' })),
    send: async (method, path, body) =>
      json(await call(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })),
    open: (path, { signal, accept }) => call(path, { method: 'GET', signal, accept }),
  };
}
