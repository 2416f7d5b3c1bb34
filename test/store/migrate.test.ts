/**
 * The migrator's guarantees, on the Postgres server (PGlite runs the same code and is covered by store.test.ts):
 * one transaction per file, concurrent opens take turns, edited or unknown history is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, type Migration, migrate, openStore } from '../../src/store/index.ts';
import { pgSql, type Sql } from '../../src/store/sql.ts';
import { type PostgresServer, startPostgresServer } from '../helpers/postgres-server.ts';

let server: PostgresServer;
let databases = 0;
const freshDatabaseUrl = (): Promise<string> => server.createDatabase(`migrate_test_${++databases}`);

beforeAll(async () => {
  server = await startPostgresServer();
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

async function withSql<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
  const sql = pgSql(await freshDatabaseUrl());
  try {
    return await fn(sql);
  } finally {
    await sql.close();
  }
}

const tables = async (sql: Sql): Promise<string[]> =>
  (
    await sql.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    )
  ).rows.map((r) => r.name);

const fake = (version: string, sql: string): Migration => ({
  version,
  name: `${version}_fake.sql`,
  sql,
  checksum: `sum-${sql.length}`,
});

describe('migrations', () => {
  it('ships numbered SQL files, 0001_initial.sql first', () => {
    const migrations = loadMigrations();
    expect(migrations[0]?.name).toBe('0001_initial.sql');
    expect(migrations.map((m) => m.version)).toEqual(
      migrations.map((_, i) => String(i + 1).padStart(4, '0')),
    );
  });

  it('creates the thirteen tables plus schema_migrations, and applies nothing the second time', async () => {
    await withSql(async (sql) => {
      expect(await migrate(sql)).toEqual([
        '0001_initial.sql',
        '0002_ai_interruptions.sql',
        '0003_api.sql',
        '0004_site_series.sql',
        '0005_runs.sql',
      ]);
      expect(await migrate(sql)).toEqual([]);
      expect(await tables(sql)).toEqual([
        'ai_interruptions',
        'alerts',
        'api_tokens',
        'audit_log',
        'decisions',
        'intents',
        'machines',
        'operator_state',
        'plans',
        'revenue_accrual',
        'runs',
        'schema_migrations',
        'sites',
        'telemetry',
      ]);
    });
  });

  it('lets concurrent opens of one database take turns: exactly one applies the schema', async () => {
    const url = await freshDatabaseUrl();
    const opened = await Promise.all([1, 2, 3].map(() => openStore({ url })));
    try {
      expect(opened.map((s) => s.migrationsApplied.length).sort()).toEqual([0, 0, 5]);
    } finally {
      await Promise.all(opened.map((s) => s.close()));
    }
  });

  it('rolls a failing file back whole and records nothing for it', async () => {
    await withSql(async (sql) => {
      const good = fake('0001', 'CREATE TABLE a (x int);');
      const bad = fake('0002', 'CREATE TABLE b (x int); SELECT 1 / 0;');
      await expect(migrate(sql, [good, bad])).rejects.toThrow(/division by zero/);
      expect(await tables(sql)).toEqual(['a', 'schema_migrations']);
      expect((await sql.query('SELECT version FROM schema_migrations')).rows).toEqual([{ version: '0001' }]);
    });
  });

  it('refuses a migration edited after it was applied, and history it does not know', async () => {
    await withSql(async (sql) => {
      await migrate(sql, [fake('0001', 'CREATE TABLE a (x int);'), fake('0002', 'CREATE TABLE b (x int);')]);
      await expect(migrate(sql, [fake('0001', 'CREATE TABLE a (x bigint);')])).rejects.toThrow(
        /0001_fake\.sql changed after it was applied.*new migration file/,
      );
      await expect(migrate(sql, [fake('0001', 'CREATE TABLE a (x int);')])).rejects.toThrow(
        /migrations this build does not know \(0002_fake\.sql\)/,
      );
    });
  });

  it('rejects badly named files in the migrations folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-migrations-'));
    try {
      writeFileSync(join(dir, '0001_initial.sql'), 'SELECT 1;');
      writeFileSync(join(dir, 'initial-2.sql'), 'SELECT 2;');
      expect(() => loadMigrations(pathToFileURL(`${dir}/`))).toThrow(
        /initial-2\.sql: .*NNNN_snake_name\.sql/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the server (password hidden) when it cannot be reached', async () => {
    const error = await openStore({ url: 'postgres://postgres:s3cret@127.0.0.1:1/none' }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'STORE' });
    expect(String((error as Error).message)).toMatch(
      /postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/none.*ECONNREFUSED/,
    );
    expect(String((error as Error).message)).not.toMatch(/s3cret/);
  });
});
