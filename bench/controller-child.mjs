// The controller side of the controller benchmark, run as the product runs: plain Node on the built package
// (dist/), no TypeScript loader, so its resident memory is the controller's own. Gets the simulated miners'
// endpoints from the parent, sends back the measurements.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { controllerConfigSchema } from '../dist/config/controller.js';
import { Controller, systemClock } from '../dist/controller/controller.js';
import { minerSpec, newRuntime, readAll } from '../dist/controller/fleet.js';
import { makeMinerDriver } from '../dist/drivers/miners.js';
import { openStore } from '../dist/store/index.js';

const { endpoints, storeUrl, dataDir } = await new Promise((resolve) => process.once('message', resolve));
const concurrency = 512;
const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-ctl-'));
const store = await openStore(storeUrl ? { url: storeUrl } : { dataDir });
const config = controllerConfigSchema.parse({
  siteId: 'bench',
  store: { dataDir: dir },
  cycle: { requestTimeoutMs: 5000, maxAgeS: 60, pollConcurrency: concurrency, writeConcurrency: concurrency },
  control: {
    minDwellS: 0,
    batchSize: endpoints.length,
    batchSpacingS: 0,
    usePowerTargets: false,
    confirm: { sleepS: 30, wakeS: 30 },
  },
  grid: { importLimitW: 1e12 },
  plan: { kind: 'fixed', miningFraction: 1 },
  miners: endpoints.map((e, i) => ({ id: `m${i}`, firmware: 'luxos', ...e })),
});
const machines = config.miners.map((m) =>
  newRuntime(
    minerSpec(m),
    makeMinerDriver('luxos', { host: m.host, port: m.port, timeoutMs: config.cycle.requestTimeoutMs }),
  ),
);
let miningFraction = 1;
const fleetW = config.miners.reduce((sum, m) => sum + m.ratedPowerW, 0);
const controller = new Controller({
  config,
  store,
  machines,
  plan: {
    description: 'bench',
    targetAt: () => ({ miningW: miningFraction * fleetW }),
    refresh: () => {},
    takeNewWindows: () => [],
    close: async () => {},
  },
  clock: systemClock,
  log: pino({ level: 'silent' }),
  journalPath: join(dir, 'journal.jsonl'),
});
await controller.start();

const readOptions = { concurrency, backoffStepMs: 2000, backoffMaxMs: 300_000, nowMs: () => Date.now() };
const reads = [];
for (let i = 0; i < 5; i++) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const polled = await readAll(machines, readOptions);
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  if (polled !== machines.length || machines.some((m) => m.failures > 0)) throw new Error('a read failed');
  reads.push({ wallMs, cpuUs: used.user + used.system });
}
reads.sort((a, b) => a.wallMs - b.wallMs);
const fullCycle = await controller.cycle();

/** From the decision (after the sending cycle's read) to the end of the read that confirms the last command. */
async function moveAll(fraction, kind) {
  miningFraction = fraction;
  const sending = await controller.cycle();
  if (sending.sent !== machines.length)
    throw new Error(`${kind}: sent ${sending.sent} of ${machines.length}`);
  let totalMs = sending.cycleMs - sending.phaseMs.read;
  let confirmed = sending.confirmed;
  let cycles = 1;
  while (confirmed < machines.length) {
    const report = await controller.cycle();
    confirmed += report.confirmed;
    cycles++;
    totalMs += confirmed < machines.length ? report.cycleMs : report.phaseMs.read;
    if (cycles > 50) throw new Error(`${kind}: only ${confirmed} confirmed after 50 cycles`);
  }
  return { totalMs, sendMs: sending.phaseMs.decide + sending.phaseMs.write, cycles };
}
const cold = await moveAll(0, 'curtail');
const wake = await moveAll(1, 'wake');
const warm = await moveAll(0, 'curtail again');
const rssMb = process.memoryUsage().rss / 2 ** 20;
await controller.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
process.send({ read: reads[2], fullCycleMs: fullCycle.cycleMs, cold, wake, warm, rssMb });
process.disconnect();
