/**
 * @module api/routes/system
 * What machines ask: liveness and readiness probes (public, not rate limited), Prometheus metrics (viewer),
 * and the OpenAPI document (public: it describes the API, it holds no data).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorReplies } from '../errors.ts';
import { type HttpMetrics, METRICS_CONTENT_TYPE, statusMetrics } from '../metrics.ts';
import type { RouteDeps } from '../types.ts';

export const systemRoutes: FastifyPluginAsyncZod<RouteDeps & { readonly http: HttpMetrics }> = async (
  app,
  deps,
) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async () => ({ ok: true as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public', rateLimit: false },
      schema: {
        tags: ['system'],
        summary: 'Readiness: the store answers (503 when it does not)',
        security: [],
        response: {
          200: z.object({
            ready: z.literal(true),
            lastCycleAtMs: z.number().nullable().describe('when the controller last reported; null: not yet'),
          }),
          ...errorReplies,
        },
      },
    },
    async () => {
      await deps.store.operatorState(deps.siteId);
      return { ready: true as const, lastCycleAtMs: deps.status()?.atMs ?? null };
    },
  );

  app.get(
    '/metrics',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['system'],
        summary: 'Prometheus metrics (text exposition format 0.0.4)',
        response: {
          200: { description: 'metrics', content: { 'text/plain': { schema: z.string() } } },
          ...errorReplies,
        },
      },
    },
    async (_request, reply) =>
      reply.type(METRICS_CONTENT_TYPE).send(statusMetrics(deps.status()) + deps.http.exposition()),
  );

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
};
