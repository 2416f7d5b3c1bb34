/**
 * @module api/routes/live
 * What the dashboard draws: the live stream (server-sent events), the site's power split over a window, and what
 * each workload earned, paid and emitted over it. Windows are `fromMs <= atMs < toMs`, bucketed so a chart never
 * gets more points than it can draw (about 600 unless `stepS` asks otherwise).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ValidationError } from '../../errors.ts';
import { MS_PER_HOUR } from '../../series/utc-time.ts';
import type { AccrualBucket } from '../../store/types.ts';
import { ApiError, errorReplies } from '../errors.ts';
import { accrualBucketSchema, msQuery, powerPointSchema } from '../schemas.ts';
import { sseFrame } from '../stream.ts';
import { type RouteDeps, siteStatusSchema } from '../types.ts';
import { checkWindow } from './history.ts';

const TARGET_POINTS = 600;
const MAX_POINTS = 5000;
/** A comment line keeps proxies and the browser from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** Unsent bytes a slow subscriber may hold before it is dropped (it reconnects and gets the latest status). */
const MAX_BUFFERED_BYTES = 1 << 20;
/** Open streams per token: a dashboard needs one per tab; the stream is exempt from the request rate limit. */
const MAX_STREAMS_PER_TOKEN = 16;

const seriesQuery = z.object({
  fromMs: msQuery('the window start, epoch ms (default: toMs − 1 h)').optional(),
  toMs: msQuery('the window end (exclusive), epoch ms (default: now)').optional(),
  stepS: z.coerce
    .number()
    .int()
    .min(1)
    .meta({
      fix: `a bucket width in whole seconds ≥ 1 (default: the window in about ${TARGET_POINTS} steps)`,
    })
    .optional(),
});

/** The window and bucket of a series request, defaulted (the last hour) and checked. */
function windowOf(
  query: { fromMs?: number | undefined; toMs?: number | undefined; stepS?: number | undefined },
  nowMs: number,
): { fromMs: number; toMs: number; stepS: number } {
  const toMs = query.toMs ?? nowMs;
  const fromMs = query.fromMs ?? toMs - MS_PER_HOUR;
  checkWindow(fromMs, toMs);
  const spanS = (toMs - fromMs) / 1000;
  const stepS = query.stepS ?? Math.max(1, Math.ceil(spanS / TARGET_POINTS));
  if (spanS / stepS > MAX_POINTS)
    throw new ValidationError([
      {
        field: 'query.stepS',
        problem: `gives ${Math.ceil(spanS / stepS)} points; at most ${MAX_POINTS}`,
        value: stepS,
        fix: `use stepS ≥ ${Math.ceil(spanS / MAX_POINTS)} for this window, or a shorter window`,
      },
    ]);
  return { fromMs, toMs, stepS };
}

const perMWh = (usd: number, energyMWh: number): number | null => (energyMWh > 0 ? usd / energyMWh : null);

/** A sum over the buckets that have the figure; null when none has it (not known is not zero). */
const knownSum = (values: readonly (number | null)[]): number | null =>
  values.some((v) => v !== null) ? values.reduce<number>((sum, v) => sum + (v ?? 0), 0) : null;

const totalsOf = (buckets: readonly AccrualBucket[]) => {
  const sum = (pick: (b: AccrualBucket) => number) => buckets.reduce((s, b) => s + pick(b), 0);
  const miningRevenueUsd = sum((b) => b.miningRevenueUsd);
  const aiRevenueUsd = sum((b) => b.aiRevenueUsd);
  const miningEnergyCostUsd = knownSum(buckets.map((b) => b.energyCostUsd));
  const aiEnergyCostUsd = knownSum(buckets.map((b) => b.aiEnergyCostUsd));
  const facilityEnergyCostUsd = knownSum(buckets.map((b) => b.facilityEnergyCostUsd));
  return {
    durationS: sum((b) => b.durationS),
    miningEnergyMWh: sum((b) => b.miningEnergyMWh),
    aiEnergyMWh: sum((b) => b.aiEnergyMWh),
    facilityEnergyMWh: sum((b) => b.facilityEnergyMWh),
    unpricedEnergyMWh: sum((b) => b.unpricedEnergyMWh),
    curtailedEnergyMWh: sum((b) => b.curtailedEnergyMWh),
    miningRevenueUsd,
    aiRevenueUsd,
    miningEnergyCostUsd,
    aiEnergyCostUsd,
    facilityEnergyCostUsd,
    miningMarginUsd: miningEnergyCostUsd === null ? null : miningRevenueUsd - miningEnergyCostUsd,
    aiMarginUsd: aiEnergyCostUsd === null ? null : aiRevenueUsd - aiEnergyCostUsd,
    siteMarginUsd:
      facilityEnergyCostUsd === null ? null : miningRevenueUsd + aiRevenueUsd - facilityEnergyCostUsd,
    co2Kg: knownSum(buckets.map((b) => b.co2Kg)),
  };
};

const usdOrNull = (what: string) =>
  z.number().nullable().describe(`${what}; null when no interval had a price`);

const totalsSchema = z.object({
  durationS: z.number(),
  miningEnergyMWh: z.number(),
  aiEnergyMWh: z.number(),
  facilityEnergyMWh: z.number(),
  unpricedEnergyMWh: z
    .number()
    .describe('facility energy of the intervals without a price, left out of the costs'),
  curtailedEnergyMWh: z.number(),
  miningRevenueUsd: z.number(),
  aiRevenueUsd: z.number(),
  miningEnergyCostUsd: usdOrNull('the mining hall’s energy cost'),
  aiEnergyCostUsd: usdOrNull('the AI hall’s energy cost'),
  facilityEnergyCostUsd: usdOrNull('the site’s energy bill, overhead included'),
  miningMarginUsd: usdOrNull('mining revenue less its hall’s energy cost'),
  aiMarginUsd: usdOrNull('AI revenue less its hall’s energy cost'),
  siteMarginUsd: usdOrNull('all revenue less the site’s energy bill'),
  co2Kg: z.number().nullable().describe('null when the site has no grid intensity configured'),
});

export const economicsSchema = z.object({
  fromMs: z.number(),
  toMs: z.number(),
  stepS: z.number().int(),
  now: siteStatusSchema.shape.economics
    .extend({
      hashpriceUsdPerPhDay: z.number(),
      powerPriceUsdPerMWh: z.number().nullable(),
    })
    .nullable()
    .describe('null until the controller has run a cycle'),
  series: z.array(
    accrualBucketSchema.extend({
      miningUsdPerMWh: z.number().nullable().describe('mining revenue ÷ mining IT MWh in the bucket'),
      aiUsdPerMWh: z.number().nullable().describe('AI revenue ÷ AI IT MWh in the bucket'),
    }),
  ),
  totals: totalsSchema,
  carbon: z
    .object({ gPerKWh: z.number(), basis: z.string() })
    .nullable()
    .describe('the intensity emissions are counted at; null when the site has none configured (co2Kg is 0)'),
});

export const liveRoutes: FastifyPluginAsyncZod<RouteDeps> = async (app, deps) => {
  // Open streams never end by themselves: a closing server ends them, or it would wait for every dashboard.
  const streams = new Set<() => void>();
  const openByToken = new Map<string, number>();
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get(
    '/stream',
    {
      config: { access: 'viewer', rateLimit: false },
      schema: {
        tags: ['site'],
        summary:
          'Server-sent events: status (every cycle, the latest at once), alert (each new one), run (run progress)',
        produces: ['text/event-stream'],
        response: { 200: z.string().describe('text/event-stream'), ...errorReplies },
      },
    },
    async (request, reply) => {
      const { tokenId, name } = request.principal!;
      const open = openByToken.get(tokenId) ?? 0;
      if (open >= MAX_STREAMS_PER_TOKEN) {
        throw new ApiError(
          429,
          'RATE_LIMITED',
          `token ${name} already holds ${open} open streams; close one (a dashboard needs one per tab)`,
        );
      }
      openByToken.set(tokenId, open + 1);
      reply.hijack();
      const socket = reply.raw;
      socket.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      socket.write(': switchyard live stream\n\n');
      const heartbeat = setInterval(() => socket.write(': keep-alive\n\n'), HEARTBEAT_MS);
      let unsubscribe = () => {};
      // A token revoked through this server ends its streams at once: it must not keep reading the site.
      const stopWatchingRevocations = deps.tokens.onRevoke((revoked) => {
        if (revoked === tokenId) close();
      });
      const close = () => {
        if (!streams.delete(close)) return;
        clearInterval(heartbeat);
        unsubscribe();
        stopWatchingRevocations();
        openByToken.set(tokenId, (openByToken.get(tokenId) ?? 1) - 1);
        socket.end();
      };
      streams.add(close);
      unsubscribe = deps.hub.subscribe((event) => {
        if (socket.writableLength > MAX_BUFFERED_BYTES) {
          request.log.warn('a stream subscriber fell behind; closing its stream');
          close();
          return;
        }
        socket.write(sseFrame(event));
      });
      socket.on('close', close);
    },
  );

  app.get(
    '/power',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['site'],
        summary:
          'The power split per cycle averaged into buckets: mining, AI, curtailed, idle, unknown, metered',
        querystring: seriesQuery,
        response: {
          200: z.object({
            fromMs: z.number(),
            toMs: z.number(),
            stepS: z.number().int(),
            points: z.array(powerPointSchema),
          }),
          ...errorReplies,
        },
      },
    },
    async (request) => {
      const window = windowOf(request.query, deps.clock.nowMs());
      return { ...window, points: await deps.store.powerSeries(deps.siteId, window) };
    },
  );

  app.get(
    '/economics',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['site'],
        summary: 'What a MWh earns per workload now, and what each earned, paid and emitted over a window',
        querystring: seriesQuery,
        response: { 200: economicsSchema, ...errorReplies },
      },
    },
    async (request) => {
      const window = windowOf(request.query, deps.clock.nowMs());
      const buckets = await deps.store.accrualSeries(deps.siteId, window);
      const status = deps.status();
      return {
        ...window,
        now:
          status === undefined
            ? null
            : {
                ...status.economics,
                hashpriceUsdPerPhDay: status.hashpriceUsdPerPhDay,
                powerPriceUsdPerMWh: status.powerPriceUsdPerMWh,
              },
        series: buckets.map((b) => ({
          ...b,
          miningUsdPerMWh: perMWh(b.miningRevenueUsd, b.miningEnergyMWh),
          aiUsdPerMWh: perMWh(b.aiRevenueUsd, b.aiEnergyMWh),
        })),
        totals: totalsOf(buckets),
        carbon: deps.carbon ?? null,
      };
    },
  );
};
