/**
 * @module api/routes/operator
 * The operator's hand on the site: auto or manual mode, and a power override per fleet (mining, AI). Each
 * action is put to the running controller first, which may refuse it, and only then stored: the stored state
 * is what the controller has accepted, and what it resumes with after a restart.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import type { FleetOverride, OperatorState } from '../../store/types.ts';
import { errorReplies } from '../errors.ts';
import { operatorStateSchema, operatorStateView } from '../schemas.ts';
import type { RouteDeps } from '../types.ts';

const fleetParams = z.object({
  fleet: z.enum(['mining', 'ai']).meta({ fix: 'mining (the miners) or ai (the GPU servers)' }),
});

const overrideBody = z.object({
  powerW: z
    .number()
    .min(0)
    .meta({ fix: 'the IT power the whole fleet may draw, W, ≥ 0 (0 curtails it), e.g. 1500000' }),
  untilMs: z
    .number()
    .int()
    .meta({ fix: 'when the override lapses, epoch ms in the future; leave it out to hold until cleared' })
    .optional(),
});

export const operatorRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  const { store, siteId, clock, actions, operator } = deps;
  const stored = (state: OperatorState) => {
    operator.set(state);
    return operatorStateView(siteId, state);
  };

  app.get(
    '/operator',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['operator'],
        summary: 'The operator mode and fleet overrides in force',
        response: { 200: operatorStateSchema, ...errorReplies },
      },
    },
    async () => operatorStateView(siteId, await operator.get()),
  );

  app.put(
    '/operator/mode',
    {
      config: { access: 'operator', audit: { action: 'operator.set-mode', target: () => `site ${siteId}` } },
      schema: {
        tags: ['operator'],
        summary: 'auto: follow the plan; manual: hold, and change targets only by override',
        body: z.object({
          mode: z
            .enum(['auto', 'manual'])
            .meta({ fix: 'auto (follow the plan) or manual (hold; overrides only)' }),
        }),
        response: { 200: operatorStateSchema, ...errorReplies },
      },
    },
    async (request) => {
      const by = request.principal!;
      await actions.setMode(request.body.mode, by);
      return stored(
        await store.setOperatorState(siteId, { mode: request.body.mode }, by.name, clock.nowMs()),
      );
    },
  );

  app.put(
    '/operator/fleets/:fleet/override',
    {
      config: {
        access: 'operator',
        audit: { action: 'operator.override-power', target: (p) => `fleet ${p.fleet ?? ''}` },
      },
      schema: {
        tags: ['operator'],
        summary: "Hold a fleet's IT power at powerW (until untilMs, or until cleared)",
        params: fleetParams,
        body: overrideBody,
        response: { 200: operatorStateSchema, ...errorReplies },
      },
    },
    async (request) => {
      const nowMs = clock.nowMs();
      const { powerW, untilMs } = request.body;
      if (untilMs !== undefined && untilMs <= nowMs) {
        throw new ValidationError([
          {
            field: 'body.untilMs',
            problem: `must be in the future (now is ${nowMs})`,
            value: untilMs,
            fix: 'give a later epoch ms, or leave untilMs out to hold until cleared',
          },
        ]);
      }
      const override: FleetOverride = { powerW, untilMs: untilMs ?? null };
      const by = request.principal!;
      await actions.overridePower(request.params.fleet, override, by);
      return stored(
        await store.setOperatorState(
          siteId,
          { fleet: { fleet: request.params.fleet, override } },
          by.name,
          nowMs,
        ),
      );
    },
  );

  app.delete(
    '/operator/fleets/:fleet/override',
    {
      config: {
        access: 'operator',
        audit: { action: 'operator.clear-override', target: (p) => `fleet ${p.fleet ?? ''}` },
      },
      schema: {
        tags: ['operator'],
        summary: 'Hand a fleet back to the plan',
        params: fleetParams,
        response: { 200: operatorStateSchema, ...errorReplies },
      },
    },
    async (request) => {
      const by = request.principal!;
      await actions.overridePower(request.params.fleet, null, by);
      return stored(
        await store.setOperatorState(
          siteId,
          { fleet: { fleet: request.params.fleet, override: null } },
          by.name,
          clock.nowMs(),
        ),
      );
    },
  );
};
