/**
 * @module cli/sim
 * `switchyard sim --miners N --gpus G [--firmware F] [--faults SPEC] [--pace demo|real] [--config-out FILE]`: a
 * simulated hybrid site on loopback in its own process — miners, GPU servers behind Redfish BMCs with their jobs on
 * a Kubernetes API, a site meter and an OpenADR 3 VTN — and a controller file for `switchyard run` pointing at it.
 * The plan replays shipped ERCOT real-time prices from the evening of 8 May 2024 (a price spike) through the 20 MW
 * example site; the market feed replays a recorded day (examples/market).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, Option } from 'commander';
import { MINER_FIRMWARES } from '../drivers/natures.ts';
import { NO_FAULTS, parseFaultSpec } from '../drivers/simulator/faults.ts';
import { DEFAULT_MINER_SPEC, type MinerModelSpec } from '../drivers/simulator/miner-model.ts';
import type { SiteFirmware } from '../drivers/simulator/site.ts';
import { wholeNumber } from './options.ts';
import type { Io } from './output.ts';

const EXAMPLE_SITE = fileURLToPath(new URL('../../examples/site-20mw.yaml', import.meta.url));
const MARKET_DAY = fileURLToPath(new URL('../../examples/market', import.meta.url));
/** Three hours before the 8–9 May 2024 ERCOT price spike (hub average real-time $2,292 and $2,911/MWh). */
const DEMO_REPLAY_FROM = '2024-05-08T21:00:00Z';

type Pace = 'demo' | 'real';

/** The simulated site's cooling and offices (drawn always) and its mining PUE, as the meter sees them. */
const SIM_OVERHEAD_W = 2000;
const SIM_MINING_PUE = 1.05;
const SIM_AI_PUE = 1.3;

/** Demo pace: levers about six times faster and an hour of history every 10 s, so a visitor sees the site move. */
interface PaceSettings {
  spec: MinerModelSpec;
  speed: number;
  periodS: number;
  dwellS: number;
  /** GPU servers: a cap bites in `capResponseS`; a drained pod terminates in `graceS`; a new one starts in `podStartS`. */
  gpu: { capResponseS: number; graceS: number; podStartS: number };
}

function paceSettings(pace: Pace): PaceSettings {
  if (pace === 'real')
    return {
      spec: DEFAULT_MINER_SPEC,
      speed: 1,
      periodS: 5,
      dwellS: 300,
      gpu: { capResponseS: 1, graceS: 30, podStartS: 20 },
    };
  const s = DEFAULT_MINER_SPEC;
  return {
    spec: { ...s, sleepS: s.sleepS / 5, wakeS: s.wakeS / 6, powerTargetS: s.powerTargetS / 6 },
    speed: 360,
    periodS: 2,
    dwellS: 20,
    gpu: { capResponseS: 1, graceS: 6, podStartS: 4 },
  };
}

interface SimOptions {
  miners: string;
  gpus: string;
  firmware: SiteFirmware;
  faults?: string;
  seed: string;
  pace: Pace;
  configOut: string;
}

export function registerSim(program: Command, io: Io): void {
  program
    .command('sim')
    .description('start a simulated site on 127.0.0.1 and write a controller file for `switchyard run`')
    .option('--miners <n>', 'number of simulated miners', '50')
    .option('--gpus <n>', 'number of simulated GPU servers (8× H100 each; 0 for a mining-only site)', '4')
    .addOption(
      new Option('--firmware <name>', 'miner firmware (mixed: LuxOS, Braiins OS and stock cgminer)')
        .choices([...MINER_FIRMWARES, 'mixed'])
        .default('luxos'),
    )
    .option('--faults <spec>', 'fault injection, e.g. "drop=0.02,delay=50,ack-not-applied=0.05,quirks"')
    .option('--seed <n>', 'seed of the fault draws', '1')
    .addOption(
      new Option('--pace <pace>', 'lever speeds and replay speed').choices(['demo', 'real']).default('demo'),
    )
    .option('--config-out <file>', 'where to write the controller file', '.switchyard/sim-site.yaml')
    .action(async (options: SimOptions) => {
      const count = wholeNumber(options.miners, '--miners', 1, '50');
      const gpus = wholeNumber(options.gpus, '--gpus', 0, '4');
      const faults = options.faults === undefined ? NO_FAULTS : parseFaultSpec(options.faults);
      const pace = paceSettings(options.pace);
      // Loaded here so the other commands never pay for the drivers and simulators.
      const { SIM_CREDENTIALS, startSimulatedSite } = await import('../drivers/simulator/site.ts');
      const aiSite = await import('../drivers/simulator/ai-site.ts');
      const ai =
        gpus === 0
          ? null
          : await aiSite.startSimulatedAiSite({
              servers: gpus,
              capResponseS: pace.gpu.capResponseS,
              terminationGraceS: pace.gpu.graceS,
              podStartS: pace.gpu.podStartS,
              tickMs: 250,
            });
      const { stringify } = await import('yaml');
      const site = await startSimulatedSite({
        miners: count,
        firmware: options.firmware,
        faults,
        seed: wholeNumber(options.seed, '--seed', 0, '1'),
        spec: pace.spec,
        meter: {
          overheadW: SIM_OVERHEAD_W,
          pue: SIM_MINING_PUE,
          ...(ai === null ? {} : { other: { powerW: ai.physicalPowerW, pue: SIM_AI_PUE } }),
        },
      });
      const configPath = resolve(options.configOut);
      mkdirSync(dirname(configPath), { recursive: true });
      const fleetW = site.miners.reduce((sum, m) => sum + m.model.spec.ratedPowerW, 0);
      const aiW = gpus * aiSite.SIM_GPU_SERVER.ratedPowerW;
      const config = {
        siteId: 'sim',
        name: `Simulated site: ${count} miners (${options.firmware}), ${gpus} GPU servers`,
        store: { dataDir: 'store' },
        cycle: { periodS: pace.periodS, requestTimeoutMs: 2000, maxAgeS: pace.periodS * 4 },
        control: {
          minDwellS: pace.dwellS,
          batchSize: Math.max(1, Math.ceil(count / 10)),
          batchSpacingS: pace.periodS,
          confirm: {
            // Under two cycle periods, so a miner that ignores a sleep is caught by the second cycle after it.
            sleepS: 1.5 * Math.max(pace.spec.sleepS, pace.periodS),
            drainS: 3 * (pace.gpu.graceS + pace.periodS),
            wakeS: 2 * pace.spec.wakeS,
            powerTargetS: 2 * pace.spec.powerTargetS,
          },
        },
        grid: {
          importLimitW: Math.ceil((fleetW * SIM_MINING_PUE + aiW * SIM_AI_PUE + SIM_OVERHEAD_W) * 1.1),
          overheadW: SIM_OVERHEAD_W,
          miningPue: SIM_MINING_PUE,
          aiPue: SIM_AI_PUE,
          eventLeadS: 4 * pace.periodS,
          ...(ai === null
            ? {}
            : {
                vtn: {
                  url: ai.vtn.baseUrl,
                  clientId: 'ven_client',
                  clientSecret: 'ven_secret',
                  venName: aiSite.SIM_VEN_NAME,
                  pollS: pace.periodS,
                },
              }),
        },
        market: { mode: 'fixture', dir: MARKET_DAY, pollS: 60 },
        ...(ai === null ? {} : { ai: { scheduler: { url: ai.scheduler.url, token: aiSite.SIM_K8S_TOKEN } } }),
        ...(site.meter === null ? {} : { meter: { host: site.meter.host, port: site.meter.port } }),
        safeState: { planLost: 'hold', marketLost: 'hold', storeLost: 'hold', vtnLost: 'hold' },
        plan: {
          kind: 'history',
          site: EXAMPLE_SITE,
          replayFrom: DEMO_REPLAY_FROM,
          speed: pace.speed,
        },
        miners: site.miners.map((m, i) => ({
          id: `m${String(i).padStart(5, '0')}`,
          firmware: m.firmware,
          host: m.host,
          port: m.port,
          ratedPowerW: m.model.spec.ratedPowerW,
          ...(m.firmware === 'braiins' ? SIM_CREDENTIALS : {}),
        })),
        gpuServers: (ai?.servers ?? []).map((g, i) => ({
          id: `g${String(i).padStart(3, '0')}`,
          url: g.url,
          ...aiSite.SIM_BMC_CREDENTIALS,
          node: g.node,
          ratedPowerW: aiSite.SIM_GPU_SERVER.ratedPowerW,
          idlePowerW: aiSite.SIM_GPU_SERVER.idleW,
          gpus: aiSite.SIM_GPU_SERVER.gpus,
        })),
      };
      writeFileSync(
        configPath,
        `# Written by \`switchyard sim\` for \`switchyard run --config ${options.configOut}\`; valid while the simulator runs.\n${stringify(config)}`,
      );
      io.out(
        `switchyard sim: ${count} ${options.firmware} miners on 127.0.0.1 (${Math.round(fleetW / 1000)} kW rated)`,
      );
      io.out(`controller file: ${configPath}`);
      if (site.meter !== null)
        io.out(
          `site meter (SunSpec over Modbus TCP): switchyard probe meter --host ${site.meter.host} --port ${site.meter.port}`,
        );
      if (ai !== null) {
        io.out(
          `GPU servers: ${gpus} Redfish BMCs, e.g. switchyard probe redfish --url ${ai.servers[0]!.url} --user ${aiSite.SIM_BMC_CREDENTIALS.username} --password ${aiSite.SIM_BMC_CREDENTIALS.password}`,
        );
        io.out(`Kubernetes API (jobs on the GPU nodes): ${ai.scheduler.url}`);
        io.out(`OpenADR 3 VTN: switchyard probe vtn --url ${ai.vtn.baseUrl}`);
        // All mining and a quarter of the AI draw must go: the demo shows miners first, then GPU caps, no drains.
        io.out(
          `send a grid event (once run is going): switchyard vtn event --url ${ai.vtn.baseUrl} --import-limit-kw ${Math.round((aiW * SIM_AI_PUE * 0.75 + SIM_OVERHEAD_W) / 1000)} --minutes 2`,
        );
      }
      io.out(`next, in another terminal: switchyard run --config ${options.configOut}`);
      io.out(`  (in this repository: npm run switchyard -- run --config ${options.configOut})`);
      io.out('Ctrl-C stops the simulator.');
      await new Promise<void>((resolveStop) => {
        process.once('SIGINT', resolveStop);
        process.once('SIGTERM', resolveStop);
      });
      await site.close();
      await ai?.close();
    });
}
