/** @module api/routes/alerts — the operator's alerts, and acknowledging one. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorReplies } from '../errors.ts';
import { alertSchema, limitQuery } from '../schemas.ts';
import type { RouteDeps } from '../types.ts';

export const alertRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    '/alerts',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['alerts'],
        summary: 'Alerts, newest first',
        querystring: z.object({
          open: z
            .enum(['true', 'false'])
            .meta({ fix: 'true for unacknowledged alerts only, false (default) for all' })
            .default('false'),
          limit: limitQuery(100, 1_000),
        }),
        response: { 200: z.array(alertSchema), ...errorReplies },
      },
    },
    async (request) =>
      deps.store.alerts(deps.siteId, { openOnly: request.query.open === 'true', limit: request.query.limit }),
  );

  app.post(
    '/alerts/:alertId/acknowledge',
    {
      config: {
        access: 'operator',
        audit: { action: 'alert.acknowledge', target: (p) => `alert ${p.alertId ?? ''}` },
      },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert (the first acknowledgement is kept)',
        params: z.object({
          alertId: z.coerce.number().int().min(1).meta({ fix: 'the alertId of an alert from GET /alerts' }),
        }),
        response: { 204: z.undefined().describe('acknowledged'), ...errorReplies },
      },
    },
    async (request, reply) => {
      await deps.store.acknowledgeAlert(request.params.alertId, request.principal!.name, deps.clock.nowMs());
      return reply.code(204).send();
    },
  );
};
