/** @module store/alerts — alerts for the operator, and the revenue accrued per interval. */
import { NotFoundError } from '../errors.ts';
import type { Sql } from './sql.ts';
import { boundOf, isoOf, msOf } from './time.ts';
import type { AlertRow, RevenueAccrualRow, SqlStore } from './types.ts';

const ALERT_COLUMNS = `alert_id AS "alertId", site_id AS "siteId", machine_id AS "machineId", ${msOf('at')} AS "atMs",
  severity, code, message, ${msOf('acknowledged_at')} AS "acknowledgedAtMs", acknowledged_by AS "acknowledgedBy"`;

type AlertQueries = Pick<
  SqlStore,
  'raiseAlert' | 'alerts' | 'acknowledgeAlert' | 'recordRevenueAccrual' | 'revenueAccruals'
>;

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

    async recordRevenueAccrual(rows) {
      if (rows.length === 0) return;
      await sql.query(
        `INSERT INTO revenue_accrual (site_id, at, duration_s, mining_energy_mwh, mining_revenue_usd,
           energy_cost_usd)
         SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
         ON CONFLICT (site_id, at) DO UPDATE SET duration_s = EXCLUDED.duration_s,
           mining_energy_mwh = EXCLUDED.mining_energy_mwh, mining_revenue_usd = EXCLUDED.mining_revenue_usd,
           energy_cost_usd = EXCLUDED.energy_cost_usd`,
        [
          rows.map((r) => r.siteId),
          rows.map((r) => isoOf('recordRevenueAccrual', 'atMs', r.atMs)),
          rows.map((r) => r.durationS),
          rows.map((r) => r.miningEnergyMWh),
          rows.map((r) => r.miningRevenueUsd),
          rows.map((r) => r.energyCostUsd),
        ],
      );
    },

    async revenueAccruals(siteId, range = {}) {
      const params: unknown[] = [siteId];
      const from =
        range.fromMs === undefined
          ? ''
          : `AND at >= $${params.push(boundOf('revenueAccruals', 'fromMs', range.fromMs))}::timestamptz`;
      const to =
        range.toMs === undefined
          ? ''
          : `AND at < $${params.push(boundOf('revenueAccruals', 'toMs', range.toMs))}::timestamptz`;
      const { rows } = await sql.query<RevenueAccrualRow>(
        `SELECT site_id AS "siteId", ${msOf('at')} AS "atMs", duration_s AS "durationS",
           mining_energy_mwh AS "miningEnergyMWh", mining_revenue_usd AS "miningRevenueUsd",
           energy_cost_usd AS "energyCostUsd"
         FROM revenue_accrual WHERE site_id = $1 ${from} ${to} ORDER BY at`,
        params,
      );
      return rows;
    },
  };
}
