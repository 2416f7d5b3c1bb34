/**
 * @module store/accruals
 * What the site earned, paid and emitted per interval (one row per cycle), and the same summed into buckets for
 * charts: `date_bin` on the interval's end, so a bucket holds the intervals that ended in it.
 */
import type { Sql } from './sql.ts';
import { boundOf, isoOf, msOf } from './time.ts';
import type { AccrualBucket, RevenueAccrualRow, SqlStore } from './types.ts';

type AccrualQueries = Pick<SqlStore, 'recordRevenueAccrual' | 'revenueAccruals' | 'accrualSeries'>;

/** Column ↔ field, in insert order; every one a float8 (costs, price and CO2 may be NULL). */
const FIELDS = [
  ['duration_s', 'durationS'],
  ['mining_energy_mwh', 'miningEnergyMWh'],
  ['mining_revenue_usd', 'miningRevenueUsd'],
  ['energy_cost_usd', 'energyCostUsd'],
  ['ai_energy_mwh', 'aiEnergyMWh'],
  ['ai_revenue_usd', 'aiRevenueUsd'],
  ['ai_energy_cost_usd', 'aiEnergyCostUsd'],
  ['facility_energy_mwh', 'facilityEnergyMWh'],
  ['facility_energy_cost_usd', 'facilityEnergyCostUsd'],
  ['curtailed_energy_mwh', 'curtailedEnergyMWh'],
  ['price_usd_per_mwh', 'priceUsdPerMWh'],
  ['co2_kg', 'co2Kg'],
] as const satisfies readonly (readonly [string, keyof RevenueAccrualRow])[];

const SUMMED = FIELDS.filter(([column]) => column !== 'price_usd_per_mwh');

export function accrualQueries(sql: Sql): AccrualQueries {
  return {
    async recordRevenueAccrual(rows) {
      if (rows.length === 0) return;
      const columns = FIELDS.map(([column]) => column);
      const arrays = FIELDS.map((_, i) => `$${i + 3}::float8[]`);
      await sql.query(
        `INSERT INTO revenue_accrual (site_id, at, ${columns.join(', ')})
         SELECT * FROM unnest($1::text[], $2::timestamptz[], ${arrays.join(', ')})
         ON CONFLICT (site_id, at) DO UPDATE SET ${columns.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
        [
          rows.map((r) => r.siteId),
          rows.map((r) => isoOf('recordRevenueAccrual', 'atMs', r.atMs)),
          ...FIELDS.map(([, field]) => rows.map((r) => r[field])),
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
        `SELECT site_id AS "siteId", ${msOf('at')} AS "atMs",
           ${FIELDS.map(([column, field]) => `${column} AS "${field}"`).join(', ')}
         FROM revenue_accrual WHERE site_id = $1 ${from} ${to} ORDER BY at`,
        params,
      );
      return rows;
    },

    async accrualSeries(siteId, { fromMs, toMs, stepS }) {
      const { rows } = await sql.query<AccrualBucket>(
        `SELECT ${msOf("date_bin(make_interval(secs => $4::float8), at, '1970-01-01T00:00:00Z'::timestamptz)")} AS "atMs",
           ${SUMMED.map(([column, field]) => `sum(${column})::float8 AS "${field}"`).join(', ')},
           (sum(price_usd_per_mwh * facility_energy_mwh) FILTER (WHERE price_usd_per_mwh IS NOT NULL)
             / NULLIF(sum(facility_energy_mwh) FILTER (WHERE price_usd_per_mwh IS NOT NULL), 0))::float8
             AS "priceUsdPerMWh",
           (coalesce(sum(facility_energy_mwh) FILTER (WHERE price_usd_per_mwh IS NULL), 0))::float8
             AS "unpricedEnergyMWh"
         FROM revenue_accrual
         WHERE site_id = $1 AND at >= $2::timestamptz AND at < $3::timestamptz
         GROUP BY 1 ORDER BY 1`,
        [siteId, boundOf('accrualSeries', 'fromMs', fromMs), boundOf('accrualSeries', 'toMs', toMs), stepS],
      );
      return rows;
    },
  };
}
