/**
 * @module api/routes/operator
 * The operator's hand on the site: auto or manual mode, and a power override per fleet (mining, AI). Each
 * change is checked with the running controller first, which may refuse it (nothing is stored then), then stored,
 * and the stored state is what the controller runs from its next cycle and resumes with after a restart.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import pLimit from 'p-limit';
import { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import type { FleetOverride, OperatorChange } from '../../store/types.ts';
import { errorReplies } from '../errors.ts';
import { operatorStateSchema, operatorStateView } from '../schemas.ts';
import type { Principal, RouteDeps } from '../types.ts';

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
  // One change at a time: check, store, hand the stored row to the controller, so the controller, the store and
  // this server's copy never disagree about which of two concurrent changes came last.
  const oneAtATime = pLimit(1);
  const change = (
    request: { principal: Principal | undefined },
    what: OperatorChange,
    nowMs = clock.nowMs(),
  ) =>
    oneAtATime(async () => {
      const by = request.principal!;
      await actions.check(what, by);
      const state = await store.setOperatorState(siteId, what, by.name, nowMs);
      actions.apply(state);
      operator.set(state);
      return operatorStateView(siteId, state, nowMs);
    });

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
    async () => operatorStateView(siteId, await operator.get(), clock.nowMs()),
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
    async (request) => change(request, { mode: request.body.mode }),
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
      return change(request, { fleet: { fleet: request.params.fleet, override } }, nowMs);
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
    async (request) => change(request, { fleet: { fleet: request.params.fleet, override: null } }),
  );
};
