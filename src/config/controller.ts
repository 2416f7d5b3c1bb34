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

const httpUrl = (fix: string) =>
  z
    .string()
    .regex(/^https?:\/\/[^\s]+$/)
    .meta({ fix });

const gpuServer = z.object({
  id: miner.shape.id,
  url: httpUrl('the BMC base URL, e.g. https://10.0.1.20 (Redfish service root at /redfish/v1)'),
  username: z.string().optional(),
  password: z.string().optional(),
  insecure: z.boolean().meta({ fix: 'true to accept the BMC’s self-signed certificate' }).default(false),
  caFile: z.string().min(1).meta({ fix: 'a PEM file with the BMC’s CA, relative to this file' }).optional(),
  node: z
    .string()
    .min(1)
    .meta({ fix: 'the Kubernetes node name of this server, so its jobs can be drained' })
    .optional(),
  ratedPowerW: positive('the server nameplate power, W, e.g. 10200 for an 8× H100 SXM server'),
  idlePowerW: positive('the draw with its GPUs idle, W, e.g. 2000'),
  gpus: z.number().int().min(1).meta({ fix: 'GPUs in the server, e.g. 8' }).default(8),
  priceUsdPerGpuHour: positive('what a GPU-hour of this server’s work earns, USD').optional(),
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
      priceResponse: z
        .boolean()
        .meta({
          fix: "true when the site buys at the plan's interval price: AI work worth less than it is shed (caps, then drains)",
        })
        .default(false),
      confirm: z
        .object({
          sleepS: positive(
            'seconds a sleep may take before it counts as not applied (under 2 cycles: caught by the second cycle)',
          ).default(8),
          wakeS: positive('seconds a wake-up may take (a cold start: minutes)').default(300),
          drainS: positive(
            'seconds a GPU server drain may take: the pods’ grace period (30 s by default) and the GPUs idling',
          ).default(90),
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
      aiPue: z.number().min(1).max(3).meta({ fix: 'AI hall PUE, e.g. 1.3' }).default(1.3),
      eventLeadS: nonNegative('seconds before an event starts that the site begins to shed').default(60),
      vtn: z
        .object({
          url: httpUrl('the VTN base URL, e.g. https://vtn.example/openadr3/3.0.1'),
          clientId: z.string().min(1).meta({ fix: 'the VEN client id the utility issued' }),
          clientSecret: z.string().min(1).meta({ fix: 'the VEN client secret' }),
          venName: z.string().min(1).meta({ fix: 'this site’s VEN name, e.g. switchyard-site-1' }),
          resourceName: z
            .string()
            .min(1)
            .meta({ fix: 'the resource reports are about, e.g. site-1-main-meter' })
            .default('main-meter'),
          pollS: positive('seconds between event polls (30–60 is the OpenADR baseline)').default(30),
          simpleLevelImportFractions: z
            .tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)])
            .meta({ fix: 'share of importLimitW allowed at SIMPLE levels 0–3, e.g. [1, 0.75, 0.5, 0]' })
            .default([1, 0.75, 0.5, 0]),
        })
        .optional(),
    })
    .meta({ fix: 'grid: { importLimitW: 5000000 }' }),
  market: z
    .discriminatedUnion('mode', [
      z.object({
        mode: z.literal('live'),
        url: httpUrl('a mempool-style REST base, e.g. https://mempool.space/api'),
        priceUrl: httpUrl('a spot-price URL (mempool, CoinGecko or Coinbase shape)').optional(),
        pollS: positive('seconds between market polls, e.g. 60').default(60),
      }),
      z.object({
        mode: z.literal('fixture'),
        dir: z.string().min(1).meta({ fix: 'a folder with recorded market bodies, relative to this file' }),
        pollS: positive('seconds between market polls, e.g. 60').default(60),
      }),
    ])
    .meta({
      fix: 'market: { mode: live, url: https://mempool.space/api } or { mode: fixture, dir: market/ }',
    })
    .optional(),
  carbon: z
    .object({
      regionCode: z
        .string()
        .min(1)
        .meta({ fix: 'a region_code of data/grid_carbon_intensity_annual.csv, e.g. US-TEX-ERCO' })
        .optional(),
      year: z
        .number()
        .int()
        .meta({ fix: 'the year of that region’s intensity (default: the latest shipped)' })
        .optional(),
      gPerKWh: nonNegative(
        'average grid carbon intensity, g CO2 per kWh (= kg per MWh), e.g. 373',
      ).optional(),
    })
    .meta({ fix: 'carbon: { regionCode: US-TEX-ERCO } or { gPerKWh: 373 }' })
    .optional(),
  economics: z
    .object({
      hashpriceUsdPerPhDay: positive(
        'hashprice to value mining until the market feed answers, USD per PH/s per day, e.g. 50',
      ).default(50),
      poolFeeFraction: z.number().min(0).lt(1).meta({ fix: 'pool fee, e.g. 0.02' }).default(0.02),
      minerEfficiencyJPerTh: positive(
        'efficiency of a miner that is not hashing now, J/TH, e.g. 17.5',
      ).default(17.5),
      aiPriceUsdPerGpuHour: positive('what a GPU-hour of AI work earns, USD, e.g. 2').default(2),
      capThroughputExponent: z
        .number()
        .gt(0)
        .max(1)
        .meta({ fix: 'throughput ∝ ((P − idle) ÷ (rated − idle))^x under a cap; 0 < x ≤ 1, e.g. 0.4' })
        .default(0.4),
      slaPenaltyUsdPerServerHour: nonNegative('contract penalty per server-hour drained, USD').default(0),
      checkpointEveryS: positive('seconds between training checkpoints (work lost on a drain)').default(1800),
    })
    .prefault({}),
  ai: z
    .object({
      scheduler: z
        .object({
          url: httpUrl('the Kubernetes API server, e.g. https://10.0.0.1:6443'),
          token: z.string().min(1).meta({ fix: 'a service-account bearer token' }),
          insecure: z.boolean().default(false),
          caFile: z.string().min(1).optional(),
        })
        .optional(),
    })
    .prefault({}),
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
      vtnLost: safeState.default('hold'),
    })
    .prefault({}),
  plan,
  miners: z
    .array(miner)
    .meta({ fix: 'list the miners: - { id, firmware, host, port, ratedPowerW }' })
    .default([]),
  gpuServers: z
    .array(gpuServer)
    .meta({ fix: 'list the GPU servers: - { id, url, ratedPowerW, idlePowerW, node }' })
    .default([]),
});

export type ControllerConfig = z.infer<typeof controllerConfigSchema>;
export type MinerConfig = ControllerConfig['miners'][number];
export type GpuServerConfig = ControllerConfig['gpuServers'][number];

/** Reads a controller file; paths inside it are relative to the file, and machine ids must be unique. */
export function loadControllerConfig(path: string): ControllerConfig {
  const config = loadConfigFile(path, controllerConfigSchema);
  const seen = new Map<string, string>();
  const issues: ValidationIssue[] = [];
  const machines = [
    ...config.miners.map((m, i) => ({ id: m.id, field: `miners[${i}]` })),
    ...config.gpuServers.map((g, i) => ({ id: g.id, field: `gpuServers[${i}]` })),
  ];
  for (const { id, field } of machines) {
    const first = seen.get(id);
    if (first !== undefined)
      issues.push({
        field: `${field}.id`,
        problem: `repeats the id of ${first}`,
        value: id,
        fix: 'give every machine its own id',
        source: path,
      });
    else seen.set(id, field);
  }
  if (machines.length === 0)
    issues.push({
      field: 'miners',
      problem: 'no machines: both miners and gpuServers are empty',
      fix: 'list at least one miner or GPU server',
      source: path,
    });
  config.gpuServers.forEach((g, i) => {
    if (g.idlePowerW >= g.ratedPowerW)
      issues.push({
        field: `gpuServers[${i}].idlePowerW`,
        problem: `must be below ratedPowerW (${g.ratedPowerW} W)`,
        value: g.idlePowerW,
        fix: 'use the draw with the GPUs idle, e.g. 20 % of rated',
        source: path,
      });
    if (g.node !== undefined && config.ai.scheduler === undefined)
      issues.push({
        field: `gpuServers[${i}].node`,
        problem: 'names a Kubernetes node but there is no ai.scheduler to drain it with',
        fix: 'add ai: { scheduler: { url, token } } or remove node',
        source: path,
      });
  });
  if (issues.length > 0) throw new ConfigError(issues);
  const dir = dirname(resolve(path));
  return {
    ...config,
    store: { ...config.store, dataDir: resolve(dir, config.store.dataDir) },
    plan:
      config.plan.kind === 'history' ? { ...config.plan, site: resolve(dir, config.plan.site) } : config.plan,
    ...(config.market?.mode === 'fixture'
      ? { market: { ...config.market, dir: resolve(dir, config.market.dir) } }
      : {}),
    ai:
      config.ai.scheduler?.caFile === undefined
        ? config.ai
        : {
            ...config.ai,
            scheduler: { ...config.ai.scheduler, caFile: resolve(dir, config.ai.scheduler.caFile) },
          },
    gpuServers: config.gpuServers.map((g) =>
      g.caFile === undefined ? g : { ...g, caFile: resolve(dir, g.caFile) },
    ),
  };
}
