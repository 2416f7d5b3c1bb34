/**
 * The embedded demo as `npm start` runs it (simulated site, controller, API and dashboard in one process), in
 * its own process for the API benchmark: sends its URL and token to the parent over IPC, stops when told.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startDemo } from '../src/demo/run.ts';
import { scenarioById } from '../src/demo/scenarios.ts';

const demo = await startDemo({
  scenario: scenarioById('may-2024')!,
  miners: 40,
  gpus: 6,
  port: 0,
  dir: mkdtempSync(join(tmpdir(), 'switchyard-bench-api-')),
  log: pino({ level: 'silent' }),
  // The load generator is one client address: the per-client limit (600 a minute) would answer it with 429s.
  rateLimit: { max: 10_000_000, timeWindowMs: 60_000 },
});
process.send!({ url: demo.url, token: demo.token, dashboardUrl: demo.dashboardUrl });
process.on('message', async (message: { stop?: boolean }) => {
  if (!message.stop) return;
  await demo.close();
  process.exit(0);
});
