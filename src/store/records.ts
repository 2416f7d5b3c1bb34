/**
 * @module store/records
 * Per-cycle decisions (with the site's power split, averaged into buckets for charts) and the plans the
 * controller follows.
 */
import type { Sql } from './sql.ts';
import { boundOf, isoOf, msOf } from './time.ts';
import type { DecisionRow, PlanRow, PowerPoint, SqlStore } from './types.ts';

type RecordQueries = Pick<
  SqlStore,
  'recordDecision' | 'decisions' | 'recordPlan' | 'latestPlan' | 'powerSeries'
>;

export function recordQueries(sql: Sql): RecordQueries {
  return {
    async recordDecision(d) {
      await sql.query(
        `INSERT INTO decisions (site_id, cycle_id, at, mining_target_w, mining_measured_w, binding_policy,
           command_count, details, cycle_ms, ai_measured_w, curtailed_w, idle_w, unknown_w, metered_import_w,
           expected_import_w, limit_w, price_usd_per_mwh, historical_at)
         VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7, $8::text::jsonb, $9, $10, $11, $12, $13, $14, $15, $16,
           $17, $18::timestamptz)`,
        [
          d.siteId,
          d.cycleId,
          isoOf('recordDecision', 'atMs', d.atMs),
          d.miningTargetW,
          d.miningMeasuredW,
          d.bindingPolicy,
          d.commandCount,
          JSON.stringify(d.details),
          d.cycleMs,
          d.split?.aiMeasuredW ?? null,
          d.split?.curtailedW ?? null,
          d.split?.idleW ?? null,
          d.split?.unknownW ?? null,
          d.split?.meteredImportW ?? null,
          d.split?.expectedImportW ?? null,
          d.split?.limitW ?? null,
          d.split?.priceUsdPerMWh ?? null,
          d.split?.historicalMs == null
            ? null
            : isoOf('recordDecision', 'historicalMs', d.split.historicalMs),
        ],
      );
    },

    async decisions(siteId, options = {}) {
      const { rows } = await sql.query<DecisionRow>(
        `SELECT site_id AS "siteId", cycle_id AS "cycleId", ${msOf('at')} AS "atMs",
           mining_target_w AS "miningTargetW", mining_measured_w AS "miningMeasuredW",
           binding_policy AS "bindingPolicy", command_count AS "commandCount", details, cycle_ms AS "cycleMs"
         FROM decisions WHERE site_id = $1 ORDER BY at DESC, decision_id DESC LIMIT $2`,
        [siteId, options.limit ?? null],
      );
      return rows;
    },

    async powerSeries(siteId, { fromMs, toMs, stepS }) {
      const { rows } = await sql.query<PowerPoint>(
        `SELECT ${msOf("date_bin(make_interval(secs => $4::float8), at, '1970-01-01T00:00:00Z'::timestamptz)")} AS "atMs",
           avg(mining_measured_w)::float8 AS "miningW", avg(ai_measured_w)::float8 AS "aiW",
           avg(curtailed_w)::float8 AS "curtailedW", avg(idle_w)::float8 AS "idleW",
           avg(unknown_w)::float8 AS "unknownW", avg(metered_import_w)::float8 AS "meteredImportW",
           avg(expected_import_w)::float8 AS "expectedImportW", min(limit_w)::float8 AS "limitW",
           avg(mining_target_w)::float8 AS "miningTargetW", avg(price_usd_per_mwh)::float8 AS "priceUsdPerMWh",
           ${msOf('max(historical_at)')} AS "historicalMs"
         FROM decisions
         WHERE site_id = $1 AND at >= $2::timestamptz AND at < $3::timestamptz AND ai_measured_w IS NOT NULL
         GROUP BY 1 ORDER BY 1`,
        [siteId, boundOf('powerSeries', 'fromMs', fromMs), boundOf('powerSeries', 'toMs', toMs), stepS],
      );
      return rows;
    },

    async recordPlan(p) {
      // Recording a plan id again replaces it (a re-solve or a status change), never a second copy.
      await sql.query(
        `INSERT INTO plans (site_id, plan_id, created_at, start_at, step_s, status, objective_usd, mining_mw, ai_mw,
           import_mw, price_usd_per_mwh)
         VALUES ($1, $2, $3::timestamptz, $4::timestamptz, $5, $6, $7, $8::float8[], $9::float8[], $10::float8[],
           $11::float8[])
         ON CONFLICT (site_id, plan_id) DO UPDATE SET created_at = EXCLUDED.created_at,
           start_at = EXCLUDED.start_at, step_s = EXCLUDED.step_s, status = EXCLUDED.status,
           objective_usd = EXCLUDED.objective_usd, mining_mw = EXCLUDED.mining_mw, ai_mw = EXCLUDED.ai_mw,
           import_mw = EXCLUDED.import_mw, price_usd_per_mwh = EXCLUDED.price_usd_per_mwh`,
        [
          p.siteId,
          p.planId,
          isoOf('recordPlan', 'createdAtMs', p.createdAtMs),
          isoOf('recordPlan', 'startMs', p.startMs),
          p.stepS,
          p.status,
          p.objectiveUsd,
          [...p.miningMW],
          [...p.aiMW],
          [...p.importMW],
          [...p.priceUsdPerMWh],
        ],
      );
    },

    async latestPlan(siteId) {
      const { rows } = await sql.query<PlanRow>(
        `SELECT site_id AS "siteId", plan_id AS "planId", ${msOf('created_at')} AS "createdAtMs",
           ${msOf('start_at')} AS "startMs", step_s AS "stepS", status, objective_usd AS "objectiveUsd",
           mining_mw AS "miningMW", ai_mw AS "aiMW", import_mw AS "importMW", price_usd_per_mwh AS "priceUsdPerMWh"
         FROM plans WHERE site_id = $1 ORDER BY created_at DESC, plan_id COLLATE "C" DESC LIMIT 1`,
        [siteId],
      );
      return rows[0];
    },
  };
}
