/** @module store/ai — AI work stopped by drains: work lost and the SLA minutes each drain used. */
import type { Sql } from './sql.ts';
import { isoOf, msOf } from './time.ts';
import type { AiInterruptionRow, SqlStore } from './types.ts';

type AiQueries = Pick<SqlStore, 'recordAiInterruption' | 'endAiInterruption' | 'aiInterruptions'>;

export function aiQueries(sql: Sql): AiQueries {
  return {
    async recordAiInterruption(row) {
      // A replayed journal entry lands on the same key: keep the first.
      await sql.query(
        `INSERT INTO ai_interruptions (site_id, machine_id, at, pods_evicted, pods_blocked, work_lost_gpu_s, reason)
         VALUES ($1, $2, $3::timestamptz, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
        [
          row.siteId,
          row.machineId,
          isoOf('recordAiInterruption', 'atMs', row.atMs),
          row.podsEvicted,
          row.podsBlocked,
          row.workLostGpuS,
          row.reason,
        ],
      );
    },

    async endAiInterruption(siteId, machineId, endedAtMs) {
      await sql.query(
        `UPDATE ai_interruptions SET ended_at = $3::timestamptz
         WHERE site_id = $1 AND machine_id = $2 AND ended_at IS NULL AND at <= $3::timestamptz`,
        [siteId, machineId, isoOf('endAiInterruption', 'endedAtMs', endedAtMs)],
      );
    },

    async aiInterruptions(siteId, range = {}) {
      const { rows } = await sql.query<AiInterruptionRow>(
        `SELECT site_id AS "siteId", machine_id AS "machineId", ${msOf('at')} AS "atMs",
           ${msOf('ended_at')} AS "endedAtMs", pods_evicted AS "podsEvicted", pods_blocked AS "podsBlocked",
           work_lost_gpu_s AS "workLostGpuS", reason
         FROM ai_interruptions
         WHERE site_id = $1 AND ($2::timestamptz IS NULL OR at >= $2) AND ($3::timestamptz IS NULL OR at < $3)
         ORDER BY at, machine_id`,
        [
          siteId,
          range.fromMs === undefined ? null : isoOf('aiInterruptions', 'fromMs', range.fromMs),
          range.toMs === undefined ? null : isoOf('aiInterruptions', 'toMs', range.toMs),
        ],
      );
      return rows;
    },
  };
}
