/** @module store/api — the HTTP API's tokens (hashes only), its audit log, and the operator's standing state. */
import { NotFoundError } from '../errors.ts';
import type { Sql } from './sql.ts';
import { isoOf, msOf } from './time.ts';
import type { ApiTokenRow, AuditRow, OperatorState, SqlStore } from './types.ts';

const TOKEN_COLUMNS = `token_id AS "tokenId", name, role, ${msOf('created_at')} AS "createdAtMs",
  ${msOf('revoked_at')} AS "revokedAtMs"`;

const AUDIT_COLUMNS = `audit_id AS "auditId", site_id AS "siteId", ${msOf('at')} AS "atMs", token_id AS "tokenId",
  token_name AS "tokenName", role, action, target, request_body AS "requestBody", result, status`;

const OPERATOR_COLUMNS = `site_id AS "siteId", mode, fleet_overrides AS "fleetOverrides",
  ${msOf('updated_at')} AS "updatedAtMs", updated_by AS "updatedBy"`;

/**
 * jsonb goes in as text (pg would turn a JS array into a Postgres array literal). Postgres refuses U+0000 in
 * jsonb, and an audit row must never be lost to the body it records, so NULs become U+FFFD.
 */
const jsonText = (value: unknown): string | null =>
  value === undefined
    ? null
    : JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replaceAll('\0', '\uFFFD') : v));

type ApiQueries = Pick<
  SqlStore,
  | 'addApiToken'
  | 'findApiTokenByHash'
  | 'revokeApiToken'
  | 'listApiTokens'
  | 'recordAudit'
  | 'finishAudit'
  | 'auditLog'
  | 'setOperatorState'
  | 'operatorState'
>;

export function apiQueries(sql: Sql): ApiQueries {
  return {
    async addApiToken(t) {
      const { rows } = await sql.query<ApiTokenRow>(
        `INSERT INTO api_tokens (token_id, name, role, token_sha256, created_at)
         VALUES ($1, $2, $3, $4, $5::timestamptz) RETURNING ${TOKEN_COLUMNS}`,
        [t.tokenId, t.name, t.role, t.sha256Hex, isoOf('addApiToken', 'createdAtMs', t.createdAtMs)],
      );
      return rows[0]!;
    },

    async findApiTokenByHash(sha256Hex) {
      const { rows } = await sql.query<ApiTokenRow>(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_sha256 = $1`,
        [sha256Hex],
      );
      return rows[0];
    },

    async revokeApiToken(tokenId, atMs) {
      const { rows } = await sql.query<ApiTokenRow>(
        `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $2::timestamptz)
         WHERE token_id = $1 RETURNING ${TOKEN_COLUMNS}`,
        [tokenId, isoOf('revokeApiToken', 'atMs', atMs)],
      );
      if (rows[0] === undefined)
        throw new NotFoundError(`store revokeApiToken: there is no token ${tokenId}`);
      return rows[0];
    },

    async listApiTokens() {
      const { rows } = await sql.query<ApiTokenRow>(
        `SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY created_at, token_id COLLATE "C"`,
      );
      return rows;
    },

    async recordAudit(e) {
      const { rows } = await sql.query<AuditRow>(
        `INSERT INTO audit_log (site_id, at, token_id, token_name, role, action, target, request_body, result,
           status)
         VALUES ($1, $2::timestamptz, $3, $4, $5, $6, $7, $8::text::jsonb, $9, $10) RETURNING ${AUDIT_COLUMNS}`,
        [
          e.siteId,
          isoOf('recordAudit', 'atMs', e.atMs),
          e.tokenId,
          e.tokenName,
          e.role,
          e.action,
          e.target,
          jsonText(e.requestBody),
          e.result,
          e.status,
        ],
      );
      return rows[0]!;
    },

    async finishAudit(auditId, result, status) {
      const { rowCount } = await sql.query(
        'UPDATE audit_log SET result = $2, status = $3 WHERE audit_id = $1 AND status IS NULL',
        [auditId, result, status],
      );
      if (rowCount === 0) throw new NotFoundError(`store finishAudit: no pending audit entry ${auditId}`);
    },

    async auditLog(siteId, query = {}) {
      const { rows } = await sql.query<AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_log WHERE site_id = $1 AND ($2::text IS NULL OR action = $2)
         ORDER BY at DESC, audit_id DESC LIMIT $3`,
        [siteId, query.action ?? null, query.limit ?? null],
      );
      return rows;
    },

    async setOperatorState(siteId, change, by, atMs) {
      // One statement reads and writes the row, so two operators acting at once cannot lose each other's change.
      const fleet = change.fleet;
      const { rows } = await sql.query<OperatorState>(
        `INSERT INTO operator_state AS o (site_id, mode, fleet_overrides, updated_at, updated_by)
         VALUES ($1, COALESCE($2::text, 'auto'),
           CASE WHEN $4::text IS NULL THEN '{}'::jsonb ELSE jsonb_build_object($3::text, $4::text::jsonb) END,
           $5::timestamptz, $6)
         ON CONFLICT (site_id) DO UPDATE SET
           mode = COALESCE($2::text, o.mode),
           fleet_overrides = CASE
             WHEN $3::text IS NULL THEN o.fleet_overrides
             WHEN $4::text IS NULL THEN o.fleet_overrides - $3::text
             ELSE o.fleet_overrides || jsonb_build_object($3::text, $4::text::jsonb) END,
           updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
         RETURNING ${OPERATOR_COLUMNS}`,
        [
          siteId,
          change.mode ?? null,
          fleet?.fleet ?? null,
          fleet?.override == null ? null : jsonText(fleet.override),
          isoOf('setOperatorState', 'atMs', atMs),
          by,
        ],
      );
      return rows[0]!;
    },

    async operatorState(siteId) {
      const { rows } = await sql.query<OperatorState>(
        `SELECT ${OPERATOR_COLUMNS} FROM operator_state WHERE site_id = $1`,
        [siteId],
      );
      return rows[0];
    },
  };
}
