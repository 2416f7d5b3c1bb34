/**
 * @module cli/serve
 * `switchyard demo` (what `npm start` runs): a simulated hybrid site, the controller, the API and the dashboard in
 * one process, replaying a historical week fast. `switchyard serve --config FILE`: the controller of a real site
 * (or a `switchyard sim` one) with the API and dashboard. Both print the URL; Ctrl-C stops them cleanly.
 */
import { type Command, Option } from 'commander';
import type { Logger } from 'pino';
import { scenarioById, scenarioIds } from '../demo/scenarios.ts';
import { ValidationError } from '../errors.ts';
import { wholeNumber } from './options.ts';
import type { Io } from './output.ts';

/** Logs go to stderr as JSON lines (LOG_LEVEL sets how much); stdout carries what a person reads. */
async function stderrLog(level: string): Promise<Logger> {
  const { pino } = await import('pino');
  return pino({ level: process.env.LOG_LEVEL ?? level }, pino.destination(2));
}

const untilSignal = () =>
  new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });

/** A port the OS refuses (taken, privileged) is a flag to change, not a crash. */
function portError(error: unknown, port: number): unknown {
  const code = (error as { code?: unknown }).code;
  if (code !== 'EADDRINUSE' && code !== 'EACCES') return error;
  return new ValidationError([
    {
      field: '--port',
      problem: code === 'EADDRINUSE' ? 'is already in use on this machine' : 'may not be opened by this user',
      value: port,
      fix: 'give another port, e.g. --port 8081, or --port 0 for any free one',
    },
  ]);
}

const perMinute = (value: string) => ({
  max: wholeNumber(value, '--rate-limit', 1, '600'),
  timeWindowMs: 60_000,
});

export function registerServe(program: Command, io: Io): void {
  program
    .command('demo')
    .description(
      'a simulated hybrid site, the controller, the API and the dashboard on http://127.0.0.1:8080',
    )
    .addOption(
      new Option('--scenario <id>', 'the historical week to replay')
        .choices(scenarioIds())
        .default('may-2024'),
    )
    .option('--port <n>', 'HTTP port (0: any free one)', '8080')
    .option('--host <address>', 'address to listen on (anything but loopback belongs behind a TLS proxy)')
    .option('--miners <n>', 'simulated miners', '40')
    .option('--gpus <n>', 'simulated GPU servers (8× H100 each)', '6')
    .option('--speed <n>', 'historical seconds per real second (default: the scenario’s)')
    .option('--dir <folder>', 'where the demo keeps its store (emptied at start)')
    .option('--rate-limit <n>', 'API requests a minute per client address', '600')
    .action(
      async (options: {
        scenario: string;
        port: string;
        host?: string;
        miners: string;
        gpus: string;
        speed?: string;
        dir?: string;
        rateLimit: string;
      }) => {
        const { DEFAULT_DEMO_DIR, startDemo } = await import('../demo/run.ts');
        const scenario = scenarioById(options.scenario)!;
        const port = wholeNumber(options.port, '--port', 0, '8080');
        const log = await stderrLog('warn');
        io.err(
          `switchyard demo: starting "${scenario.title}" (the first start builds an embedded Postgres: ~5 s)`,
        );
        const demo = await startDemo({
          scenario,
          miners: wholeNumber(options.miners, '--miners', 1, '40'),
          gpus: wholeNumber(options.gpus, '--gpus', 0, '6'),
          port,
          ...(options.host === undefined ? {} : { host: options.host }),
          ...(options.speed === undefined ? {} : { speed: wholeNumber(options.speed, '--speed', 1, '360') }),
          dir: options.dir ?? DEFAULT_DEMO_DIR,
          log,
          rateLimit: perMinute(options.rateLimit),
        }).catch((error: unknown) => {
          throw portError(error, port);
        });
        io.out(`Switchyard demo: ${scenario.title}`);
        io.out(`  dashboard  ${demo.dashboardUrl}`);
        io.out(`  API        ${demo.url}/api/v1 (OpenAPI at ${demo.url}/api/openapi.json)`);
        io.out(`  token      ${demo.token}  (operator; send it as Authorization: Bearer <token>)`);
        io.out(`  what to watch: ${scenario.story}`);
        if (demo.eventCommand !== null)
          io.out(
            `  a grid event from the simulated utility: npm run switchyard -- ${demo.eventCommand.replace(/^switchyard /, '')}`,
          );
        io.out('Ctrl-C stops it.');
        await untilSignal();
        io.err('switchyard demo: stopping (finishing the cycle in progress)');
        await demo.close();
      },
    );

  program
    .command('serve')
    .description('run the controller of a site with its HTTP API and dashboard')
    .requiredOption('--config <file>', 'controller file (switchyard sim writes one)')
    .option('--port <n>', 'HTTP port (0: any free one)', '8080')
    .option('--host <address>', 'address to listen on (anything but loopback belongs behind a TLS proxy)')
    .option('--rate-limit <n>', 'API requests a minute per client address', '600')
    .option(
      '--trust-proxy <addresses>',
      'proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For names the client, e.g. 127.0.0.1',
    )
    .action(
      async (options: {
        config: string;
        port: string;
        host?: string;
        rateLimit: string;
        trustProxy?: string;
      }) => {
        const { loadControllerConfig } = await import('../config/controller.ts');
        const config = loadControllerConfig(options.config);
        const port = wholeNumber(options.port, '--port', 0, '8080');
        const log = await stderrLog('info');
        const { startSiteHost } = await import('../serve/host.ts');
        const { systemClock } = await import('../controller/controller.ts');
        const { createApiToken } = await import('../api/auth.ts');
        const host = await startSiteHost({
          config,
          log,
          clock: systemClock,
          port,
          rateLimit: perMinute(options.rateLimit),
          ...(options.host === undefined ? {} : { host: options.host }),
          ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
        }).catch((error: unknown) => {
          throw portError(error, port);
        });
        io.out(`switchyard serve: site ${config.siteId} at ${host.url} (API ${host.url}/api/v1)`);
        // A site's first start has no tokens: an admin one is made and shown this once, as a database's first
        // superuser is. Later tokens come from POST /api/v1/tokens.
        const store = host.assembled.store;
        if ((await store.listApiTokens()).length === 0) {
          const { token } = await createApiToken(store, 'bootstrap-admin', 'admin');
          io.out(`  first start: an admin token was made; it is shown only now: ${token}`);
          io.out(`  dashboard  ${host.url}/#token=${token}`);
        }
        io.out('Ctrl-C stops it.');
        await untilSignal();
        await host.close();
      },
    );
}
