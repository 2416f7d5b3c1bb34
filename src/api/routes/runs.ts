/**
 * @module api/routes/runs
 * Backtests and Monte-Carlo simulations of the example sites, in the background: start one (operator), follow
 * it, fetch its result once done, cancel it (operator). A request the run could not start on (an unknown site,
 * a date range outside the shipped history) is refused at once with the field and the fix, before it is queued.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../errors.ts';
import { checkRunRequest } from '../../runs/check.ts';
import type { RunExecutor } from '../../runs/executor.ts';
import { ApiError, errorReplies } from '../errors.ts';
import {
  backtestResultSchema,
  runRequestSchema,
  runSummarySchema,
  simulateResultSchema,
} from '../run-schemas.ts';
import { limitQuery } from '../schemas.ts';
import type { RouteDeps } from '../types.ts';

export type RunRouteDeps = RouteDeps & { readonly runs: RunExecutor };

const runParams = z.object({
  runId: z.string().min(1).meta({ fix: 'the runId of a run from GET /api/v1/runs' }),
});

const noSuchRun = (runId: string): NotFoundError =>
  new NotFoundError(`there is no run ${runId}; GET /api/v1/runs lists them`);

/** The body's kind, for the audit target; the body may not have passed validation (or been read) yet. */
function kindOf(body: unknown): string {
  const kind = (body as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === 'string' ? kind : '(no kind)';
}

export const runRoutes: FastifyPluginAsyncZod<RunRouteDeps> = async (app, deps) => {
  const { runs } = deps;

  app.post(
    '/runs',
    {
      config: {
        access: 'operator',
        audit: { action: 'run.start', target: (_p, body) => `run ${kindOf(body)}` },
      },
      schema: {
        tags: ['runs'],
        summary:
          'Start a backtest or a Monte-Carlo simulation of an example site; it waits queued behind others',
        body: runRequestSchema,
        response: { 202: runSummarySchema, ...errorReplies },
      },
    },
    async (request, reply) => {
      checkRunRequest(request.body);
      return reply.code(202).send(await runs.submit(request.body, request.principal!.name));
    },
  );

  app.get(
    '/runs',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['runs'],
        summary: 'Runs, newest first',
        querystring: z.object({ limit: limitQuery(50, 500) }),
        response: { 200: z.array(runSummarySchema), ...errorReplies },
      },
    },
    async (request) => runs.list(request.query.limit),
  );

  app.get(
    '/runs/:runId',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['runs'],
        summary: 'One run: its status and progress',
        params: runParams,
        response: { 200: runSummarySchema, ...errorReplies },
      },
    },
    async (request) => {
      const run = await runs.get(request.params.runId);
      if (run === undefined) throw noSuchRun(request.params.runId);
      return run;
    },
  );

  app.get(
    '/runs/:runId/result',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['runs'],
        summary: 'The result of a done run (409 RUN_NOT_DONE before)',
        params: runParams,
        response: { 200: z.union([backtestResultSchema, simulateResultSchema]), ...errorReplies },
      },
    },
    async (request) => {
      const { runId } = request.params;
      const run = await runs.get(runId);
      if (run === undefined) throw noSuchRun(runId);
      if (run.status !== 'done') {
        const why = run.status === 'failed' ? `: ${run.error}` : '';
        throw new ApiError(
          409,
          'RUN_NOT_DONE',
          `run ${runId} is ${run.status}${why}; a result exists once its status is done`,
        );
      }
      const result = await runs.result(runId);
      if (result === undefined) throw noSuchRun(runId);
      return result;
    },
  );

  app.delete(
    '/runs/:runId',
    {
      config: {
        access: 'operator',
        audit: { action: 'run.cancel', target: (p) => `run ${p.runId ?? ''}` },
      },
      schema: {
        tags: ['runs'],
        summary: 'Cancel a queued or running run (409 when it has already finished)',
        params: runParams,
        response: { 200: runSummarySchema, ...errorReplies },
      },
    },
    async (request) => {
      const { runId } = request.params;
      const cancelled = await runs.cancel(runId);
      if (cancelled.outcome === 'missing') throw noSuchRun(runId);
      if (cancelled.outcome === 'finished') {
        throw new ApiError(409, 'RUN_FINISHED', `run ${runId} is already ${cancelled.run.status}`);
      }
      return cancelled.run;
    },
  );
};
