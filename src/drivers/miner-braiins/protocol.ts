/**
 * @module drivers/miner-braiins/protocol
 * The Braiins OS REST mirror (`/api/v1`, PROTOCOLS.md §2.2 b) as data: the paths, zod schemas of the bodies the
 * driver reads and the simulator writes, and the pure mapping to a `MinerReading`. The REST JSON is the gRPC
 * messages in snake_case, so it inherits proto3 JSON's latitude: enums come as numbers or as prefixed names,
 * uint64 as numbers or decimal strings, and scalars at their default (0) may be left out. Each "accept both"
 * below is one of those; fields the driver does not use are not checked, so new firmware fields cannot break reads.
 */
import { z } from 'zod';
import type { MinerReading } from '../natures.ts';

export const PATHS = {
  login: '/api/v1/auth/login',
  details: '/api/v1/miner/details',
  stats: '/api/v1/miner/stats',
  tunerState: '/api/v1/performance/tuner-state',
  // GetCoolingState's mirror: not in PROTOCOLS.md §2.2, but read by several home-automation clients.
  cooling: '/api/v1/cooling/state',
  constraints: '/api/v1/configuration/constraints',
  powerTarget: '/api/v1/performance/power-target',
  pause: '/api/v1/actions/pause',
  resume: '/api/v1/actions/resume',
  start: '/api/v1/actions/start',
  stop: '/api/v1/actions/stop',
} as const;

/** `MinerStatus` of bos/v1/miner.proto, by number. */
export const MINER_STATUSES = [
  'UNSPECIFIED',
  'NOT_STARTED',
  'NORMAL',
  'PAUSED',
  'SUSPENDED',
  'RESTRICTED',
] as const;
export type MinerStatus = (typeof MINER_STATUSES)[number];

/** `TunerState` of bos/v1/performance.proto, by number. */
export const TUNER_STATES = [
  'UNSPECIFIED',
  'DISABLED',
  'STABLE',
  'TUNING',
  'ERROR',
  'CONTINUOUS',
  'PREHEAT',
] as const;

// `.pipe(z.number())` after the string forms: a 400-digit string or "1e999" would otherwise become Infinity.
const uint64 = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,20}$/)
    .transform(Number)
    .pipe(z.number()),
]);
const double = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/)
    .transform(Number)
    .pipe(z.number()),
]);
const nonNegativeDouble = double.pipe(z.number().nonnegative());

/**
 * A proto enum given as its number, its full name (`MINER_STATUS_NORMAL`) or its short name (`NORMAL`); yields the
 * short name. Values outside the list are rejected rather than guessed at: the controller then treats the machine
 * as unknown, which is safer than reading a new status as "off".
 */
function protoEnum<const N extends readonly string[]>(prefix: string, names: N) {
  return z.union([z.number().int(), z.string()]).transform((value, ctx): N[number] => {
    const name =
      typeof value === 'number'
        ? names[value]
        : value.startsWith(`${prefix}_`)
          ? value.slice(prefix.length + 1)
          : value;
    if (name !== undefined && names.includes(name)) return name;
    ctx.addIssue({ code: 'custom', message: `is not a ${prefix} value`, input: value });
    return z.NEVER;
  });
}

/** A field we pass through but never read: any enum rendering, so a new value cannot fail a read. */
const looseEnum = z.union([z.number(), z.string()]);
/** `Power{watt}`; proto3 JSON leaves out a zero watt. */
const power = z.object({ watt: uint64.default(0) });
const gigahash = z.object({ gigahash_per_second: nonNegativeDouble.default(0) });

export const loginRequestSchema = z.object({ username: z.string(), password: z.string() });
export const loginReplySchema = z.object({ token: z.string().min(1), timeout_s: uint64.optional() });

/** Request and reply of `power-target`: a target is never 0 W, so `watt` is required here. */
export const powerTargetSchema = z.object({ watt: uint64 });

/** `actions/pause` and friends answer `{already_paused: bool}` and the like, or nothing at all (204). */
export const actionReplySchema = z.record(z.string(), z.unknown());

export const detailsSchema = z.object({
  uid: z.string().optional(),
  hostname: z.string().optional(),
  mac_address: z.string().optional(),
  miner_identity: z
    .object({ brand: looseEnum.optional(), name: z.string().optional(), miner_model: z.string().optional() })
    .optional(),
  sticker_hashrate: gigahash.optional(),
  /** 0 (or absent) means bosminer is not running. */
  bosminer_uptime_s: uint64.default(0),
  system_uptime_s: uint64.optional(),
  status: protoEnum('MINER_STATUS', MINER_STATUSES),
});

export const statsSchema = z.object({
  miner_stats: z.object({
    real_hashrate: z.object({ last_5s: gigahash.optional(), last_1m: gigahash.optional() }).optional(),
    nominal_hashrate: gigahash.optional(),
  }),
  power_stats: z.object({
    approximated_consumption: power,
    // Not read: at 0 TH/s proto3 JSON renders it as the string "Infinity".
    efficiency: z.object({ joule_per_terahash: z.unknown() }).optional(),
  }),
  pool_stats: z.object({ accepted_shares: uint64.optional(), rejected_shares: uint64.optional() }).optional(),
});

export const tunerStateSchema = z.object({
  overall_tuner_state: looseEnum.optional(),
  /** Absent when the tuner runs a hashrate target instead of a power target. */
  power_target_mode_state: z.object({ current_target: power.optional() }).optional(),
});

export const coolingStateSchema = z.object({
  fans: z.array(z.object({ position: uint64.optional(), rpm: uint64.default(0) })).optional(),
  highest_temperature: z
    .object({
      location: looseEnum.optional(),
      temperature: z.object({ degree_c: double.default(0) }).optional(),
    })
    .optional(),
});

export const constraintsSchema = z.object({
  tuner_constraints: z.object({
    power_target: z
      .object({ min: power, default: power, max: power })
      .refine((range) => range.min.watt <= range.max.watt, 'min is above max'),
  }),
});

/** The JSON error body the simulator sends (grpc-gateway's shape: gRPC code and message). */
export const errorBodySchema = z.object({ code: z.number().int(), message: z.string() });

export type DetailsBody = z.input<typeof detailsSchema>;
export type StatsBody = z.input<typeof statsSchema>;
export type TunerStateBody = z.input<typeof tunerStateSchema>;
export type CoolingStateBody = z.input<typeof coolingStateSchema>;
export type ConstraintsBody = z.input<typeof constraintsSchema>;

export { decodeBody } from '../json-reply.ts';

export interface ReadingReplies {
  readonly details: z.output<typeof detailsSchema>;
  readonly stats: z.output<typeof statsSchema>;
  readonly tunerState: z.output<typeof tunerStateSchema>;
  readonly cooling: z.output<typeof coolingStateSchema>;
}

/**
 * One reading from the four telemetry replies. `running` needs hashrate as well as status NORMAL: bosminer reports
 * NORMAL from the moment it resumes, while the boards are still cold. PAUSED and SUSPENDED are curtailment; every
 * other status (not started, restricted, unspecified) is `off`.
 */
export function toMinerReading(replies: ReadingReplies): MinerReading {
  const { details, stats, tunerState, cooling } = replies;
  const realHashrate = stats.miner_stats.real_hashrate;
  const hashrateGhs = (realHashrate?.last_5s ?? realHashrate?.last_1m)?.gigahash_per_second ?? 0;
  const hashrateThs = hashrateGhs / 1000;
  const status = details.status;
  const state =
    status === 'NORMAL' && hashrateThs > 0
      ? 'running'
      : status === 'PAUSED' || status === 'SUSPENDED'
        ? 'curtailed'
        : 'off';
  const identity = details.miner_identity;
  return {
    state,
    powerW: stats.power_stats.approximated_consumption.watt,
    hashrateThs,
    powerTargetW: tunerState.power_target_mode_state?.current_target?.watt ?? null,
    temperatureC: cooling.highest_temperature?.temperature?.degree_c ?? null,
    uptimeS: details.bosminer_uptime_s,
    model: identity?.name || identity?.miner_model || null,
  };
}

export interface PowerConstraints {
  readonly minW: number;
  readonly defaultW: number;
  readonly maxW: number;
}

export function toPowerConstraints(body: z.output<typeof constraintsSchema>): PowerConstraints {
  const range = body.tuner_constraints.power_target;
  return { minW: range.min.watt, defaultW: range.default.watt, maxW: range.max.watt };
}
