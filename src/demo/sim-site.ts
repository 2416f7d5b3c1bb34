/**
 * @module demo/sim-site
 * A simulated hybrid site on loopback and the controller file that drives it: miners (each its own server), GPU
 * servers behind Redfish BMCs with their jobs on a Kubernetes API, a site meter summing what they really draw,
 * an OpenADR 3 VTN, and a market feed. `switchyard sim` writes the file for `switchyard run`; `switchyard demo`
 * (npm start) runs it in the same process with the API and dashboard. The plan replays shipped ERCOT real-time
 * prices through the 20 MW example site, from the instant the scenario names, at the pace it sets.
 */
import { fileURLToPath } from 'node:url';
import type { FaultSpec } from '../drivers/simulator/faults.ts';
import { DEFAULT_MINER_SPEC, type MinerModelSpec } from '../drivers/simulator/miner-model.ts';
import type { SiteFirmware } from '../drivers/simulator/site.ts';

const EXAMPLE_SITE = fileURLToPath(new URL('../../examples/site-20mw.yaml', import.meta.url));
const MARKET_DAY = fileURLToPath(new URL('../../examples/market', import.meta.url));

/** The simulated site's cooling and offices (drawn always) and its PUEs, as the meter sees them. */
const SIM_OVERHEAD_W = 2000;
const SIM_MINING_PUE = 1.05;
const SIM_AI_PUE = 1.3;

export type Pace = 'demo' | 'real';

/** Demo pace: levers about six times faster than real, so a visitor sees the site move within a minute. */
interface PaceSettings {
  spec: MinerModelSpec;
  periodS: number;
  dwellS: number;
  /** GPU servers: a cap bites in `capResponseS`; a drained pod terminates in `graceS`; a new one starts in `podStartS`. */
  gpu: { capResponseS: number; graceS: number; podStartS: number };
}

function paceSettings(pace: Pace): PaceSettings {
  if (pace === 'real')
    return {
      spec: DEFAULT_MINER_SPEC,
      periodS: 5,
      dwellS: 300,
      gpu: { capResponseS: 1, graceS: 30, podStartS: 20 },
    };
  const s = DEFAULT_MINER_SPEC;
  return {
    spec: { ...s, sleepS: s.sleepS / 5, wakeS: s.wakeS / 6, powerTargetS: s.powerTargetS / 6 },
    periodS: 2,
    dwellS: 20,
    gpu: { capResponseS: 1, graceS: 6, podStartS: 4 },
  };
}

export interface SimSiteOptions {
  readonly miners: number;
  readonly gpus: number;
  readonly firmware: SiteFirmware;
  readonly faults: FaultSpec;
  readonly seed: number;
  readonly pace: Pace;
  /** The historical instant the plan starts at, ISO. */
  readonly replayFrom: string;
  /** Historical seconds per real second. */
  readonly speed: number;
  /** Where the controller keeps its store (PGlite folder), relative to the controller file. */
  readonly storeDir: string;
  /**
   * The market feed: a live-mode URL (a simulator replaying the history, say) or, by default, the recorded day
   * in examples/market as fixtures.
   */
  readonly marketUrl?: string;
  /** The controller sheds AI worth less than the replayed price (demo) or only obeys the grid (default). */
  readonly priceResponse?: boolean;
}

export interface SimSite {
  /** The controller file's content (a plain object; `controllerConfigSchema` parses it). */
  readonly config: Record<string, unknown>;
  /** What a person needs to reach the machines, one line each. */
  readonly endpoints: readonly string[];
  /** The `switchyard vtn event` line that demonstrates a grid event on this site (none without GPU servers). */
  readonly eventCommand: string | null;
  readonly ratedMiningW: number;
  readonly ratedAiW: number;
  close(): Promise<void>;
}

export async function startSimSite(options: SimSiteOptions): Promise<SimSite> {
  const pace = paceSettings(options.pace);
  // Loaded here so commands that never start a site never pay for the drivers and simulators.
  const { SIM_CREDENTIALS, startSimulatedSite } = await import('../drivers/simulator/site.ts');
  const aiSite = await import('../drivers/simulator/ai-site.ts');
  const ai =
    options.gpus === 0
      ? null
      : await aiSite.startSimulatedAiSite({
          servers: options.gpus,
          capResponseS: pace.gpu.capResponseS,
          terminationGraceS: pace.gpu.graceS,
          podStartS: pace.gpu.podStartS,
          tickMs: 250,
        });
  const site = await startSimulatedSite({
    miners: options.miners,
    firmware: options.firmware,
    faults: options.faults,
    seed: options.seed,
    spec: pace.spec,
    meter: {
      overheadW: SIM_OVERHEAD_W,
      pue: SIM_MINING_PUE,
      ...(ai === null ? {} : { other: { powerW: ai.physicalPowerW, pue: SIM_AI_PUE } }),
    },
  }).catch(async (error: unknown) => {
    await ai?.close();
    throw error;
  });
  const ratedMiningW = site.miners.reduce((sum, m) => sum + m.model.spec.ratedPowerW, 0);
  const ratedAiW = options.gpus * aiSite.SIM_GPU_SERVER.ratedPowerW;
  const config = {
    siteId: 'sim',
    name: `Simulated site: ${options.miners} miners (${options.firmware}), ${options.gpus} GPU servers`,
    store: { dataDir: options.storeDir },
    cycle: { periodS: pace.periodS, requestTimeoutMs: 2000, maxAgeS: pace.periodS * 4 },
    control: {
      minDwellS: pace.dwellS,
      batchSize: Math.max(1, Math.ceil(options.miners / 10)),
      batchSpacingS: pace.periodS,
      priceResponse: options.priceResponse ?? false,
      confirm: {
        // Under two cycle periods, so a miner that ignores a sleep is caught by the second cycle after it.
        sleepS: 1.5 * Math.max(pace.spec.sleepS, pace.periodS),
        drainS: 3 * (pace.gpu.graceS + pace.periodS),
        wakeS: 2 * pace.spec.wakeS,
        powerTargetS: 2 * pace.spec.powerTargetS,
      },
    },
    grid: {
      importLimitW: Math.ceil((ratedMiningW * SIM_MINING_PUE + ratedAiW * SIM_AI_PUE + SIM_OVERHEAD_W) * 1.1),
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
    carbon: { regionCode: 'US-TEX-ERCO' },
    market:
      options.marketUrl === undefined
        ? { mode: 'fixture', dir: MARKET_DAY, pollS: 60 }
        : { mode: 'live', url: options.marketUrl, pollS: 5 * pace.periodS },
    ...(ai === null ? {} : { ai: { scheduler: { url: ai.scheduler.url, token: aiSite.SIM_K8S_TOKEN } } }),
    ...(site.meter === null ? {} : { meter: { host: site.meter.host, port: site.meter.port } }),
    safeState: { planLost: 'hold', marketLost: 'hold', storeLost: 'hold', vtnLost: 'hold' },
    plan: { kind: 'history', site: EXAMPLE_SITE, replayFrom: options.replayFrom, speed: options.speed },
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
  const endpoints = [
    `${options.miners} ${options.firmware} miners on 127.0.0.1 (${Math.round(ratedMiningW / 1000)} kW rated)`,
  ];
  if (site.meter !== null)
    endpoints.push(
      `site meter (SunSpec over Modbus TCP): switchyard probe meter --host ${site.meter.host} --port ${site.meter.port}`,
    );
  if (ai !== null) {
    const { username, password } = aiSite.SIM_BMC_CREDENTIALS;
    endpoints.push(
      `GPU servers: ${options.gpus} Redfish BMCs, e.g. switchyard probe redfish --url ${ai.servers[0]!.url} --user ${username} --password ${password}`,
      `Kubernetes API (jobs on the GPU nodes): ${ai.scheduler.url}`,
      `OpenADR 3 VTN: switchyard probe vtn --url ${ai.vtn.baseUrl}`,
    );
  }
  // All mining and a quarter of the AI draw must go: miners first, then GPU caps, no drains.
  const eventCommand =
    ai === null
      ? null
      : `switchyard vtn event --url ${ai.vtn.baseUrl} --import-limit-kw ${Math.round((ratedAiW * SIM_AI_PUE * 0.75 + SIM_OVERHEAD_W) / 1000)} --minutes 2`;
  return {
    config,
    endpoints,
    eventCommand,
    ratedMiningW,
    ratedAiW,
    close: async () => {
      await site.close();
      await ai?.close();
    },
  };
}
