/**
 * The HTTP API on a real socket (127.0.0.1, port 0) over an in-memory PGlite store, with one token per role,
 * a log captured line by line, and operator actions that record their calls (or refuse, when told to).
 */
import pino from 'pino';
import {
  type ApiServer,
  buildApiServer,
  createApiToken,
  type SiteStatus,
  startApiServer,
} from '../../src/api/index.ts';
import type { EventHub } from '../../src/api/stream.ts';
import type { RunExecutor } from '../../src/runs/executor.ts';
import type { ApiRole, OperatorChange, OperatorState, SqlStore } from '../../src/store/index.ts';

export const SITE_ID = 'api-site';

export type ActionCall =
  | { readonly action: 'check'; readonly change: OperatorChange; readonly by: string }
  | { readonly action: 'apply'; readonly state: OperatorState };

export interface Reply {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON came back
  readonly body: any;
  readonly text: string;
  readonly headers: Headers;
}

export interface RunningApi {
  readonly app: ApiServer;
  readonly url: string;
  readonly tokens: Readonly<Record<ApiRole, string>>;
  /** Every line the server logged. */
  readonly logs: string[];
  readonly calls: ActionCall[];
  status: SiteStatus | undefined;
  /** When set, the operator actions throw it (the controller refusing). */
  refusal: Error | undefined;
  /** `as`: a role's token, a raw Authorization value, or null for none. */
  call(
    method: string,
    path: string,
    options?: { as?: ApiRole | { authorization: string } | null; body?: unknown; rawBody?: string },
  ): Promise<Reply>;
  close(): Promise<void>;
}

/** A site with two machines and a token per role in `store`; returns the tokens. */
export async function seedApiSite(store: SqlStore): Promise<Record<ApiRole, string>> {
  await store.upsertSite({ siteId: SITE_ID, name: 'API test site', config: {} });
  await store.upsertMachines(
    ['m0', 'g0'].map((machineId, n) => ({
      siteId: SITE_ID,
      machineId,
      kind: n === 0 ? ('miner' as const) : ('gpu-server' as const),
      firmware: n === 0 ? 'luxos' : 'redfish',
      host: `10.0.0.${n}`,
      port: n === 0 ? 4028 : 443,
      ratedPowerW: n === 0 ? 3_500 : 10_200,
    })),
  );
  const tokens = {} as Record<ApiRole, string>;
  for (const role of ['viewer', 'operator', 'admin'] as const) {
    tokens[role] = (await createApiToken(store, `${role}-token`, role)).token;
  }
  return tokens;
}

export async function startApi(
  store: SqlStore,
  tokens: Readonly<Record<ApiRole, string>>,
  options: {
    rateLimit?: { max: number; timeWindowMs: number };
    /** The live stream's hub, to publish into; a quiet one of the server's own when absent. */
    hub?: EventHub;
    /** A run executor: the /runs routes are served only with one. */
    runs?: RunExecutor;
    webDir?: string;
    trustProxy?: string;
  } = {},
): Promise<RunningApi> {
  const logs: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const calls: ActionCall[] = [];
  const running = {
    logs,
    calls,
    tokens,
    status: undefined as SiteStatus | undefined,
    refusal: undefined as Error | undefined,
  };
  const app = await buildApiServer({
    store,
    siteId: SITE_ID,
    status: () => running.status,
    actions: {
      async check(change, by) {
        if (running.refusal) throw running.refusal;
        calls.push({ action: 'check', change, by: by.name });
      },
      apply(state) {
        calls.push({ action: 'apply', state });
      },
    },
    log,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
    ...(options.hub === undefined ? {} : { hub: options.hub }),
    ...(options.runs === undefined ? {} : { runs: options.runs }),
    ...(options.webDir === undefined ? {} : { webDir: options.webDir }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  const url = await startApiServer(app, { port: 0 });
  return Object.assign(running, {
    app,
    url,
    async call(method: string, path: string, o: Parameters<RunningApi['call']>[2] = {}) {
      const as = o.as === undefined ? 'viewer' : o.as;
      const headers: Record<string, string> = {};
      if (typeof as === 'string') headers.authorization = `Bearer ${tokens[as]}`;
      else if (as !== null) headers.authorization = as.authorization;
      const body = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
      if (body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      const json =
        response.headers.get('content-type')?.includes('json') && text !== '' ? JSON.parse(text) : undefined;
      return { status: response.status, body: json, text, headers: response.headers };
    },
    close: () => app.close(),
  });
}
