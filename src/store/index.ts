/**
 * @module store
 * `openStore` gives the one `SqlStore` implementation on either engine: a Postgres server when a URL is given
 * (a `pg` pool), else PGlite in a data folder, else PGlite in memory (tests). It migrates before returning.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { accrualQueries } from './accruals.ts';
import { aiQueries } from './ai.ts';
import { alertQueries } from './alerts.ts';
import { apiQueries } from './api.ts';
import { lockFolder } from './folder-lock.ts';
import { intentQueries } from './intents.ts';
import { migrate } from './migrate.ts';
import { recordQueries } from './records.ts';
import { runQueries } from './runs.ts';
import { siteQueries } from './sites.ts';
import { pgliteParsers, pgliteSql, pgSql, redactUrl, type Sql, storeError } from './sql.ts';
import { telemetryQueries } from './telemetry.ts';
import type { SqlStore, StoreEngine } from './types.ts';

export { loadMigrations, type Migration, migrate } from './migrate.ts';
export type * from './run-types.ts';
export type * from './types.ts';

export interface StoreOptions {
  /** `postgres://…`: use that server. Takes precedence over `dataDir`. */
  readonly url?: string | undefined;
  /** PGlite data folder, created if missing. Neither option: PGlite in memory. */
  readonly dataDir?: string | undefined;
}

/** `DATABASE_URL` when set (and not blank), else PGlite in `dataDir`. */
export function storeOptionsFromEnv(dataDir: string): StoreOptions {
  const url = process.env.DATABASE_URL?.trim();
  return url ? { url } : { dataDir };
}

/** Every method rethrows engine errors as StoreError naming the method, with Postgres' message and SQLSTATE. */
function guarded<T extends object>(methods: T): T {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(methods)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        throw storeError(name, error);
      }
    };
  }
  return wrapped as T;
}

async function connect(
  options: StoreOptions,
): Promise<{ sql: Sql; engine: StoreEngine; release: () => void }> {
  if (options.url) {
    return { sql: pgSql(options.url), engine: 'postgres', release: () => {} };
  }
  if (options.dataDir === undefined) {
    return {
      sql: pgliteSql(await PGlite.create({ parsers: pgliteParsers })),
      engine: 'pglite',
      release: () => {},
    };
  }
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const release = lockFolder(dataDir);
  try {
    const db = await PGlite.create({
      dataDir,
      parsers: pgliteParsers,
      // Postgres' 128 MB of shared buffers is sized for a server; an embedded controller's working set is a few
      // MB, and the difference is resident memory the controller needs at 10,000 machines (bench/RESULTS.md).
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    return { sql: pgliteSql(db), engine: 'pglite', release };
  } catch (error) {
    release();
    throw error;
  }
}

const PGLITE_SHARED_BUFFERS = '16MB';

export async function openStore(options: StoreOptions = {}): Promise<SqlStore> {
  const where = options.url ? redactUrl(options.url) : (options.dataDir ?? 'memory');
  let connection: Awaited<ReturnType<typeof connect>> | undefined;
  let migrationsApplied: string[];
  try {
    connection = await connect(options);
    migrationsApplied = await migrate(connection.sql);
  } catch (error) {
    if (connection) {
      await connection.sql.close().catch(() => {});
      connection.release();
    }
    throw storeError(`open ${where}`, error);
  }
  const { sql, engine, release } = connection;
  let closed = false;
  return {
    engine,
    migrationsApplied,
    ...guarded({
      ...siteQueries(sql),
      ...telemetryQueries(sql),
      ...intentQueries(sql),
      ...recordQueries(sql),
      ...alertQueries(sql),
      ...accrualQueries(sql),
      ...aiQueries(sql),
      ...apiQueries(sql),
      ...runQueries(sql),
    }),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await sql.close();
      } finally {
        release();
      }
    },
  };
}
