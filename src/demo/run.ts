/**
 * @module demo/run
 * The embedded demo (`npm start`): a simulated hybrid site on loopback, the real controller driving it through the
 * real drivers, PGlite as the store, shipped history for prices and the Bitcoin network (the market feed replays
 * the day the plan stands at, over the mempool wire shapes), and the API and dashboard on one port. Nothing to
 * install; the demo's store starts empty at each run.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { createApiToken } from '../api/auth.ts';
import { controllerConfigSchema } from '../config/controller.ts';
import { systemClock } from '../controller/controller.ts';
import { NO_FAULTS } from '../drivers/simulator/faults.ts';
import { loadBtcNetworkDaily } from '../history/load.ts';
import { marketPathsOn } from '../providers/market/history.ts';
import { API_PREFIX, startMarketSimulator } from '../providers/market/simulator.ts';
import { startSiteHost } from '../serve/host.ts';
import { lockFolder } from '../store/folder-lock.ts';
import type { SqlStore } from '../store/types.ts';
import { MS_PER_DAY } from '../units/index.ts';
import type { Scenario } from './scenarios.ts';
import { startSimSite } from './sim-site.ts';

const RECORDED_MARKET_DAY = fileURLToPath(new URL('../../examples/market', import.meta.url));

export interface DemoOptions {
  readonly scenario: Scenario;
  readonly miners: number;
  readonly gpus: number;
  readonly port: number;
  readonly host?: string;
  /** Historical seconds per real second (default: the scenario's). */
  readonly speed?: number;
  /** Where the demo keeps its store; emptied at start. */
  readonly dir: string;
  readonly log: Logger;
  /** Requests per client address per window (default: the API's 600 a minute). */
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number };
}

export interface Demo {
  readonly url: string;
  /** An operator token made for this run (shown once). */
  readonly token: string;
  /** The dashboard URL that signs the browser in with the token (kept in the fragment, never sent to a server). */
  readonly dashboardUrl: string;
  readonly eventCommand: string | null;
  /** The demo's store (tokens for other roles, what the dashboard reads). */
  readonly store: SqlStore;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { scenario, log } = options;
  const speed = options.speed ?? scenario.speed;
  const network = loadBtcNetworkDaily();
  const replayFromMs = Date.parse(scenario.replayFrom);
  const market = await startMarketSimulator(RECORDED_MARKET_DAY);
  let marketDay = Number.NaN;
  const showMarketDay = (historicalMs: number) => {
    const day = Math.floor(historicalMs / MS_PER_DAY);
    if (day === marketDay) return;
    marketDay = day;
    for (const [path, body] of marketPathsOn(network, historicalMs))
      market.setBody(`${API_PREFIX}${path}`, body);
  };
  const closers: (() => Promise<void>)[] = [() => market.close()];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close();
  };
  try {
    showMarketDay(replayFromMs);
    // The demo's folder is this run's alone: a second demo on it is refused before anything is deleted.
    mkdirSync(options.dir, { recursive: true });
    const release = lockFolder(options.dir);
    closers.push(async () => release());
    const storeDir = resolve(options.dir, 'store');
    rmSync(storeDir, { recursive: true, force: true });
    const site = await startSimSite({
      miners: options.miners,
      gpus: options.gpus,
      firmware: 'mixed',
      faults: NO_FAULTS,
      seed: 1,
      pace: 'demo',
      replayFrom: scenario.replayFrom,
      speed,
      storeDir,
      marketUrl: market.url,
      priceResponse: true,
    });
    closers.push(() => site.close());
    const config = controllerConfigSchema.parse({
      ...site.config,
      siteId: 'demo',
      name: `Demo: ${scenario.title}`,
    });
    const host = await startSiteHost({
      config,
      log,
      clock: systemClock,
      port: options.port,
      ...(options.host === undefined ? {} : { host: options.host }),
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
      onCycle: (report) => {
        const historicalMs = report.plan?.historicalMs;
        if (historicalMs === undefined) return;
        try {
          showMarketDay(historicalMs);
        } catch (error) {
          // Past the shipped history the feed keeps its last day, and the controller's stale-feed rule applies.
          log.warn({ err: error }, 'the replayed market has no data for this day');
        }
      },
    });
    closers.push(() => host.close());
    const { token } = await createApiToken(host.assembled.store, 'demo-visitor', 'operator');
    return {
      url: host.url,
      token,
      dashboardUrl: `${host.url}/#token=${token}`,
      eventCommand: site.eventCommand,
      store: host.assembled.store,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The demo's folder under the working directory. */
export const DEFAULT_DEMO_DIR = join('.switchyard', 'demo');
