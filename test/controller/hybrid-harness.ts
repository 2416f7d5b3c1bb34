/**
 * A hybrid site in one test process: LuxOS miners, GPU servers behind Redfish BMCs with their jobs on a
 * Kubernetes API, a SunSpec meter summing what everything physically draws, a mempool-style market server and
 * an OpenADR 3 VTN — all on 127.0.0.1 — and the controller assembled from a config file's worth of settings,
 * exactly as `switchyard run` builds it. One manual clock drives every simulator and the controller.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { controllerConfigSchema } from '../../src/config/controller.ts';
import { assembleController } from '../../src/controller/assemble.ts';
import type { CycleReport } from '../../src/controller/controller.ts';
import { startMeterSimulator } from '../../src/drivers/meter-modbus/simulator.ts';
import {
  SIM_BMC_CREDENTIALS,
  SIM_GPU_SERVER,
  SIM_K8S_TOKEN,
  SIM_VEN_NAME,
  startSimulatedAiSite,
} from '../../src/drivers/simulator/ai-site.ts';
import { startLuxosSimulator } from '../../src/drivers/simulator/cgminer-server.ts';
import { NO_FAULTS } from '../../src/drivers/simulator/faults.ts';
import { gridEventInput } from '../../src/providers/grid-openadr/event-input.ts';
import { SIM_VEN_CLIENT } from '../../src/providers/grid-openadr/vtn-auth.ts';
import { startMarketSimulator } from '../../src/providers/market/simulator.ts';
import { FAST_SPEC, manualClock } from './harness.ts';

export const OVERHEAD_W = 5000;
export const MINING_PUE = 1.05;
export const AI_PUE = 1.3;
export const CYCLE_S = 5;
const MARKET_FIXTURES = join(import.meta.dirname, '../../examples/market');

export interface HybridOptions {
  readonly miners: number;
  readonly gpus: number;
  /** The first N miners close every connection (they keep hashing: the controller just cannot see them). */
  readonly failingMiners?: number;
  readonly importLimitW?: number;
  readonly overrides?: Record<string, unknown>;
}

export async function startHybrid(options: HybridOptions) {
  const clock = manualClock();
  const miners = await Promise.all(
    Array.from({ length: options.miners }, (_, i) =>
      startLuxosSimulator({
        spec: FAST_SPEC,
        clock: clock.nowMs,
        seed: i + 1,
        faults: i < (options.failingMiners ?? 0) ? { ...NO_FAULTS, dropRate: 1 } : NO_FAULTS,
      }),
    ),
  );
  const ai = await startSimulatedAiSite({
    servers: options.gpus,
    nowMs: clock.nowMs,
    capResponseS: 1,
    terminationGraceS: 10,
    podStartS: 5,
  });
  const trueImportW = () =>
    OVERHEAD_W +
    miners.reduce((sum, m) => sum + m.model.powerW(clock.nowMs()), 0) * MINING_PUE +
    ai.physicalPowerW() * AI_PUE;
  const meter = await startMeterSimulator({ map: 'sunspec', wordOrder: 'ABCD', powerW: trueImportW });
  const market = await startMarketSimulator(MARKET_FIXTURES);
  const config = controllerConfigSchema.parse({
    siteId: `h${Math.random().toString(36).slice(2, 10)}`,
    store: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-hybrid-')) },
    cycle: {
      periodS: CYCLE_S,
      requestTimeoutMs: 3000,
      maxAgeS: 4 * CYCLE_S,
      backoffStepS: 2,
      backoffMaxS: 10,
    },
    control: {
      minDwellS: 0,
      batchSpacingS: 0,
      usePowerTargets: false,
      confirm: { sleepS: 10, drainS: 30, wakeS: 20, powerTargetS: 20 },
    },
    grid: {
      importLimitW: options.importLimitW ?? 400_000,
      importMarginFraction: 0.05,
      overheadW: OVERHEAD_W,
      miningPue: MINING_PUE,
      aiPue: AI_PUE,
      eventLeadS: 60,
      vtn: {
        url: ai.vtn.baseUrl,
        clientId: SIM_VEN_CLIENT.clientId,
        clientSecret: SIM_VEN_CLIENT.clientSecret,
        venName: SIM_VEN_NAME,
        pollS: CYCLE_S,
      },
    },
    meter: { host: meter.host, port: meter.port },
    market: { mode: 'live', url: market.url, pollS: CYCLE_S },
    ai: { scheduler: { url: ai.scheduler.url, token: SIM_K8S_TOKEN } },
    plan: { kind: 'fixed', miningFraction: 1 },
    miners: miners.map((s, i) => ({
      id: `m${String(i).padStart(2, '0')}`,
      firmware: s.firmware,
      host: s.host,
      port: s.port,
      ratedPowerW: s.model.spec.ratedPowerW,
    })),
    gpuServers: ai.servers.map((s, i) => ({
      id: `g${String(i).padStart(2, '0')}`,
      url: s.url,
      ...SIM_BMC_CREDENTIALS,
      node: s.node,
      ratedPowerW: SIM_GPU_SERVER.ratedPowerW,
      idlePowerW: SIM_GPU_SERVER.idleW,
      gpus: SIM_GPU_SERVER.gpus,
    })),
    ...options.overrides,
  });
  const assembled = await assembleController(config, {
    clock,
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    store: {},
  });
  // Pods start on every node before the controller's first cycle: the site is busy.
  clock.advanceS(10);
  ai.scheduler.tick();
  await assembled.controller.start();
  const reports: CycleReport[] = [];
  return {
    clock,
    miners,
    ai,
    meter,
    market,
    config,
    controller: assembled.controller,
    store: assembled.store,
    reports,
    trueImportW,
    /** Runs cycles `CYCLE_S` apart, the pods and caps moving between them. */
    async cycles(count: number): Promise<CycleReport> {
      for (let i = 0; i < count; i++) {
        clock.advanceS(CYCLE_S);
        ai.scheduler.tick();
        reports.push(await assembled.controller.cycle());
      }
      return reports.at(-1)!;
    },
    /** The simulated VTN publishes an event for this site, as the utility's business logic would. */
    sendEvent(request: {
      importLimitKw?: number;
      priceUsdPerMWh?: number;
      startInS: number;
      durationS: number;
    }) {
      return ai.vtn.createEvent(
        gridEventInput({
          programID: ai.programId,
          venName: SIM_VEN_NAME,
          eventName: 'test-event',
          startMs: clock.nowMs() + request.startInS * 1000,
          durationS: request.durationS,
          ...(request.importLimitKw === undefined ? {} : { importLimitKw: request.importLimitKw }),
          ...(request.priceUsdPerMWh === undefined ? {} : { priceUsdPerMWh: request.priceUsdPerMWh }),
        }),
      );
    },
    async close() {
      await assembled.close();
      await Promise.all([...miners.map((m) => m.close()), ai.close(), meter.close(), market.close()]);
    },
  };
}

export type Hybrid = Awaited<ReturnType<typeof startHybrid>>;
