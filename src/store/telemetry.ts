/**
 * @module store/telemetry
 * The high-volume table. A batch is one `INSERT … SELECT FROM unnest(…)` with one array per column: one
 * statement and seven parameters whatever the row count, the same on both engines (no COPY, which PGlite lacks).
 */
import type { Sql } from './sql.ts';
import { boundOf, isoOf, msOf } from './time.ts';
import type { SqlStore, TelemetryRow } from './types.ts';

const COLUMNS = `site_id AS "siteId", machine_id AS "machineId", ${msOf('at')} AS "atMs", state,
  power_w AS "powerW", hashrate_ths AS "hashrateThs", temperature_c AS "temperatureC"`;

type TelemetryQueries = Pick<SqlStore, 'writeTelemetry' | 'pruneTelemetry' | 'latestTelemetry' | 'telemetry'>;

export function telemetryQueries(sql: Sql): TelemetryQueries {
  return {
    async writeTelemetry(rows) {
      if (rows.length === 0) return 0;
      // A retried batch rewrites the same samples instead of failing on the key (or duplicating them).
      const { rowCount } = await sql.query(
        `INSERT INTO telemetry (site_id, machine_id, at, state, power_w, hashrate_ths, temperature_c)
         SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::float8[], $6::float8[],
           $7::float8[])
         ON CONFLICT (site_id, machine_id, at) DO UPDATE SET state = EXCLUDED.state, power_w = EXCLUDED.power_w,
           hashrate_ths = EXCLUDED.hashrate_ths, temperature_c = EXCLUDED.temperature_c`,
        [
          rows.map((r) => r.siteId),
          rows.map((r) => r.machineId),
          rows.map((r) => isoOf('writeTelemetry', 'atMs', r.atMs)),
          rows.map((r) => r.state),
          rows.map((r) => r.powerW),
          rows.map((r) => r.hashrateThs),
          rows.map((r) => r.temperatureC),
        ],
      );
      return rowCount;
    },

    async pruneTelemetry(siteId, beforeMs) {
      const { rowCount } = await sql.query(
        'DELETE FROM telemetry WHERE site_id = $1 AND at < $2::timestamptz',
        [siteId, boundOf('pruneTelemetry', 'beforeMs', beforeMs)],
      );
      return rowCount;
    },

    async latestTelemetry(siteId) {
      // One index probe per machine (newest key first) instead of scanning the site's whole history.
      const { rows } = await sql.query<TelemetryRow>(
        `SELECT ${COLUMNS} FROM (
           SELECT t.* FROM machines m CROSS JOIN LATERAL (
             SELECT * FROM telemetry t WHERE t.site_id = m.site_id AND t.machine_id = m.machine_id
             ORDER BY t.at DESC LIMIT 1
           ) t
           WHERE m.site_id = $1
         ) latest ORDER BY machine_id COLLATE "C"`,
        [siteId],
      );
      return rows;
    },

    async telemetry(siteId, range) {
      const params: unknown[] = [
        siteId,
        boundOf('telemetry', 'fromMs', range.fromMs),
        boundOf('telemetry', 'toMs', range.toMs),
      ];
      const machine =
        range.machineId === undefined ? '' : `AND machine_id = $${params.push(range.machineId)}`;
      const limit = range.limit === undefined ? '' : `LIMIT $${params.push(range.limit)}`;
      const { rows } = await sql.query<TelemetryRow>(
        `SELECT ${COLUMNS} FROM telemetry
         WHERE site_id = $1 AND at >= $2::timestamptz AND at < $3::timestamptz ${machine}
         ORDER BY at, machine_id COLLATE "C" ${limit}`,
        params,
      );
      return rows;
    },
  };
}
