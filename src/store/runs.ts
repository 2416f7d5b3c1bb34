/** @module store/runs — backtest and simulation runs: state changes guarded by the state they leave. */
import { StoreError } from '../errors.ts';
import type { RunRow, RunStatus, RunStore } from './run-types.ts';
import type { Sql } from './sql.ts';
import { isoOf, msOf } from './time.ts';

const RUN_COLUMNS = `run_id AS "runId", site_id AS "siteId", kind, status, progress, params,
  ${msOf('created_at')} AS "createdAtMs", ${msOf('started_at')} AS "startedAtMs",
  ${msOf('finished_at')} AS "finishedAtMs", error, created_by AS "createdBy"`;

/** A Postgres array literal of statuses: plain words, so nothing needs quoting, and no driver array handling. */
const statusArray = (statuses: readonly RunStatus[]): string => `{${statuses.join(',')}}`;

/** jsonb goes in as text: pg would turn a JS array into a Postgres array literal. */
function jsonText(operation: string, value: unknown): string | null {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  if (text === undefined || text === 'null')
    throw new StoreError(operation, 'a run result must be a JSON value other than null');
  return text;
}

export function runQueries(sql: Sql): RunStore {
  return {
    async createRun(r) {
      const { rows } = await sql.query<RunRow>(
        `INSERT INTO runs (run_id, site_id, kind, status, progress, params, created_at, created_by)
         VALUES ($1, $2, $3, 'queued', 0, $4::text::jsonb, $5::timestamptz, $6) RETURNING ${RUN_COLUMNS}`,
        [
          r.runId,
          r.siteId,
          r.kind,
          jsonText('createRun', r.params),
          isoOf('createRun', 'createdAtMs', r.createdAtMs),
          r.createdBy,
        ],
      );
      return rows[0]!;
    },

    async updateRun(runId, change, from) {
      const at = (field: 'startedAtMs' | 'finishedAtMs'): string | null => {
        const ms = change[field];
        return ms === undefined ? null : isoOf('updateRun', field, ms);
      };
      const { rows } = await sql.query<RunRow>(
        `UPDATE runs SET
           status = COALESCE($2::text, status),
           progress = COALESCE($3::float8, progress),
           started_at = COALESCE($4::timestamptz, started_at),
           finished_at = COALESCE($5::timestamptz, finished_at),
           error = COALESCE($6::text, error),
           result = COALESCE($7::text::jsonb, result)
         WHERE run_id = $1 AND status = ANY($8::text[])
         RETURNING ${RUN_COLUMNS}`,
        [
          runId,
          change.status ?? null,
          change.progress ?? null,
          at('startedAtMs'),
          at('finishedAtMs'),
          change.error ?? null,
          jsonText('updateRun', change.result),
          statusArray(from),
        ],
      );
      return rows[0];
    },

    async run(runId) {
      const { rows } = await sql.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE run_id = $1`, [runId]);
      return rows[0];
    },

    async runs(siteId, query = {}) {
      const { rows } = await sql.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM runs WHERE site_id = $1 ORDER BY created_at DESC, seq DESC LIMIT $2`,
        [siteId, query.limit ?? null],
      );
      return rows;
    },

    async runResult(runId) {
      const { rows } = await sql.query<{ result: unknown }>('SELECT result FROM runs WHERE run_id = $1', [
        runId,
      ]);
      return rows[0]?.result ?? undefined;
    },

    async failUnfinishedRuns(siteId, error, atMs) {
      const { rowCount } = await sql.query(
        `UPDATE runs SET status = 'failed', error = $2, finished_at = $3::timestamptz
         WHERE site_id = $1 AND status IN ('queued', 'running')`,
        [siteId, error, isoOf('failUnfinishedRuns', 'atMs', atMs)],
      );
      return rowCount;
    },
  };
}
