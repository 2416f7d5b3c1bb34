/**
 * @module controller/assemble
 * Builds a running controller from its config file: the store (PGlite in the config's folder unless
 * `DATABASE_URL` names a server), one driver per machine, and the plan source.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ControllerConfig } from '../config/controller.ts';
import { KubernetesScheduler } from '../drivers/ai-kubernetes/driver.ts';
import { GpuMachine } from '../drivers/gpu-machine.ts';
import { RedfishGpuDriver } from '../drivers/gpu-redfish/driver.ts';
import { ModbusMeterDriver } from '../drivers/meter-modbus/driver.ts';
import { makeMinerDriver } from '../drivers/miners.ts';
import { loadGridCarbonIntensityAnnual } from '../history/load.ts';
import { oadrGridClient } from '../providers/grid-openadr/grid-client.ts';
import { OadrVen } from '../providers/grid-openadr/ven.ts';
import {
  fixtureMarketProvider,
  liveMarketProvider,
  type MarketProvider,
} from '../providers/market/provider.ts';
import { findCarbonIntensity } from '../series/carbon-intensity.ts';
import { openStore, type StoreOptions, storeOptionsFromEnv } from '../store/index.ts';
import type { SqlStore } from '../store/types.ts';
import { type Clock, Controller, type ControllerDeps } from './controller.ts';
import { type MachineRuntime, type MachineSpec, minerSpec, newRuntime } from './fleet.ts';
import { fixedPlan, HistoryPlan, type PlanSource } from './plan/source.ts';
import type { CarbonIntensity } from './record.ts';

export interface Assembled {
  readonly controller: Controller;
  readonly store: SqlStore;
  readonly plan: PlanSource;
  /** The intensity the site's emissions are counted at (none configured: undefined). */
  readonly carbon: CarbonIntensity | undefined;
  close(): Promise<void>;
}

/** How long the first plan may take before the controller starts without one (its safe state applies). */
const FIRST_PLAN_TIMEOUT_MS = 60_000;

const readPem = (path: string | undefined) =>
  path === undefined ? {} : { caPem: readFileSync(path, 'utf8') };

/** Each GPU server as one machine: its BMC for watts and caps, the cluster's scheduler for its node's jobs. */
function schedulerFor(config: ControllerConfig): KubernetesScheduler | undefined {
  const s = config.ai.scheduler;
  return s === undefined
    ? undefined
    : new KubernetesScheduler({
        url: s.url,
        token: s.token,
        insecure: s.insecure,
        timeoutMs: config.cycle.requestTimeoutMs,
        ...readPem(s.caFile),
      });
}

function gpuMachines(
  config: ControllerConfig,
  clock: Clock,
  scheduler: KubernetesScheduler | undefined,
): MachineRuntime[] {
  return config.gpuServers.map((g) => {
    const url = new URL(g.url);
    const bmc = new RedfishGpuDriver({
      url: g.url,
      insecure: g.insecure,
      timeoutMs: config.cycle.requestTimeoutMs,
      ...(g.username === undefined ? {} : { username: g.username }),
      ...(g.password === undefined ? {} : { password: g.password }),
      ...readPem(g.caFile),
    });
    const spec: MachineSpec = {
      id: g.id,
      kind: 'gpu-server',
      firmware: 'redfish',
      host: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      ratedPowerW: g.ratedPowerW,
      sleepW: g.idlePowerW,
    };
    return newRuntime(
      spec,
      new GpuMachine({
        bmc,
        ...(scheduler === undefined || g.node === undefined
          ? {}
          : { scheduler: { driver: scheduler, node: g.node } }),
        ratedPowerW: g.ratedPowerW,
        idlePowerW: g.idlePowerW,
        gpus: g.gpus,
        checkpointEveryS: config.economics.checkpointEveryS,
        nowMs: () => clock.nowMs(),
      }),
    );
  });
}

function marketProviderFor(config: ControllerConfig): MarketProvider | undefined {
  const market = config.market;
  if (market === undefined) return undefined;
  if (market.mode === 'fixture') return fixtureMarketProvider(market.dir);
  return liveMarketProvider({
    baseUrl: market.url,
    timeoutMs: config.cycle.requestTimeoutMs,
    ...(market.priceUrl === undefined ? {} : { priceUrl: market.priceUrl }),
  });
}

/** The file's carbon section as one intensity: a figure given, or a shipped region's (its latest year unless named). */
function carbonIntensityOf(config: ControllerConfig): CarbonIntensity | undefined {
  const carbon = config.carbon;
  if (carbon === undefined) return undefined;
  if (carbon.gPerKWh !== undefined)
    return { gPerKWh: carbon.gPerKWh, basis: 'carbon.gPerKWh in the controller file' };
  if (carbon.regionCode === undefined) return undefined;
  const rows = loadGridCarbonIntensityAnnual();
  const years = rows.filter((r) => r.regionCode === carbon.regionCode).map((r) => r.year);
  // An unknown region has no latest year; the lookup then names the regions that exist.
  const year = carbon.year ?? (years.length > 0 ? Math.max(...years) : Number.NaN);
  const row = findCarbonIntensity(rows, carbon.regionCode, year);
  return {
    gPerKWh: row.intensityGPerKWh,
    basis: `${row.regionName} ${row.year} average (${row.basis}; ${row.source})`,
  };
}

export async function assembleController(
  config: ControllerConfig,
  options: {
    clock: Clock;
    log: Logger;
    store?: StoreOptions;
    gridEvents?: ControllerDeps['gridEvents'];
    onAlert?: ControllerDeps['onAlert'];
  },
): Promise<Assembled> {
  const { clock, log } = options;
  mkdirSync(config.store.dataDir, { recursive: true });
  // DATABASE_URL wins over the file, so one config moves between a laptop and a server unchanged.
  const fromEnv = storeOptionsFromEnv(config.store.dataDir);
  const storeOptions =
    options.store ?? (fromEnv.url === undefined && config.store.url ? { url: config.store.url } : fromEnv);
  const store = await openStore(storeOptions);
  const machines = config.miners.map((m) =>
    newRuntime(
      minerSpec(m),
      makeMinerDriver(
        m.firmware,
        {
          host: m.host,
          port: m.port,
          timeoutMs: config.cycle.requestTimeoutMs,
          ...(m.username === undefined ? {} : { username: m.username }),
          ...(m.password === undefined ? {} : { password: m.password }),
        },
        m.ratedPowerW,
      ),
    ),
  );
  const scheduler = schedulerFor(config);
  machines.push(...gpuMachines(config, clock, scheduler));
  const fleetRatedW = config.miners.reduce((sum, m) => sum + m.ratedPowerW, 0);
  let plan: PlanSource;
  if (config.plan.kind === 'fixed') plan = fixedPlan(config.plan.miningFraction, fleetRatedW);
  else {
    const history = new HistoryPlan({
      sitePath: config.plan.site,
      replayFromMs: Date.parse(config.plan.replayFrom),
      startedAtMs: clock.nowMs(),
      speed: config.plan.speed,
      horizonH: config.plan.horizonH,
      replanEveryH: config.plan.replanEveryH,
      fleetRatedW,
      onError: (message) => log.error({ message }, 'planner failed'),
    });
    await history.ready(clock.nowMs(), FIRST_PLAN_TIMEOUT_MS).catch((error: unknown) => {
      log.error({ err: error }, 'no plan yet: the plan-lost safe state applies until one arrives');
    });
    plan = history;
  }
  const m = config.meter;
  const meter =
    m === undefined
      ? undefined
      : new ModbusMeterDriver({
          host: m.host,
          port: m.port,
          unitId: m.unitId,
          timeoutMs: config.cycle.requestTimeoutMs,
          map: m.map,
          wordOrder: m.wordOrder,
          ...(m.baseRegister === undefined ? {} : { baseRegister: m.baseRegister }),
        });
  const market = marketProviderFor(config);
  const vtn = config.grid.vtn;
  const grid =
    vtn === undefined
      ? undefined
      : oadrGridClient(
          new OadrVen({
            baseUrl: vtn.url,
            clientId: vtn.clientId,
            clientSecret: vtn.clientSecret,
            venName: vtn.venName,
            timeoutMs: config.cycle.requestTimeoutMs,
          }),
          { resourceName: vtn.resourceName },
        );
  const carbon = carbonIntensityOf(config);
  const controller = new Controller({
    ...(meter === undefined ? {} : { meter }),
    ...(carbon === undefined ? {} : { carbon }),
    ...(market === undefined ? {} : { market }),
    ...(grid === undefined ? {} : { grid }),
    config,
    store,
    machines,
    plan,
    clock,
    log,
    journalPath: join(config.store.dataDir, 'intent-journal.jsonl'),
    ...(options.gridEvents === undefined ? {} : { gridEvents: options.gridEvents }),
    ...(options.onAlert === undefined ? {} : { onAlert: options.onAlert }),
  });
  return {
    controller,
    store,
    plan,
    carbon,
    close: async () => {
      await controller.close();
      await scheduler?.close();
      await meter?.close();
      await store.close();
    },
  };
}
