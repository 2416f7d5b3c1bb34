/**
 * @module api/types
 * What the HTTP API serves about the live site and what it needs from its host process. `SiteStatus` is one
 * zod schema, so the type, the reply serialisation and the OpenAPI document cannot drift apart.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Clock } from '../controller/controller.ts';
import type { CarbonIntensity } from '../controller/record.ts';
import type { RunExecutor } from '../runs/executor.ts';
import type { ApiRole, OperatorChange, OperatorState, SqlStore } from '../store/types.ts';
import type { TokenCache } from './auth.ts';
import type { OperatorStateCache } from './operator-state.ts';
import type { EventHub } from './stream.ts';

const watts = (what: string) => z.number().describe(`${what}, W`);

export const machineCountsSchema = z.object({
  running: z.number().int(),
  curtailed: z.number().int(),
  off: z.number().int(),
  unknown: z.number().int().describe('not read within maxAgeS, or a command not confirmed'),
});

export const siteStatusSchema = z
  .object({
    siteId: z.string(),
    cycleId: z.number().int(),
    atMs: z.number().describe('when the cycle read the site, epoch ms'),
    cycleMs: z.number().describe('how long the cycle took, ms'),
    power: z.object({
      miningW: watts('IT power the miners report drawing (unknown machines left out)'),
      aiW: watts('IT power the GPU servers report drawing (unknown machines left out)'),
      curtailedW: watts(
        'what the machines held curtailed could draw and do not: rated less what they still draw (a sleeping board, an idle drained server)',
      ),
      idleW: watts('the same for the machines that are off'),
      unknownW: watts('rated power of the machines in an unknown state (their draw is not known)'),
      meteredImportW: watts(
        'site import the meter measured (+ import); null without a meter reading',
      ).nullable(),
      expectedImportW: watts(
        'facility import once the commands sent land: what the controller commands, beside what the meter shows',
      ),
      importLimitW: watts('the facility import limit'),
      limitW: watts('the tightest import limit in force: the connection’s, or an active grid event’s'),
    }),
    machines: machineCountsSchema,
    miningTargetW: watts('mining IT power the cycle aimed at after every policy'),
    planMiningW: watts("the plan's mining IT power for now; null when no plan covers now").nullable(),
    bindingPolicy: z
      .string()
      .describe(
        'the policy that bound the decision: failsafe, grid-event, import-limit, operator, price, plan, ai-restore, hold',
      ),
    gridEvents: z.array(
      z.object({
        eventId: z.string(),
        startMs: z.number(),
        endMs: z.number(),
        importLimitW: z.number().nullable(),
        priceUsdPerMWh: z.number().nullable(),
        active: z.boolean().describe('started and not ended at atMs (false: inside its lead time)'),
      }),
    ),
    feeds: z.object({
      market: z.boolean(),
      vtn: z.boolean(),
      store: z.boolean(),
      plan: z.boolean(),
    }),
    hashpriceUsdPerPhDay: z.number(),
    powerPriceUsdPerMWh: z
      .number()
      .nullable()
      .describe("the plan interval's power price, USD/MWh; null when the plan has none"),
    historicalMs: z
      .number()
      .nullable()
      .describe('the historical instant a replayed plan stands at (demo clock), epoch ms; null live'),
    economics: z
      .object({
        miningUsdPerMWh: z
          .number()
          .nullable()
          .describe(
            'mining revenue per IT MWh of the miners hashing now (hashprice at their J/TH, net of pool fee), USD; with none hashing, the fleet’s',
          ),
        aiUsdPerMWh: z
          .number()
          .nullable()
          .describe(
            'AI revenue per IT MWh of the servers working now (GPU-hours × price), USD; with none, at rated',
          ),
        miningBreakEvenUsdPerMWh: z
          .number()
          .nullable()
          .describe('power price at which mining earns just its energy, USD per import MWh (value ÷ PUE)'),
        aiBreakEvenUsdPerMWh: z.number().nullable().describe('the same for AI, USD per import MWh'),
        miningUsdPerHour: z.number().describe('what the miners earn per hour now, USD'),
        aiUsdPerHour: z.number().describe('what the GPU servers earn per hour now, USD'),
        aiPriceUsdPerGpuHour: z
          .number()
          .nullable()
          .describe('what a GPU-hour of the site’s AI work earns, USD (null without GPU servers)'),
      })
      .describe('what a MWh earns per workload now'),
    operator: z
      .object({
        mode: z.enum(['auto', 'manual']),
        miningOverrideW: z.number().nullable(),
        aiOverrideW: z.number().nullable(),
      })
      .describe('the operator instructions this cycle ran under (lapsed overrides dropped)'),
    notes: z.array(z.string()).describe("the decision's notes, in words"),
  })
  .describe('The live site as its last controller cycle saw it');

export type SiteStatus = z.infer<typeof siteStatusSchema>;

/** Who is calling: the API token that authenticated the request. */
export interface Principal {
  readonly tokenId: string;
  readonly name: string;
  readonly role: ApiRole;
}

/**
 * The running controller's side of an operator action. The route checks the change with it (a refusal — a
 * ValidationError naming the field, say — stores nothing), stores it, and hands it the whole stored state: so what
 * the controller runs is always what the store holds, whatever order concurrent requests arrived in.
 */
export interface OperatorActions {
  check(change: OperatorChange, by: Principal): void | Promise<void>;
  /** The operator state as stored after the change, in force from the controller's next cycle. */
  apply(state: OperatorState): void;
}

export interface ApiServerOptions {
  readonly store: SqlStore;
  readonly siteId: string;
  /** The last cycle's summary (see `siteStatusFrom`); undefined before the first cycle. */
  readonly status: () => SiteStatus | undefined;
  readonly actions: OperatorActions;
  readonly log: Logger;
  /** Requests per client address per window; defaults to 600 a minute. Health probes are not limited. */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number };
  readonly clock?: Clock;
  /** The live stream's hub (the host publishes cycles, alerts and runs into it); a quiet one when absent. */
  readonly hub?: EventHub;
  /** The intensity the site's emissions are counted at, shown beside them. */
  readonly carbon?: CarbonIntensity;
  /** The built dashboard (index.html and assets/), served at `/`; no dashboard when absent. */
  readonly webDir?: string;
  /** Backtest and Monte-Carlo runs (`/runs`); without it those routes are absent. */
  readonly runs?: RunExecutor;
  /**
   * The proxies whose `X-Forwarded-For` names the client (addresses or CIDRs, comma-separated): behind a TLS proxy,
   * so each client gets its own rate limit instead of all sharing the proxy's. Absent: trust no header.
   */
  readonly trustProxy?: string;
}

/** What the route plugins are given: the server's options with the clock and hub resolved, and its caches. */
export type RouteDeps = Pick<ApiServerOptions, 'store' | 'siteId' | 'status' | 'actions' | 'carbon'> & {
  readonly clock: Clock;
  readonly hub: EventHub;
  readonly tokens: TokenCache;
  readonly operator: OperatorStateCache;
};
