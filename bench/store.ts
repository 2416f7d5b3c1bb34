/**
 * Store figures: telemetry written through `writeTelemetry` (one unnest statement per 10,000-row batch) into
 * PGlite in an on-disk folder and into a throwaway Postgres server via `pg`, side by side; then the reads and
 * the retention prune over what was written. 1,000 machines × 200 samples (5 s apart) = 200,000 rows each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type SqlStore, type TelemetryRow } from '../src/store/index.ts';
import { startPostgresServer } from '../test/helpers/postgres-server.ts';
import type { Figure } from './backtest.ts';

const MACHINES = 1_000;
const BATCHES = 20;
const SAMPLES_PER_BATCH = 10; // × 1,000 machines = 10,000 rows per call
const STEP_MS = 5_000;
const T0_MS = Date.UTC(2025, 0, 1);
const SITE_ID = 'bench';

function batch(index: number): TelemetryRow[] {
  const rows: TelemetryRow[] = [];
  for (let s = 0; s < SAMPLES_PER_BATCH; s++) {
    const atMs = T0_MS + (index * SAMPLES_PER_BATCH + s) * STEP_MS;
    for (let m = 0; m < MACHINES; m++) {
      rows.push({
        siteId: SITE_ID,
        machineId: `m${m}`,
        atMs,
        state: 'running',
        powerW: 3_400 + (m % 50),
        hashrateThs: 200 + (m % 7),
        temperatureC: 65,
      });
    }
  }
  return rows;
}

interface Run {
  readonly openMs: number;
  readonly rowsPerS: number;
  readonly latestMs: number;
  readonly rangeMs: number;
  readonly pruneMs: number;
}

const msSince = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;

async function measure(open: () => Promise<SqlStore>): Promise<Run> {
  let start = process.hrtime.bigint();
  const store = await open();
  const openMs = msSince(start);
  try {
    await store.upsertSite({ siteId: SITE_ID, name: 'Bench', config: {} });
    await store.upsertMachines(
      Array.from({ length: MACHINES }, (_, m) => ({
        siteId: SITE_ID,
        machineId: `m${m}`,
        kind: 'miner' as const,
        firmware: 'luxos',
        host: '10.0.0.1',
        port: 4028,
        ratedPowerW: 3_500,
      })),
    );
    const batches = Array.from({ length: BATCHES }, (_, i) => batch(i));
    let written = 0;
    start = process.hrtime.bigint();
    for (const rows of batches) written += await store.writeTelemetry(rows);
    const writeS = msSince(start) / 1000;
    if (written !== BATCHES * SAMPLES_PER_BATCH * MACHINES) throw new Error(`wrote ${written} rows`);

    start = process.hrtime.bigint();
    const latest = await store.latestTelemetry(SITE_ID);
    const latestMs = msSince(start);
    if (latest.length !== MACHINES) throw new Error(`latestTelemetry gave ${latest.length} rows`);

    start = process.hrtime.bigint();
    const hour = await store.telemetry(SITE_ID, {
      fromMs: T0_MS,
      toMs: T0_MS + 180 * STEP_MS,
      machineId: 'm7',
    });
    const rangeMs = msSince(start);
    if (hour.length !== 180) throw new Error(`range read gave ${hour.length} rows`);

    start = process.hrtime.bigint();
    const pruned = await store.pruneTelemetry(SITE_ID, T0_MS + (BATCHES / 2) * SAMPLES_PER_BATCH * STEP_MS);
    const pruneMs = msSince(start);
    if (pruned !== written / 2) throw new Error(`pruned ${pruned} rows`);
    return { openMs, rowsPerS: written / writeS, latestMs, rangeMs, pruneMs };
  } finally {
    await store.close();
  }
}

export async function benchStore(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-store-'));
  const server = await startPostgresServer();
  try {
    const lite = await measure(() => openStore({ dataDir: join(dir, 'pg') }));
    const remote = await measure(() => openStore({ url: server.url }));
    const major = server.version.split(/[ .]/)[0];
    const rows = (BATCHES * SAMPLES_PER_BATCH * MACHINES).toLocaleString('en-US');
    const pair = (name: string, unit: string, pick: (r: Run) => number, digits: number): Figure[] => {
      const format = (r: Run): string =>
        `${pick(r).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })} ${unit}`;
      return [
        { figure: `${name}, PGlite (folder)`, value: format(lite), ratio: '1.00×' },
        {
          figure: `${name}, Postgres ${major} server`,
          value: format(remote),
          ratio: `${(pick(remote) / pick(lite)).toFixed(2)}× PGlite`,
        },
      ];
    };
    return [
      ...pair(`telemetry write, ${BATCHES} × 10,000 rows`, 'rows/s', (r) => r.rowsPerS, 0),
      ...pair(
        `latestTelemetry, ${MACHINES.toLocaleString('en-US')} machines over ${rows} rows`,
        'ms',
        (r) => r.latestMs,
        1,
      ),
      ...pair('telemetry range, one machine × 15 min', 'ms', (r) => r.rangeMs, 1),
      ...pair('pruneTelemetry, half the rows', 'ms', (r) => r.pruneMs, 0),
      ...pair('openStore on a new database (incl. migration)', 'ms', (r) => r.openMs, 0),
    ];
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
