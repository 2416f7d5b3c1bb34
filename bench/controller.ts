/**
 * Controller figures at 10,000 simulated LuxOS miners: the simulators in one process (bench/sim-host.ts), the
 * controller in another, run from the built package as `switchyard run` runs (bench/controller-child.mjs).
 * One read phase over every miner (wall and CPU per poll), curtailing all of them with read-back confirmation
 * (first command after start, and again within the LuxOS session of an earlier command), and resident memory.
 */
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/index.ts';
import { startPostgresServer } from '../test/helpers/postgres-server.ts';
import type { Figure } from './backtest.ts';

const MINERS = 10_000;
const READ_TARGET_MS = 2000;
const CURTAIL_TARGET_MS = 5000;
const RSS_TARGET_MB = 500;

interface Moved {
  readonly totalMs: number;
  readonly sendMs: number;
  readonly cycles: number;
}
interface ChildResult {
  readonly read: { readonly wallMs: number; readonly cpuUs: number };
  readonly fullCycleMs: number;
  readonly cold: Moved;
  readonly wake: Moved;
  readonly warm: Moved;
  readonly rssMb: number;
}

function childMessage<T>(child: ReturnType<typeof fork>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    child.once('message', (m) => resolve(m as T));
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}) before answering`)));
  });
}

/**
 * A PGlite folder created (and migrated) beforehand, as it is after a controller's first start: creating one runs
 * initdb in WebAssembly, a one-off peak of ~800 MB that would otherwise linger in the allocator and be counted as
 * the controller's steady memory.
 */
async function existingPgliteFolder(): Promise<string> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'switchyard-bench-ctl-')), 'store');
  await (await openStore({ dataDir })).close();
  return dataDir;
}

/** A fresh simulated site in its own process and a controller run against it; both stopped afterwards. */
async function measure(storeUrl?: string): Promise<ChildResult> {
  const sims = fork(new URL('./sim-host.ts', import.meta.url), [String(MINERS)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const { endpoints } = await childMessage<{ endpoints: unknown[] }>(sims, 'the simulator host');
    const controller = fork(new URL('./controller-child.mjs', import.meta.url), [], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const answer = childMessage<ChildResult>(controller, 'the controller');
    controller.send({
      endpoints,
      ...(storeUrl === undefined ? { dataDir: await existingPgliteFolder() } : { storeUrl }),
    });
    return await answer;
  } finally {
    const stopped = new Promise((resolve) => sims.once('exit', resolve));
    sims.send({ stop: true });
    await stopped;
  }
}

export async function controllerFigures(): Promise<Figure[]> {
  const r = await measure();
  const server = await startPostgresServer();
  let onServer: ChildResult;
  try {
    onServer = await measure(server.url);
  } finally {
    await server.stop();
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const curtail = (name: string, m: Moved): Figure[] => [
    {
      figure: `curtail all with read-back confirmation, ${name}`,
      value: s(m.totalMs),
      ratio: `${(m.totalMs / CURTAIL_TARGET_MS).toFixed(2)}× the 5 s target`,
    },
    {
      figure: '  of which: intents recorded + sleeps sent',
      value: s(m.sendMs),
      ratio: `then ${m.cycles - 1} confirming read(s); sleep ramp 0.5 s`,
    },
  ];
  return [
    {
      figure: 'simulated LuxOS miners (second process)',
      value: MINERS.toLocaleString('en-US'),
      ratio: 'controller from dist/, poll concurrency 512',
    },
    {
      figure: 'read phase over every miner (median of 5)',
      value: s(r.read.wallMs),
      ratio: `${(r.read.wallMs / READ_TARGET_MS).toFixed(2)}× the 2 s target`,
    },
    {
      figure: 'controller CPU per poll',
      value: `${(r.read.cpuUs / MINERS).toFixed(0)} µs`,
      ratio: `${(r.read.cpuUs / 1e6).toFixed(2)} CPU-s per read phase`,
    },
    {
      figure: 'full cycle (read, decide, 10,000 telemetry rows, decision)',
      value: s(r.fullCycleMs),
      ratio: '',
    },
    ...curtail('first command after start (logon + curtail)', r.cold),
    ...curtail('LuxOS session held from an earlier command', r.warm),
    { figure: 'wake all with read-back confirmation (wake ramp 1 s)', value: s(r.wake.totalMs), ratio: '' },
    {
      figure: 'controller RSS with 10,000 miners (PGlite store)',
      value: `${r.rssMb.toFixed(0)} MB`,
      ratio: `${(r.rssMb / RSS_TARGET_MB).toFixed(2)}× the 500 MB target`,
    },
    {
      figure: 'same, store on a Postgres server (DATABASE_URL)',
      value: `${onServer.rssMb.toFixed(0)} MB`,
      ratio: `${(onServer.rssMb / RSS_TARGET_MB).toFixed(2)}× the 500 MB target`,
    },
    {
      figure: 'Postgres server: read phase / curtail (session held)',
      value: s(onServer.read.wallMs),
      ratio: `${s(onServer.warm.totalMs)} curtail; cold ${s(onServer.cold.totalMs)}`,
    },
  ];
}
