/**
 * The fail-safe promise, tested the hard way: the controller is a separate process, SIGKILLed while it is
 * curtailing a simulated site in batches, then started again on the same PGlite folder. Every machine must end
 * in the commanded state and every intent written before the kill must end confirmed or superseded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startLuxosSimulator } from '../../src/drivers/simulator/cgminer-server.ts';
import { DEFAULT_MINER_SPEC } from '../../src/drivers/simulator/miner-model.ts';
import type { SimulatedMiner } from '../../src/drivers/simulator/types.ts';
import { openStore } from '../../src/store/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MINERS = 40;
const SPEC = { ...DEFAULT_MINER_SPEC, sleepS: 0.3, wakeS: 1, powerTargetS: 1 };

let dir: string;
let sims: SimulatedMiner[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'switchyard-crash-'));
  sims = await Promise.all(
    Array.from({ length: MINERS }, (_, i) => startLuxosSimulator({ spec: SPEC, seed: i + 1 })),
  );
});
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

function startController(configPath: string): { child: ChildProcess; output: () => string } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'run', '--config', configPath],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { child, output: () => text };
}

async function waitFor(
  what: string,
  test: () => boolean,
  timeoutMs: number,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; controller said:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

it('SIGKILL mid-curtailment, restart: every machine ends asleep and no intent is lost', async () => {
  const configPath = join(dir, 'site.yaml');
  writeFileSync(
    configPath,
    stringify({
      siteId: 'crash',
      store: { dataDir: 'store' },
      cycle: { periodS: 0.4, requestTimeoutMs: 1000, maxAgeS: 5 },
      control: {
        minDwellS: 0,
        batchSize: 3,
        batchSpacingS: 0.4,
        usePowerTargets: false,
        confirm: { sleepS: 4 },
      },
      grid: { importLimitW: 1e9 },
      plan: { kind: 'fixed', miningFraction: 0 },
      miners: sims.map((s, i) => ({
        id: `m${String(i).padStart(2, '0')}`,
        firmware: 'luxos',
        host: s.host,
        port: s.port,
        ratedPowerW: SPEC.ratedPowerW,
      })),
    }),
  );
  const asleep = () => sims.filter((s) => s.model.mode === 'sleeping').length;

  const first = startController(configPath);
  await waitFor('the first batches', () => asleep() >= 6, 60_000, first.output);
  first.child.kill('SIGKILL');
  await exited(first.child);
  const killedAtMs = Date.now();
  const asleepAtKill = asleep();
  expect(asleepAtKill).toBeLessThan(MINERS);

  const second = startController(configPath);
  await waitFor('every miner asleep', () => asleep() === MINERS, 60_000, second.output);
  // Let the read-back confirm the last batch, then stop cleanly (SIGTERM finishes the running cycle).
  await waitFor(
    'a cycle with all 40 confirmed curtailed',
    () => /curtailed 40 off 0 unknown 0 \| sent 0 confirmed 0/.test(second.output()),
    30_000,
    second.output,
  );
  second.child.kill('SIGTERM');
  expect(await exited(second.child)).toBe(0);

  const store = await openStore({ dataDir: join(dir, 'store') });
  try {
    const intents = await store.intents('crash');
    expect(await store.openIntents('crash')).toEqual([]);
    const statuses = new Set(intents.map((i) => i.status));
    expect([...statuses].every((s) => s === 'confirmed' || s === 'superseded')).toBe(true);
    const confirmedSleep = new Set(
      intents.filter((i) => i.kind === 'sleep' && i.status === 'confirmed').map((i) => i.machineId),
    );
    expect(confirmedSleep.size).toBe(MINERS);
    const beforeKill = intents.filter((i) => i.createdAtMs < killedAtMs);
    expect(beforeKill.length).toBeGreaterThanOrEqual(asleepAtKill);
    expect(beforeKill.every((i) => i.status === 'confirmed' || i.status === 'superseded')).toBe(true);
    expect(intents.every((i) => i.kind === 'sleep')).toBe(true);
  } finally {
    await store.close();
  }
}, 180_000);
