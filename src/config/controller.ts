/**
 * @module config/controller
 * The file `switchyard run --config` reads: which machines, how to reach them, the cycle's timing, the
 * anti-flapping and ramp rules, the safe states, where the plan comes from and where the store lives.
 * `switchyard sim` writes one for the simulated site it starts.
 */
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { MINER_FIRMWARES, type MinerFirmware } from '../drivers/natures.ts';
import { ConfigError, type ValidationIssue } from '../errors.ts';
import { loadConfigFile } from './load.ts';

const positive = (fix: string) => z.number().positive().meta({ fix });
const nonNegative = (fix: string) => z.number().min(0).meta({ fix });
const safeState = z
  .enum(['hold', 'curtail-mining', 'run-all'])
  .meta({ fix: 'hold (keep what runs), curtail-mining (sleep every miner) or run-all' });

const miner = z.object({
  id: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .meta({ fix: 'a unique name of letters, digits, dot, dash or underscore, e.g. rack1-m042' }),
  firmware: z
    .enum(MINER_FIRMWARES as unknown as [MinerFirmware, ...MinerFirmware[]])
    .meta({ fix: `one of ${MINER_FIRMWARES.join(', ')}` }),
  host: z.string().min(1).meta({ fix: 'the miner IP address or host name' }),
  port: z
    .number()
    .int()
    .min(1)
    .max(65_535)
    .meta({ fix: 'the API port: 4028 for cgminer/LuxOS, 80 for Braiins REST' }),
  ratedPowerW: positive('the machine nameplate power, W, e.g. 3250'),
  username: z.string().optional(),
  password: z.string().optional(),
});

const plan = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('fixed'),
      miningFraction: z
        .number()
        .min(0)
        .max(1)
        .meta({ fix: 'share of the fleet rated power to run, 0–1, e.g. 0.5' }),
    }),
    z.object({
      kind: z.literal('history'),
      site: z
        .string()
        .min(1)
        .meta({ fix: 'path of a site file with an operations section (relative to this file)' }),
      replayFrom: z.iso.datetime({ offset: true }).or(z.iso.date()).meta({
        fix: 'the historical instant the controller starts at, e.g. 2024-08-19 or 2021-02-14T00:00:00Z',
      }),
      speed: positive(
        'historical seconds per real second, e.g. 1 (live pace) or 3600 (an hour a second)',
      ).default(1),
      horizonH: z
        .number()
        .int()
        .min(2)
        .max(168)
        .meta({ fix: 'hours the planner looks ahead, e.g. 48' })
        .default(48),
      replanEveryH: positive('historical hours between re-plans, e.g. 1').default(1),
    }),
  ])
  .meta({
    fix: 'plan: { kind: fixed, miningFraction: 0.5 } or { kind: history, site: site.yaml, replayFrom: 2024-08-19 }',
  });

export const controllerConfigSchema = z.object({
  siteId: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .meta({ fix: 'a short name for the site, e.g. sim or west-texas-1' }),
  name: z.string().default(''),
  store: z
    .object({
      dataDir: z
        .string()
        .min(1)
        .meta({ fix: 'a folder for the embedded Postgres (PGlite)' })
        .default('.switchyard/store'),
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//)
        .meta({ fix: 'a postgres:// URL (DATABASE_URL overrides it)' })
        .optional(),
      telemetryRetentionDays: positive('days of per-machine telemetry to keep, e.g. 30').default(30),
      telemetryEveryCycles: z
        .number()
        .int()
        .min(1)
        .meta({ fix: 'write telemetry every N cycles' })
        .default(1),
    })
    .prefault({}),
  cycle: z
    .object({
      periodS: positive('seconds between cycles, e.g. 5').default(5),
      requestTimeoutMs: positive('timeout of every read and command sent to a device, ms, e.g. 2000').default(
        2000,
      ),
      maxAgeS: positive('a reading older than this makes the machine unknown, s').default(20),
      pollConcurrency: z.number().int().min(1).meta({ fix: 'devices polled at once, e.g. 512' }).default(512),
      writeConcurrency: z.number().int().min(1).meta({ fix: 'commands sent at once, e.g. 256' }).default(256),
      backoffStepS: positive('added back-off per consecutive failure, s (OpenEMS uses 2)').default(2),
      backoffMaxS: positive('longest back-off, s').default(300),
    })
    .prefault({}),
  control: z
    .object({
      hysteresisW: nonNegative(
        'no plan-following change within this many W of the target (default: half the largest machine)',
      ).optional(),
      minDwellS: nonNegative('seconds a machine keeps a new state before the plan may change it').default(
        300,
      ),
      batchSize: z
        .number()
        .int()
        .min(1)
        .meta({ fix: 'machines per plan-following batch, e.g. 100' })
        .default(100),
      batchSpacingS: nonNegative('seconds between batches, e.g. 10').default(10),
      usePowerTargets: z
        .boolean()
        .meta({ fix: 'true to trim power targets, false to only sleep and wake' })
        .default(true),
      confirm: z
        .object({
          sleepS: positive(
            'seconds a sleep may take before it counts as not applied (under 2 cycles: caught by the second cycle)',
          ).default(8),
          wakeS: positive('seconds a wake-up may take (a cold start: minutes)').default(300),
          powerTargetS: positive('seconds a power-target change may take to settle').default(300),
        })
        .prefault({}),
    })
    .prefault({}),
  grid: z
    .object({
      importLimitW: positive('the facility import limit at this controller’s meter, W'),
      importMarginFraction: z
        .number()
        .min(0)
        .lt(1)
        .meta({ fix: 'share of the limit kept free for firmware power-estimate error, e.g. 0.05' })
        .default(0.05),
      overheadW: nonNegative('facility load that never switches off, W').default(0),
      otherLoadW: nonNegative('other load behind the meter this controller does not drive, W').default(0),
      miningPue: z.number().min(1).max(3).meta({ fix: 'mining PUE, e.g. 1.05' }).default(1.05),
    })
    .meta({ fix: 'grid: { importLimitW: 5000000 }' }),
  meter: z
    .object({
      host: z.string().min(1).meta({ fix: 'the meter address' }),
      port: z
        .number()
        .int()
        .min(1)
        .max(65_535)
        .meta({ fix: 'the Modbus TCP port, usually 502' })
        .default(502),
      unitId: z.number().int().min(0).max(255).meta({ fix: 'the Modbus unit id, usually 1' }).default(1),
      map: z
        .enum(['sunspec', 'sdm630'])
        .meta({ fix: 'sunspec (models 203/213) or sdm630' })
        .default('sunspec'),
      wordOrder: z
        .enum(['ABCD', 'CDAB'])
        .meta({ fix: 'ABCD (high word first) or CDAB (word-swapped)' })
        .default('ABCD'),
      baseRegister: z
        .number()
        .int()
        .min(0)
        .meta({ fix: 'the SunSpec base register, 0-based, e.g. 40000' })
        .optional(),
    })
    .optional(),
  safeState: z
    .object({
      planLost: safeState.default('hold'),
      marketLost: safeState.default('hold'),
      storeLost: safeState.default('hold'),
    })
    .prefault({}),
  plan,
  miners: z.array(miner).min(1).meta({ fix: 'list the miners: - { id, firmware, host, port, ratedPowerW }' }),
});

export type ControllerConfig = z.infer<typeof controllerConfigSchema>;
export type MinerConfig = ControllerConfig['miners'][number];

/** Reads a controller file; paths inside it are relative to the file, and machine ids must be unique. */
export function loadControllerConfig(path: string): ControllerConfig {
  const config = loadConfigFile(path, controllerConfigSchema);
  const seen = new Map<string, number>();
  const duplicates: ValidationIssue[] = [];
  config.miners.forEach((m, i) => {
    const first = seen.get(m.id);
    if (first !== undefined)
      duplicates.push({
        field: `miners[${i}].id`,
        problem: `repeats the id of miners[${first}]`,
        value: m.id,
        fix: 'give every machine its own id',
        source: path,
      });
    else seen.set(m.id, i);
  });
  if (duplicates.length > 0) throw new ConfigError(duplicates);
  const dir = dirname(resolve(path));
  return {
    ...config,
    store: { ...config.store, dataDir: resolve(dir, config.store.dataDir) },
    plan:
      config.plan.kind === 'history' ? { ...config.plan, site: resolve(dir, config.plan.site) } : config.plan,
  };
}
