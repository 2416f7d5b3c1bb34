/** @module store/sites — sites and their machines (upserted from the config at every start). */
import type { Sql } from './sql.ts';
import type { MachineRow, SiteRow, SqlStore } from './types.ts';

export function siteQueries(
  sql: Sql,
): Pick<SqlStore, 'upsertSite' | 'site' | 'upsertMachines' | 'listMachines'> {
  return {
    async upsertSite(site) {
      // jsonb goes in as text: pg would turn a JS array into a Postgres array literal.
      await sql.query(
        `INSERT INTO sites (site_id, name, config) VALUES ($1, $2, $3::text::jsonb)
         ON CONFLICT (site_id) DO UPDATE SET name = EXCLUDED.name, config = EXCLUDED.config`,
        [site.siteId, site.name, JSON.stringify(site.config ?? null)],
      );
    },

    async site(siteId) {
      const { rows } = await sql.query<SiteRow>(
        'SELECT site_id AS "siteId", name, config FROM sites WHERE site_id = $1',
        [siteId],
      );
      return rows[0];
    },

    async upsertMachines(machines) {
      if (machines.length === 0) return;
      await sql.query(
        `INSERT INTO machines (site_id, machine_id, kind, firmware, host, port, rated_power_w)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::float8[])
         ON CONFLICT (site_id, machine_id) DO UPDATE SET kind = EXCLUDED.kind, firmware = EXCLUDED.firmware,
           host = EXCLUDED.host, port = EXCLUDED.port, rated_power_w = EXCLUDED.rated_power_w`,
        [
          machines.map((m) => m.siteId),
          machines.map((m) => m.machineId),
          machines.map((m) => m.kind),
          machines.map((m) => m.firmware),
          machines.map((m) => m.host),
          machines.map((m) => m.port),
          machines.map((m) => m.ratedPowerW),
        ],
      );
    },

    async listMachines(siteId) {
      const { rows } = await sql.query<MachineRow>(
        `SELECT site_id AS "siteId", machine_id AS "machineId", kind, firmware, host, port,
           rated_power_w AS "ratedPowerW"
         FROM machines WHERE site_id = $1 ORDER BY machine_id COLLATE "C"`,
        [siteId],
      );
      return rows;
    },
  };
}
