/**
 * @module store/intents
 * The command log. Intents are written `pending` before anything is sent, so a controller that dies mid-write
 * finds them again in `openIntents` and can reconcile before it writes anything new.
 */
import { StoreError } from '../errors.ts';
import type { Sql } from './sql.ts';
import { isoOf, msOf } from './time.ts';
import type { IntentRow, IntentStatus, SqlStore } from './types.ts';

const COLUMNS = `intent_id AS "intentId", site_id AS "siteId", machine_id AS "machineId", cycle_id AS "cycleId",
  kind, target_power_w AS "targetPowerW", reason, ${msOf('created_at')} AS "createdAtMs",
  ${msOf('deadline_at')} AS "deadlineMs", status, attempts, ${msOf('sent_at')} AS "sentAtMs",
  ${msOf('settled_at')} AS "settledAtMs", error`;

/** Statuses after which nothing more happens to the command; `settledAtMs` is set when one is reached. */
const SETTLED_STATUSES: readonly IntentStatus[] = ['confirmed', 'unconfirmed', 'failed', 'superseded'];
const SETTLED_SQL = SETTLED_STATUSES.map((s) => `'${s}'`).join(', ');

type IntentQueries = Pick<SqlStore, 'recordIntents' | 'updateIntents' | 'openIntents' | 'intents'>;

export function intentQueries(sql: Sql): IntentQueries {
  return {
    async recordIntents(intents) {
      if (intents.length === 0) return;
      // Idempotent: a journal replay cut short (store lost again, or the process died before the journal was
      // removed) records the same intents again. Ids are UUIDs made before the first write, so a conflict is
      // always that same intent, and the stored row (with any status it has reached since) must win.
      await sql.query(
        `INSERT INTO intents (intent_id, site_id, machine_id, cycle_id, kind, target_power_w, reason, created_at,
           deadline_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int8[], $5::text[], $6::float8[], $7::text[],
           $8::timestamptz[], $9::timestamptz[])
         ON CONFLICT (intent_id) DO NOTHING`,
        [
          intents.map((i) => i.intentId),
          intents.map((i) => i.siteId),
          intents.map((i) => i.machineId),
          intents.map((i) => i.cycleId),
          intents.map((i) => i.kind),
          intents.map((i) => i.targetPowerW),
          intents.map((i) => i.reason),
          intents.map((i) => isoOf('recordIntents', 'createdAtMs', i.createdAtMs)),
          intents.map((i) => isoOf('recordIntents', 'deadlineMs', i.deadlineMs)),
        ],
      );
    },

    async updateIntents(updates) {
      if (updates.length === 0) return;
      // UPDATE … FROM with a repeated key applies one of the rows at random: refuse rather than guess.
      const ids = updates.map((u) => u.intentId);
      const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (repeated.length > 0) {
        throw new StoreError(
          'updateIntents',
          `intent ${repeated[0]} appears twice in one batch; send one update`,
        );
      }
      // `error` absent keeps the stored error; `error: null` clears it.
      await sql.transaction(async (tx) => {
        const { rows } = await tx.query<{ intentId: string }>(
          `UPDATE intents i SET
             status = u.status,
             attempts = i.attempts + CASE WHEN u.attempted THEN 1 ELSE 0 END,
             sent_at = CASE WHEN u.status = 'sent' THEN u.at ELSE i.sent_at END,
             settled_at = CASE WHEN u.status IN (${SETTLED_SQL}) THEN u.at END,
             error = CASE WHEN u.has_error THEN u.error ELSE i.error END
           FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bool[], $5::bool[], $6::text[])
             AS u (intent_id, status, at, attempted, has_error, error)
           WHERE i.intent_id = u.intent_id
           RETURNING i.intent_id AS "intentId"`,
          [
            ids,
            updates.map((u) => u.status),
            updates.map((u) => isoOf('updateIntents', 'atMs', u.atMs)),
            updates.map((u) => u.attempted === true),
            updates.map((u) => u.error !== undefined),
            updates.map((u) => u.error ?? null),
          ],
        );
        if (rows.length !== updates.length) {
          const found = new Set(rows.map((r) => r.intentId));
          const missing = ids.filter((id) => !found.has(id));
          // Throwing inside the transaction rolls the whole batch back: all or nothing.
          throw new StoreError(
            'updateIntents',
            `no intent ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` (+${missing.length - 5} more)` : ''}; record intents before updating them (nothing in this batch was applied)`,
          );
        }
      });
    },

    async openIntents(siteId) {
      const { rows } = await sql.query<IntentRow>(
        `SELECT ${COLUMNS} FROM intents WHERE site_id = $1 AND status IN ('pending', 'sent')
         ORDER BY created_at, intent_id COLLATE "C"`,
        [siteId],
      );
      return rows;
    },

    async intents(siteId, options = {}) {
      const params: unknown[] = [siteId];
      const machine =
        options.machineId === undefined ? '' : `AND machine_id = $${params.push(options.machineId)}`;
      const limit = options.limit === undefined ? '' : `LIMIT $${params.push(options.limit)}`;
      const { rows } = await sql.query<IntentRow>(
        `SELECT ${COLUMNS} FROM intents WHERE site_id = $1 ${machine}
         ORDER BY created_at DESC, intent_id COLLATE "C" DESC ${limit}`,
        params,
      );
      return rows;
    },
  };
}
