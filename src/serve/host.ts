/**
 * @module serve/host
 * One process runs a site: the controller's cycle, the HTTP API and the dashboard on one port, and the live
 * stream between them. Every cycle's report becomes the status the API serves and the stream pushes; every alert
 * the store takes is pushed too. Closing stops the loop after its cycle, then the server, then the controller.
 */
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { type ApiServer, buildApiServer, startApiServer } from '../api/server.ts';
import { siteStatusFrom } from '../api/status.ts';
import { EventHub } from '../api/stream.ts';
import type { SiteStatus } from '../api/types.ts';
import type { ControllerConfig } from '../config/controller.ts';
import { type Assembled, assembleController } from '../controller/assemble.ts';
import type { Clock, CycleReport } from '../controller/controller.ts';
import { runCycles } from '../controller/loop.ts';
import { RunExecutor } from '../runs/executor.ts';
import { operatorActions } from './operator-actions.ts';

/** The dashboard's build, beside `dist/` in the package root (from `src/` under tsx, or from `dist/`). */
const WEB_DIR = fileURLToPath(new URL('../../dist-web/', import.meta.url));

export interface SiteHostOptions {
  readonly config: ControllerConfig;
  readonly log: Logger;
  readonly clock: Clock;
  /** Where the API listens; 127.0.0.1 unless told otherwise (anything wider belongs behind a TLS proxy). */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** The built dashboard, served at `/` (default: the package's dist-web/). */
  readonly webDir?: string;
  readonly rateLimit?: { readonly max: number; readonly timeWindowMs: number };
  /** Proxies trusted to name the client in `X-Forwarded-For` (see ApiServerOptions). */
  readonly trustProxy?: string;
  readonly onCycle?: (report: CycleReport) => void;
}

export interface SiteHost {
  /** The API's base URL, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly assembled: Assembled;
  readonly app: ApiServer;
  readonly hub: EventHub;
  /** The last cycle's status (undefined before the first). */
  status(): SiteStatus | undefined;
  close(): Promise<void>;
}

export async function startSiteHost(options: SiteHostOptions): Promise<SiteHost> {
  const { config, log, clock } = options;
  const hub = new EventHub();
  const assembled = await assembleController(config, {
    clock,
    log,
    onAlert: (alert) => hub.publish('alert', alert),
  });
  const { controller, store } = assembled;
  let latest: SiteStatus | undefined;
  const stop = new AbortController();
  let loop: Promise<number> | undefined;
  let app: ApiServer | undefined;
  let runs: RunExecutor | undefined;
  // The loop finishes its cycle first; then nothing new reaches the store before it closes.
  const shutdown = async () => {
    stop.abort();
    await loop;
    await app?.close();
    await runs?.close();
    await assembled.close();
  };
  try {
    const { resumed, confirmed } = await controller.start();
    log.info({ resumed, confirmed }, 'reconciled');
    runs = await RunExecutor.start({
      store,
      siteId: config.siteId,
      log,
      clock,
      onChange: (run) => hub.publish('run', run),
    });
    const { carbon } = assembled;
    app = await buildApiServer({
      store,
      siteId: config.siteId,
      status: () => latest,
      actions: operatorActions(controller, {
        miningW: config.miners.reduce((sum, m) => sum + m.ratedPowerW, 0),
        aiW: config.gpuServers.reduce((sum, g) => sum + g.ratedPowerW, 0),
      }),
      log,
      clock,
      hub,
      runs,
      ...(carbon === undefined ? {} : { carbon }),
      webDir: options.webDir ?? WEB_DIR,
      ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    });
    const url = await startApiServer(app, {
      port: options.port,
      ...(options.host === undefined ? {} : { host: options.host }),
    });
    loop = runCycles(controller, {
      periodMs: config.cycle.periodS * 1000,
      signal: stop.signal,
      onCycle: (report) => {
        latest = siteStatusFrom(report, config);
        hub.publish('status', latest);
        options.onCycle?.(report);
      },
      onError: (error) => log.error({ err: error }, 'cycle failed; the next one starts on time'),
    });
    return { url, assembled, app, hub, status: () => latest, close: shutdown };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
