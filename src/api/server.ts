/**
 * @module api/server
 * The HTTP server: fastify with zod validation and serialisation, an OpenAPI 3 document at /api/openapi.json,
 * bearer-token roles on every route, an audit row for every operator action, per-client rate limiting,
 * Prometheus metrics, and a log that never holds the Authorization header. It binds 127.0.0.1 unless told
 * otherwise: anything wider belongs behind a TLS proxy.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAudit } from './audit.ts';
import { guardRoutes, TokenCache } from './auth.ts';
import { ApiError, errorHandler, notFoundHandler, validatorCompiler } from './errors.ts';
import { HttpMetrics } from './metrics.ts';
import { OperatorStateCache } from './operator-state.ts';
import { alertRoutes } from './routes/alerts.ts';
import { historyRoutes } from './routes/history.ts';
import { liveRoutes } from './routes/live.ts';
import { operatorRoutes } from './routes/operator.ts';
import { reportRoutes } from './routes/reports.ts';
import { runRoutes } from './routes/runs.ts';
import { statusRoutes } from './routes/status.ts';
import { systemRoutes } from './routes/system.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { webRoutes } from './routes/web.ts';
import { EventHub } from './stream.ts';
import type { ApiServerOptions, RouteDeps } from './types.ts';

export type ApiServer = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Bodies are a mode or a power figure: anything bigger is a mistake or an attack. */
const BODY_LIMIT_BYTES = 16 * 1024;
const DEFAULT_RATE_LIMIT = { max: 600, timeWindowMs: 60_000 };
const REDACT = {
  paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'authorization'],
  censor: '[redacted]',
};

/** Fastify's own request line plus the headers, which REDACT scrubs of credentials. */
const requestSerializer = (req: FastifyRequest) => ({
  method: req.method,
  url: req.url,
  remoteAddress: req.ip,
  headers: req.headers,
});

/**
 * zod copies `.meta({ fix })` into the JSON schema as `fix`, which OpenAPI 3.0 does not allow in a schema;
 * `x-fix` is the same hint as an allowed extension. A property *named* fix holds a schema, not a string.
 */
function extensionFix(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(extensionFix);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) =>
      key === 'fix' && typeof child === 'string' ? ['x-fix', child] : [key, extensionFix(child)],
    ),
  );
}

/** The OpenAPI operation also states the least role it needs (`x-switchyard-role`); public ones need no token. */
const transform: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  const access = input.route.config?.access;
  const extra = access === 'public' ? { security: [] } : { 'x-switchyard-role': access };
  return { ...out, schema: { ...(extensionFix(out.schema) as typeof out.schema), ...extra } };
};

export async function buildApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { store, siteId } = options;
  const clock = options.clock ?? { nowMs: () => Date.now() };
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const http = new HttpMetrics();
  const logger: FastifyBaseLogger = options.log.child(
    { component: 'api' },
    { redact: REDACT, serializers: { req: requestSerializer } },
  );
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: BODY_LIMIT_BYTES,
    // A HEAD twin of every GET would pass through guardRoutes a second time; nothing here needs HEAD.
    exposeHeadRoutes: false,
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Switchyard site API',
        version: 'v1',
        description: `Site ${siteId}. Send Authorization: Bearer <token>; each operation names its least role.`,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform,
  });
  await app.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.timeWindowMs,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        context.statusCode,
        'RATE_LIMITED',
        `more than ${context.max} requests in ${limit.timeWindowMs / 1000} s; retry in ${context.after}`,
      ),
  });
  // Probing for routes costs a request like any other.
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, notFoundHandler);
  // After the rate limiter: its hook is then first on every route.
  const tokens = new TokenCache(store, () => clock.nowMs());
  guardRoutes(app, tokens);
  registerAudit(app, store, siteId, clock);
  app.addHook('onResponse', async (request, reply) => {
    http.observe(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  const deps: RouteDeps = {
    store,
    siteId,
    status: options.status,
    actions: options.actions,
    clock,
    hub: options.hub ?? new EventHub(),
    tokens,
    operator: new OperatorStateCache(store, siteId),
    ...(options.carbon === undefined ? {} : { carbon: options.carbon }),
  };
  await app.register(systemRoutes, { ...deps, http });
  await app.register(
    async (v1) => {
      await v1.register(statusRoutes, deps);
      await v1.register(alertRoutes, deps);
      await v1.register(historyRoutes, deps);
      await v1.register(liveRoutes, deps);
      await v1.register(reportRoutes, deps);
      if (options.runs !== undefined) await v1.register(runRoutes, { ...deps, runs: options.runs });
      await v1.register(operatorRoutes, deps);
      await v1.register(tokenRoutes, deps);
    },
    { prefix: '/api/v1' },
  );
  if (options.webDir !== undefined) await app.register(webRoutes, { webDir: options.webDir });
  return app;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Listens (127.0.0.1 unless `host` says otherwise) and returns the base URL, e.g. http://127.0.0.1:8080. */
export async function startApiServer(
  app: ApiServer,
  options: { readonly host?: string; readonly port: number },
): Promise<string> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) {
    app.log.warn(
      { host },
      'the API listens beyond loopback: put it behind a TLS proxy, tokens travel in clear',
    );
  }
  await app.listen({ host, port: options.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
