/** @module store/alerts — alerts for the operator, and acknowledging them. */
import { NotFoundError } from '../errors.ts';
import type { Sql } from './sql.ts';
import { isoOf, msOf } from './time.ts';
import type { AlertRow, SqlStore } from './types.ts';

const ALERT_COLUMNS = `alert_id AS "alertId", site_id AS "siteId", machine_id AS "machineId", ${msOf('at')} AS "atMs",
  severity, code, message, ${msOf('acknowledged_at')} AS "acknowledgedAtMs", acknowledged_by AS "acknowledgedBy"`;

type AlertQueries = Pick<SqlStore, 'raiseAlert' | 'alerts' | 'acknowledgeAlert'>;

export function alertQueries(sql: Sql): AlertQueries {
  return {
    async raiseAlert(a) {
      const { rows } = await sql.query<AlertRow>(
        `INSERT INTO alerts (site_id, machine_id, at, severity, code, message)
         VALUES ($1, $2, $3::timestamptz, $4, $5, $6) RETURNING ${ALERT_COLUMNS}`,
        [a.siteId, a.machineId, isoOf('raiseAlert', 'atMs', a.atMs), a.severity, a.code, a.message],
      );
      return rows[0]!;
    },

    async alerts(siteId, options = {}) {
      const open = options.openOnly === true ? 'AND acknowledged_at IS NULL' : '';
      const { rows } = await sql.query<AlertRow>(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE site_id = $1 ${open}
         ORDER BY at DESC, alert_id DESC LIMIT $2`,
        [siteId, options.limit ?? null],
      );
      return rows;
    },

    async acknowledgeAlert(alertId, by, atMs) {
      // The first acknowledgement is the one kept (who saw it first, and when); repeating it is harmless.
      const { rowCount } = await sql.query(
        `UPDATE alerts SET acknowledged_at = COALESCE(acknowledged_at, $3::timestamptz),
           acknowledged_by = COALESCE(acknowledged_by, $2)
         WHERE alert_id = $1`,
        [alertId, by, isoOf('acknowledgeAlert', 'atMs', atMs)],
      );
      if (rowCount === 0) throw new NotFoundError(`store acknowledgeAlert: there is no alert ${alertId}`);
    },
  };
}
