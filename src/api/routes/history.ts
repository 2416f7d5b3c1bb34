/**
 * @module api/routes/history
 * What the store recorded: decisions, the latest plan, telemetry and revenue over a time window. Windows are
 * `fromMs <= atMs < toMs`; telemetry defaults to the last hour and is capped in rows, because a large site
 * writes one row per machine per cycle.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import { MS_PER_HOUR } from '../../series/utc-time.ts';
import { errorReplies } from '../errors.ts';
import {
  decisionSchema,
  limitQuery,
  msQuery,
  planSchema,
  revenueSchema,
  telemetrySchema,
} from '../schemas.ts';
import type { RouteDeps } from '../types.ts';

const windowQuery = {
  fromMs: msQuery(
    'the window start, epoch ms (default: toMs − 1 h for telemetry, all for revenue)',
  ).optional(),
  toMs: msQuery('the window end (exclusive), epoch ms, after fromMs (default: now)').optional(),
};

/** An empty or reversed window is a mistake worth naming, not an empty reply. */
export function checkWindow(fromMs: number, toMs: number): void {
  if (toMs <= fromMs) {
    throw new ValidationError([
      {
        field: 'query.toMs',
        problem: `must be after fromMs (${fromMs})`,
        value: toMs,
        fix: 'give toMs > fromMs, both epoch ms',
      },
    ]);
  }
}

export const historyRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    '/decisions',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['history'],
        summary: 'Controller decisions, newest first',
        querystring: z.object({ limit: limitQuery(100, 1_000) }),
        response: { 200: z.array(decisionSchema), ...errorReplies },
      },
    },
    async (request) => deps.store.decisions(deps.siteId, { limit: request.query.limit }),
  );

  app.get(
    '/plans/latest',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['history'],
        summary: 'The newest plan: power per workload per interval',
        response: { 200: z.object({ plan: planSchema.nullable() }), ...errorReplies },
      },
    },
    async () => ({ plan: (await deps.store.latestPlan(deps.siteId)) ?? null }),
  );

  app.get(
    '/telemetry',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['history'],
        summary: 'Machine readings in a window, oldest first',
        querystring: z.object({
          ...windowQuery,
          machineId: z.string().min(1).meta({ fix: 'a machineId from GET /machines' }).optional(),
          limit: limitQuery(10_000, 100_000),
        }),
        response: {
          200: z.object({
            fromMs: z.number(),
            toMs: z.number(),
            truncated: z.boolean().describe('true when limit rows came back: ask again from the last atMs'),
            rows: z.array(telemetrySchema),
          }),
          ...errorReplies,
        },
      },
    },
    async (request) => {
      const { machineId, limit } = request.query;
      const toMs = request.query.toMs ?? deps.clock.nowMs();
      const fromMs = request.query.fromMs ?? toMs - MS_PER_HOUR;
      checkWindow(fromMs, toMs);
      const rows = await deps.store.telemetry(deps.siteId, {
        fromMs,
        toMs,
        limit,
        ...(machineId === undefined ? {} : { machineId }),
      });
      return { fromMs, toMs, truncated: rows.length === limit, rows };
    },
  );

  app.get(
    '/revenue',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['history'],
        summary: 'Mining revenue and energy cost accrued per interval, oldest first',
        querystring: z.object(windowQuery),
        response: { 200: z.array(revenueSchema), ...errorReplies },
      },
    },
    async (request) => {
      const { fromMs, toMs } = request.query;
      if (fromMs !== undefined && toMs !== undefined) checkWindow(fromMs, toMs);
      return deps.store.revenueAccruals(deps.siteId, {
        ...(fromMs === undefined ? {} : { fromMs }),
        ...(toMs === undefined ? {} : { toMs }),
      });
    },
  );
};
