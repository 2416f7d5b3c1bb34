/**
 * @module store/sql
 * The one seam between the store's SQL and the two engines: `query` (one statement, `$n` parameters), `exec`
 * (a migration script, several statements) and `transaction`. Both engines return int8 as a JS number here and
 * everything else with their (identical) default parsers, so every store method yields the same values on both.
 * Text sort keys say `COLLATE "C"`: PGlite's database is C, a server's is whatever its initdb locale was.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { StoreError, SwitchyardError } from '../errors.ts';

export interface QueryResult<Row> {
  readonly rows: Row[];
  /** Rows inserted, updated or deleted (0 for a SELECT). */
  readonly rowCount: number;
}

export interface SqlRunner {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<QueryResult<Row>>;
  exec(script: string): Promise<void>;
}

export interface Sql extends SqlRunner {
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8_OID = 20;
// Ids and counts stay far below 2^53; pg would give a string and PGlite a number (or a bigint).
const parseInt8 = (text: string): number => Number(text);

export const pgliteParsers = { [INT8_OID]: parseInt8 };

type PGliteRunner = Pick<PGlite | Transaction, 'query' | 'exec'>;

function pgliteRunner(db: PGliteRunner): SqlRunner {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(text, [...params]);
      return { rows: result.rows, rowCount: result.affectedRows ?? 0 };
    },
    async exec(script) {
      await db.exec(script);
    },
  };
}

/** `db` must have been created with `parsers: pgliteParsers`. */
export function pgliteSql(db: PGlite): Sql {
  return {
    ...pgliteRunner(db),
    transaction: (fn) => db.transaction((tx) => fn(pgliteRunner(tx))),
    close: () => db.close(),
  };
}

const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function pgRunner(client: pg.Pool | pg.PoolClient): SqlRunner {
  return {
    async query<Row>(text: string, params: readonly unknown[] = []) {
      const result = await client.query(text, [...params]);
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? 0 };
    },
    async exec(script) {
      // Without parameters pg uses the simple protocol, which runs several statements in one round trip.
      await client.query(script);
    },
  };
}

export function pgSql(url: string): Sql {
  const pool = new pg.Pool({ connectionString: url, types: pgTypes, application_name: 'switchyard' });
  // An idle client losing its server emits 'error' on the pool; unhandled, that would kill the process. The
  // next query fails with its own error, which is where the caller learns about it.
  pool.on('error', () => {});
  return {
    ...pgRunner(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(pgRunner(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        // A failed ROLLBACK means the connection is gone: destroy it instead of returning it to the pool.
        const rollbackError = await client.query('ROLLBACK').then(
          () => undefined,
          (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
        );
        client.release(rollbackError);
        throw error;
      }
    },
    close: () => pool.end(),
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');
}

/** Wraps whatever an engine threw in a StoreError naming the operation and Postgres' own words. */
export function storeError(operation: string, error: unknown): SwitchyardError {
  if (error instanceof SwitchyardError) return error;
  const e = error as {
    message?: unknown;
    code?: unknown;
    detail?: unknown;
    hint?: unknown;
    errors?: unknown;
  };
  // Node reports a failed connect to `localhost` (IPv6 then IPv4) as an AggregateError with an empty message.
  const parts = Array.isArray(e?.errors) ? (e.errors as unknown[]) : [error];
  const message =
    parts
      .map((p) => (p instanceof Error && p.message ? p.message : ''))
      .filter((m) => m !== '')
      .join('; ') || String(e?.code ?? error);
  const sqlState = typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) ? e.code : undefined;
  const extra = [sqlState, e?.detail, e?.hint].filter((part) => typeof part === 'string' && part !== '');
  return new StoreError(operation, extra.length > 0 ? `${message} (${extra.join('; ')})` : message, {
    cause: error,
    ...(sqlState === undefined ? {} : { sqlState }),
  });
}
