/**
 * @module store/migrate
 * Applies `migrations/NNNN_name.sql` in order, each in its own transaction together with its row in
 * `schema_migrations`, so a file is either fully applied and recorded or not at all. An advisory lock makes two
 * processes opening one server database at once take turns. A recorded file whose text changed is an error:
 * migrations are history, and the fix is a new file.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StoreError } from '../errors.ts';
import type { Sql, SqlRunner } from './sql.ts';

export interface Migration {
  /** `0001` from `0001_initial.sql`. */
  readonly version: string;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

// Beside this module in src/ (tsx, vitest) and in dist/ (the build copies the .sql files there).
const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Any constant will do; it only has to be the same in every process migrating this database.
const LOCK_KEY = 4_711_002_001;

export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  const path = fileURLToPath(dir);
  if (!existsSync(path)) {
    throw new StoreError(
      'migrate',
      `no migrations folder at ${path}; when running from dist/, rebuild with \`npm run build\` (it copies them)`,
    );
  }
  const files = readdirSync(path).filter((f) => f.endsWith('.sql'));
  const migrations = files.sort().map((file) => {
    const match = FILE_PATTERN.exec(file);
    if (!match) throw new StoreError('migrate', `${file}: migration files are named NNNN_snake_name.sql`);
    // Line endings are normalised so a checkout with CRLF does not look like an edited migration.
    const sql = readFileSync(new URL(file, dir), 'utf8').replace(/\r\n/g, '\n');
    return { version: match[1]!, name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
  const versions = new Set(migrations.map((m) => m.version));
  if (versions.size !== migrations.length)
    throw new StoreError('migrate', `two migrations share a number in ${path}`);
  return migrations;
}

async function lockAndEnsureTable(tx: SqlRunner): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
  const { rows } = await tx.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!rows[0]?.present) {
    await tx.exec(
      'CREATE TABLE schema_migrations (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
  }
}

/** Applies what is missing; returns the names applied now (empty when the database was up to date). */
export async function migrate(
  sql: Sql,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<string[]> {
  const applied: string[] = [];
  for (const migration of migrations) {
    const didApply = await sql.transaction(async (tx) => {
      await lockAndEnsureTable(tx);
      const { rows } = await tx.query<{ checksum: string; name: string }>(
        'SELECT checksum, name FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      const recorded = rows[0];
      if (recorded) {
        if (recorded.checksum !== migration.checksum) {
          throw new StoreError(
            'migrate',
            `${migration.name} changed after it was applied as ${recorded.name}; undo the edit and put the change in a new migration file`,
          );
        }
        return false;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(migration.name);
  }
  // An older build against a newer schema could misread or overwrite what it does not know about.
  const known = new Set(migrations.map((m) => m.version));
  const { rows } = await sql.query<{ version: string; name: string }>(
    'SELECT version, name FROM schema_migrations ORDER BY version',
  );
  const unknown = rows.filter((r) => !known.has(r.version)).map((r) => r.name);
  if (unknown.length > 0) {
    throw new StoreError(
      'migrate',
      `the database has migrations this build does not know (${unknown.join(', ')}); run a newer switchyard`,
    );
  }
  return applied;
}
