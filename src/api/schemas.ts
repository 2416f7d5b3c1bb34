/**
 * @module api/schemas
 * Reply and query schemas shared by the routes. A reply schema is also a filter: the serializer writes only
 * the fields named here, so a column added to a store row (a token hash, say) never leaks by accident.
 */
import { z } from 'zod';
import type { OperatorState } from '../store/types.ts';

const ms = (what: string) => z.number().describe(`${what}, epoch ms`);
const machineState = z.enum(['running', 'curtailed', 'off', 'unknown']);

export const limitQuery = (defaultLimit: number, maxLimit: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(maxLimit)
    .meta({ fix: `a whole number of rows from 1 to ${maxLimit} (default ${defaultLimit})` })
    .default(defaultLimit);

export const msQuery = (fix: string) => z.coerce.number().int().meta({ fix });

export const alertSchema = z.object({
  alertId: z.number().int(),
  siteId: z.string(),
  machineId: z.string().nullable(),
  atMs: ms('raised at'),
  severity: z.enum(['info', 'warning', 'critical']),
  code: z.string(),
  message: z.string(),
  acknowledgedAtMs: ms('acknowledged at').nullable(),
  acknowledgedBy: z.string().nullable(),
});

export const decisionSchema = z.object({
  siteId: z.string(),
  cycleId: z.number().int(),
  atMs: ms('decided at'),
  miningTargetW: z.number(),
  miningMeasuredW: z.number(),
  bindingPolicy: z.string(),
  commandCount: z.number().int(),
  details: z.record(z.string(), z.unknown()),
  cycleMs: z.number(),
});

export const planSchema = z.object({
  siteId: z.string(),
  planId: z.string(),
  createdAtMs: ms('solved at'),
  startMs: ms('first interval starts at'),
  stepS: z.number().int(),
  status: z.string(),
  objectiveUsd: z.number(),
  miningMW: z.array(z.number()).readonly(),
  aiMW: z.array(z.number()).readonly(),
  importMW: z.array(z.number()).readonly(),
  priceUsdPerMWh: z.array(z.number()).readonly(),
});

export const telemetrySchema = z.object({
  siteId: z.string(),
  machineId: z.string(),
  atMs: ms('read at'),
  state: machineState,
  powerW: z.number().nullable(),
  hashrateThs: z.number().nullable(),
  temperatureC: z.number().nullable(),
});

export const machineSchema = z.object({
  machineId: z.string(),
  kind: z.enum(['miner', 'gpu-server']),
  firmware: z.string(),
  host: z.string(),
  port: z.number().int(),
  ratedPowerW: z.number(),
  latest: telemetrySchema.nullable().describe('the newest stored reading'),
});

export const revenueSchema = z.object({
  siteId: z.string(),
  atMs: ms('interval end'),
  durationS: z.number(),
  miningEnergyMWh: z.number(),
  miningRevenueUsd: z.number(),
  energyCostUsd: z
    .number()
    .nullable()
    .describe('the mining hall’s energy × PUE × price; null without a price'),
});

export const tokenSchema = z.object({
  tokenId: z.string(),
  name: z.string(),
  role: z.enum(['viewer', 'operator', 'admin']),
  createdAtMs: ms('created at'),
  revokedAtMs: ms('revoked at').nullable(),
});

export const auditSchema = z.object({
  auditId: z.number().int(),
  siteId: z.string(),
  atMs: ms('requested at'),
  tokenId: z.string(),
  tokenName: z.string(),
  role: z.enum(['viewer', 'operator', 'admin']),
  action: z.string(),
  target: z.string(),
  requestBody: z.unknown(),
  result: z.string().describe('pending, ok, or the error code and message'),
  status: z.number().int().nullable().describe('HTTP status of the reply; null while pending'),
});

const fleetOverrideSchema = z.object({
  powerW: z.number(),
  untilMs: ms('lapses at').nullable(),
});

export const operatorStateSchema = z.object({
  siteId: z.string(),
  mode: z.enum(['auto', 'manual']),
  fleetOverrides: z.object({ mining: fleetOverrideSchema.optional(), ai: fleetOverrideSchema.optional() }),
  updatedAtMs: ms('last changed at').nullable(),
  updatedBy: z.string().nullable().describe('token name of the last change; null: never changed'),
});

export type OperatorStateView = z.infer<typeof operatorStateSchema>;

/**
 * The operator state as in force at `nowMs`: no row yet means no operator has acted (the controller runs `auto`
 * without overrides), and an override past its `untilMs` has lapsed, as the controller treats it.
 */
export function operatorStateView(
  siteId: string,
  state: OperatorState | undefined,
  nowMs: number,
): OperatorStateView {
  if (state === undefined)
    return { siteId, mode: 'auto', fleetOverrides: {}, updatedAtMs: null, updatedBy: null };
  const inForce = Object.entries(state.fleetOverrides).filter(
    ([, o]) => o !== undefined && (o.untilMs === null || o.untilMs > nowMs),
  );
  return { ...state, fleetOverrides: Object.fromEntries(inForce) };
}

const watts = (what: string) => z.number().describe(`${what}, W`);

export const powerPointSchema = z.object({
  atMs: ms('bucket start'),
  miningW: watts('IT power the miners reported'),
  aiW: watts('IT power the GPU servers reported'),
  curtailedW: watts('what the curtailed machines could draw and did not (rated less their sleeping draw)'),
  idleW: watts('the same for the machines that were off'),
  unknownW: watts('rated power of the machines in an unknown state'),
  meteredImportW: watts('site import at the meter; null without readings').nullable(),
  expectedImportW: watts('facility import the controller commanded (once its commands land)'),
  limitW: watts('the tightest import limit in force (lowest in the bucket)'),
  miningTargetW: watts('mining IT power the decisions aimed at'),
  priceUsdPerMWh: z.number().nullable().describe("the plan interval's power price, USD/MWh"),
  historicalMs: ms('the replayed historical instant at the bucket’s last cycle (demo clock)').nullable(),
});

export const accrualBucketSchema = z.object({
  atMs: ms('bucket start (intervals are counted in the bucket they end in)'),
  durationS: z.number().describe('site time the bucket’s intervals stand for (a replay’s clock), s'),
  miningEnergyMWh: z.number(),
  miningRevenueUsd: z.number(),
  energyCostUsd: z
    .number()
    .nullable()
    .describe(
      'the mining hall’s energy at its PUE × the price, USD, over the priced intervals; null: none priced',
    ),
  aiEnergyMWh: z.number(),
  aiRevenueUsd: z.number(),
  aiEnergyCostUsd: z.number().nullable().describe('the same for the AI hall'),
  facilityEnergyMWh: z.number().describe('everything the grid connection took'),
  facilityEnergyCostUsd: z.number().nullable().describe('the site’s bill for it, overhead included'),
  curtailedEnergyMWh: z.number().describe('what the curtailed machines could have drawn and did not'),
  priceUsdPerMWh: z.number().nullable().describe('energy-weighted price over the priced intervals'),
  unpricedEnergyMWh: z.number().describe('facility energy of the intervals without a price (not costed)'),
  co2Kg: z
    .number()
    .nullable()
    .describe('facility energy × the average grid intensity; null when the site has no intensity configured'),
});
