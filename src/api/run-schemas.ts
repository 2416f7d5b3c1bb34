/**
 * @module api/run-schemas
 * The API's backtest and Monte-Carlo runs as zod schemas: what a client may ask for, what a run looks like while
 * it goes, and what it gives once done. One schema per shape, so the request checks, the reply serialisation,
 * the OpenAPI document and the dashboard's TypeScript types (imported from here) cannot drift apart.
 */
import { z } from 'zod';
import { parseUtcDayMs } from '../series/utc-time.ts';
import { OPTIMIZER_STRATEGIES, RULE_STRATEGIES } from '../strategies/catalog.ts';

const STRATEGIES = [...RULE_STRATEGIES, ...OPTIMIZER_STRATEGIES] as const;

/** What a backtest compares unless told otherwise: perfect foresight is a bound, not a strategy one could run. */
export const DEFAULT_BACKTEST_STRATEGIES = [...RULE_STRATEGIES, 'optimizer-forecast'] as const;

const KIND_FIX = 'backtest (replay shipped history) or simulate (seeded Monte-Carlo futures)';

export const exampleSiteIdSchema = z
  .string()
  .min(1)
  .meta({ fix: 'the id of an example site from GET /api/v1/sites/examples, e.g. site-20mw' });

export const isoDaySchema = (what: string) =>
  z
    .string()
    .refine((text) => parseUtcDayMs(text) !== undefined, 'must be a calendar date YYYY-MM-DD (UTC)')
    .meta({ fix: `${what}, a UTC day YYYY-MM-DD, e.g. 2024-03-01` });

export const backtestRequestSchema = z.strictObject({
  kind: z.literal('backtest').meta({ fix: KIND_FIX }),
  site: exampleSiteIdSchema,
  from: isoDaySchema('the first day replayed'),
  to: isoDaySchema('the last day replayed (inclusive), on or after from'),
  strategies: z
    .array(z.enum(STRATEGIES))
    .min(1)
    .refine((names) => new Set(names).size === names.length, 'names a strategy more than once')
    .meta({ fix: `a list of distinct strategies from ${STRATEGIES.join(', ')}` })
    .default([...DEFAULT_BACKTEST_STRATEGIES]),
});

export const simulateRequestSchema = z.strictObject({
  kind: z.literal('simulate').meta({ fix: KIND_FIX }),
  site: exampleSiteIdSchema,
  years: z.number().int().min(1).max(30).meta({ fix: 'whole years from 1 to 30 (default 10)' }).default(10),
  paths: z
    .number()
    .int()
    .min(100)
    .max(100_000)
    .meta({ fix: 'a whole number of paths from 100 to 100000 (default 2000)' })
    .default(2000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(0xffff_ffff)
    .meta({ fix: 'a whole number from 0 to 4294967295 (default 1): the same seed gives the same results' })
    .default(1),
});

export const runRequestSchema = z
  .discriminatedUnion('kind', [backtestRequestSchema, simulateRequestSchema])
  .describe('A backtest over shipped history or a Monte-Carlo simulation of an example site');

/** What a client sends (defaults may be left out). */
export type RunRequestBody = z.input<typeof runRequestSchema>;
/** The request with its defaults filled: what a run's `params` hold. */
export type RunRequest = z.output<typeof runRequestSchema>;
export type BacktestRequest = z.output<typeof backtestRequestSchema>;
export type SimulateRequest = z.output<typeof simulateRequestSchema>;

const ms = (what: string) => z.number().describe(`${what}, epoch ms`);

export const runSummarySchema = z
  .object({
    runId: z.string(),
    siteId: z.string().describe('the site of the server that took the request'),
    kind: z.enum(['backtest', 'simulate']),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    progress: z.number().min(0).max(1).describe('0..1; 1 once done'),
    params: runRequestSchema.describe('the request with its defaults filled'),
    createdAtMs: ms('asked for at'),
    startedAtMs: ms('started at').nullable(),
    finishedAtMs: ms('done, failed or cancelled at').nullable(),
    error: z.string().nullable().describe('why it failed, in words; null unless failed'),
    createdBy: z.string().describe('name of the token that asked for it'),
  })
  .describe('A run and how far it got');

export type RunSummary = z.infer<typeof runSummarySchema>;
export type RunStatus = RunSummary['status'];

/** A figure a strategy may not have (no mining MWh to divide by, an undefined IRR): null, never NaN. */
const maybe = (what: string) => z.number().nullable().describe(`${what}; null when undefined`);

export const strategyMetricsSchema = z.object({
  forecast: z.string().describe('what the strategy plans on: none, perfect or realistic'),
  revenueUsd: z.object({ mining: z.number(), aiContract: z.number(), aiSpot: z.number(), total: z.number() }),
  energyCostUsd: z.number(),
  resaleCreditUsd: z.number(),
  fourCpChargeUsd: z.number(),
  drCreditUsd: z.number().describe('demand-response payments net of non-performance charges'),
  penaltyUsd: z.number(),
  restartCostUsd: z.number(),
  profitUsd: z.number().describe('operating profit (capital costs are not in it)'),
  profitUsdPerMWYear: z.number().describe('per MW of grid import limit, per year of the span'),
  usdPerFacilityMWh: z.object({
    mining: maybe('mining revenue per facility MWh the miners drew'),
    ai: maybe('AI revenue per facility MWh the GPU servers drew'),
  }),
  dailyProfitCv: maybe('coefficient of variation of daily profit'),
  facilityEnergyMWh: z.number(),
  curtailedItMWh: z.number(),
  curtailedHours: z.number().describe('hours with more than 1 % of the curtailable IT capacity idle'),
  aiSlaMet: z.number().describe('contracted AI energy delivered ÷ contracted (1 with no contract)'),
  emissions: z.object({
    averageTonnes: z.number().describe('t CO2 at the average grid intensity'),
    averageBasis: z.string(),
    marginalTonnes: z.number().describe('t CO2 at the marginal intensity'),
    marginalGPerKWh: z.number(),
  }),
  facilityMWhPerUsdRevenue: maybe('facility MWh per USD of revenue'),
  windows: z.number().int().describe('planning windows run'),
  statuses: z.record(z.string(), z.number().int()).describe('planning windows per solver status'),
});

export const backtestResultSchema = z
  .object({
    kind: z.literal('backtest'),
    siteName: z.string(),
    from: z.string(),
    to: z.string(),
    dayStartMs: z.array(z.number()).describe('each replayed UTC day, epoch ms'),
    strategies: z.array(
      z.object({
        name: z.enum(STRATEGIES),
        label: z.string(),
        cumulativeProfitUsd: z
          .array(z.number())
          .describe('operating profit to the end of each day of dayStartMs, USD'),
        metrics: strategyMetricsSchema,
      }),
    ),
    sources: z.object({ price: z.string(), forecast: z.string(), fourCp: z.string(), carbon: z.string() }),
    notes: z
      .array(z.object({ input: z.string(), assumed: z.string() }))
      .describe('inputs the history lacked and what was assumed instead'),
  })
  .describe('A backtest: cumulative operating profit per day and the metrics of each strategy');

const bandSchema = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });

export const simulateResultSchema = z
  .object({
    kind: z.literal('simulate'),
    siteName: z.string(),
    years: z.number().int(),
    paths: z.number().int(),
    seed: z.number().int(),
    threads: z.number().int(),
    seconds: z.number().describe('wall time of the simulation'),
    strategies: z.array(
      z.object({
        name: z.string(),
        npvUsd: bandSchema.extend({ mean: z.number() }),
        irr: z
          .object({ p10: maybe('IRR'), p50: maybe('IRR'), p90: maybe('IRR') })
          .describe('per year, over the paths that have an IRR'),
        probabilityHybridBeats: maybe('share of paths on which hybrid NPV beats this one (null for hybrid)'),
      }),
    ),
    fan: z.object({
      yearEnds: z.array(z.number().int()).describe('1..years'),
      byStrategy: z.array(
        z.object({
          name: z.string(),
          p10: z.array(z.number()),
          p50: z.array(z.number()),
          p90: z.array(z.number()),
        }),
      ),
    }),
    npvHistogram: z.array(
      z.object({ name: z.string(), binStartsUsd: z.array(z.number()), counts: z.array(z.number().int()) }),
    ),
  })
  .describe('A Monte-Carlo simulation: NPV and IRR percentiles, cumulative cash fans, NPV histograms');

export type StrategyMetricsView = z.infer<typeof strategyMetricsSchema>;
export type BacktestResult = z.infer<typeof backtestResultSchema>;
export type SimulateResult = z.infer<typeof simulateResultSchema>;
export type RunResult = BacktestResult | SimulateResult;

export const exampleSiteSchema = z.object({
  id: z.string().describe('the file name without .yaml: what runs and reports name'),
  name: z.string().describe("the site file's name field"),
  file: z.string().describe('the file, relative to the package, e.g. examples/site-20mw.yaml'),
});

export type ExampleSite = z.infer<typeof exampleSiteSchema>;
