/** @module api/routes/status — the live site (power split, machine states) and the machine list. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorReplies } from '../errors.ts';
import { machineSchema, operatorStateSchema, operatorStateView } from '../schemas.ts';
import { type RouteDeps, siteStatusSchema } from '../types.ts';

export const statusRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  app.get(
    '/status',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['site'],
        summary: 'The power split and machine states of the last cycle, and the operator mode',
        response: {
          200: z.object({
            live: siteStatusSchema.nullable().describe('null until the controller has run a cycle'),
            operator: operatorStateSchema,
          }),
          ...errorReplies,
        },
      },
    },
    async () => ({
      live: deps.status() ?? null,
      operator: operatorStateView(deps.siteId, await deps.operator.get(), deps.clock.nowMs()),
    }),
  );

  app.get(
    '/whoami',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['site'],
        summary:
          'The token this request came with: its name and role (a dashboard shows only what it may do)',
        response: {
          200: z.object({
            siteId: z.string(),
            name: z.string(),
            role: z.enum(['viewer', 'operator', 'admin']),
          }),
          ...errorReplies,
        },
      },
    },
    async (request) => ({
      siteId: deps.siteId,
      name: request.principal!.name,
      role: request.principal!.role,
    }),
  );

  app.get(
    '/machines',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['site'],
        summary: 'Every machine with its nameplate and newest stored reading',
        response: { 200: z.array(machineSchema), ...errorReplies },
      },
    },
    async () => {
      const [machines, latest] = await Promise.all([
        deps.store.listMachines(deps.siteId),
        deps.store.latestTelemetry(deps.siteId),
      ]);
      const byId = new Map(latest.map((t) => [t.machineId, t]));
      return machines.map(({ siteId: _siteId, ...m }) => ({ ...m, latest: byId.get(m.machineId) ?? null }));
    },
  );
};
