/**
 * One behaviour suite for the store, run on both engines: PGlite in memory and a throwaway Postgres server
 * (Debian's postgresql; see test/helpers/postgres-server.ts). Each engine shares one store across its tests
 * (a PGlite cold start costs ~3 s) and each test works on a site id of its own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type SqlStore, type StoreOptions } from '../../src/store/index.ts';
import { type PostgresServer, startPostgresServer } from '../helpers/postgres-server.ts';
import { apiStoreCases } from './api-cases.ts';
import {
  accrual,
  alert,
  freshSiteId,
  intent,
  machine,
  plan,
  STEP_MS,
  seedSite,
  T0_MS,
  telemetryBatch,
} from './fixtures.ts';
import { runParityScenario } from './parity.ts';
import { runStoreCases } from './run-cases.ts';
import { seriesStoreCases } from './series-cases.ts';

const MIGRATIONS = [
  '0001_initial.sql',
  '0002_ai_interruptions.sql',
  '0003_api.sql',
  '0004_site_series.sql',
  '0005_runs.sql',
];

type EngineName = 'pglite' | 'postgres';
let server: PostgresServer;
const stores = new Map<EngineName, SqlStore>();
let databases = 0;
const freshDatabaseUrl = (): Promise<string> => server.createDatabase(`store_test_${++databases}`);

interface Engine {
  readonly name: EngineName;
  readonly label: string;
  /** Options naming a database that outlives one store, and how to throw it away. */
  reopenable(): Promise<{ options: StoreOptions; cleanup: () => void }>;
  /** Whether a second store on the same database is refused while the first is open. */
  readonly exclusive: boolean;
}

const engines: Engine[] = [
  {
    name: 'pglite',
    label: 'PGlite',
    exclusive: true,
    async reopenable() {
      const dir = mkdtempSync(join(tmpdir(), 'switchyard-store-'));
      return {
        options: { dataDir: join(dir, 'pg') },
        cleanup: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: 'postgres',
    label: 'Postgres server',
    exclusive: false,
    reopenable: async () => ({ options: { url: await freshDatabaseUrl() }, cleanup: () => {} }),
  },
];

beforeAll(async () => {
  server = await startPostgresServer();
  const [lite, remote] = await Promise.all([openStore(), openStore({ url: await freshDatabaseUrl() })]);
  stores.set('pglite', lite).set('postgres', remote);
}, 60_000);

afterAll(async () => {
  await Promise.all([...stores.values()].map((s) => s.close()));
  await server?.stop();
}, 30_000);

describe.each(engines)('store on $label', ({ name, reopenable, exclusive }) => {
  const store = (): SqlStore => stores.get(name)!;

  it('reports its engine and applied the migrations on open', () => {
    expect(store().engine).toBe(name);
    expect(store().migrationsApplied).toEqual(MIGRATIONS);
  });

  it('migrates once: re-opening the same database applies nothing and keeps open intents', async () => {
    const { options, cleanup } = await reopenable();
    try {
      const first = await openStore(options);
      expect(first.migrationsApplied).toEqual(MIGRATIONS);
      const siteId = await seedSite(first, 'reopen', 3);
      await first.recordIntents([intent(siteId, 1), intent(siteId, 2), intent(siteId, 3)]);
      await first.updateIntents([
        { intentId: `${siteId}-i1`, status: 'sent', atMs: T0_MS + 5_000, attempted: true },
        { intentId: `${siteId}-i3`, status: 'confirmed', atMs: T0_MS + 6_000 },
      ]);
      await first.close();
      const second = await openStore(options);
      try {
        expect(second.migrationsApplied).toEqual([]);
        const open = await second.openIntents(siteId);
        expect(open.map((i) => [i.intentId, i.status, i.attempts, i.sentAtMs])).toEqual([
          [`${siteId}-i1`, 'sent', 1, T0_MS + 5_000],
          [`${siteId}-i2`, 'pending', 0, null],
        ]);
        if (exclusive) {
          await expect(openStore(options)).rejects.toThrow(/in use by this process/);
        } else {
          const third = await openStore(options);
          expect(third.migrationsApplied).toEqual([]);
          await third.close();
        }
      } finally {
        await second.close();
      }
    } finally {
      cleanup();
    }
  }, 60_000);

  it('records AI interruptions once, closes the open one, and refuses an end before its start', async () => {
    const s = store();
    const siteId = freshSiteId('ai');
    await s.upsertSite({ siteId, name: 'AI', config: {} });
    await s.upsertMachines([machine(siteId, 0, { kind: 'gpu-server', firmware: 'redfish' })]);
    const machineId = machine(siteId, 0).machineId;
    const row = {
      siteId,
      machineId,
      atMs: Date.UTC(2026, 6, 15, 20, 0, 0),
      podsEvicted: 1,
      podsBlocked: 0,
      workLostGpuS: 280,
      reason: 'grid-event: import ≤ 15000 W',
    };
    await s.recordAiInterruption(row);
    await s.recordAiInterruption({ ...row, workLostGpuS: 999 });
    expect(await s.aiInterruptions(siteId)).toEqual([{ ...row, endedAtMs: null }]);
    await s.endAiInterruption(siteId, machineId, row.atMs + 90_000);
    await s.endAiInterruption(siteId, machineId, row.atMs + 500_000);
    expect(await s.aiInterruptions(siteId, { fromMs: row.atMs, toMs: row.atMs + 1 })).toEqual([
      { ...row, endedAtMs: row.atMs + 90_000 },
    ]);
    expect(await s.aiInterruptions(siteId, { fromMs: row.atMs + 1 })).toEqual([]);
    await expect(
      s.recordAiInterruption({ ...row, atMs: row.atMs + 1, podsEvicted: -1 }),
    ).rejects.toMatchObject({
      sqlState: '23514',
    });
  });

  it('upserts sites and machines', async () => {
    const s = store();
    const siteId = freshSiteId('sites');
    expect(await s.site(siteId)).toBeUndefined();
    await s.upsertSite({ siteId, name: 'Alpha', config: { importLimitW: 1 } });
    await s.upsertSite({ siteId, name: 'Alpha 2', config: [1, { grid: null, w: 2.5 }] });
    expect(await s.site(siteId)).toEqual({ siteId, name: 'Alpha 2', config: [1, { grid: null, w: 2.5 }] });

    await s.upsertMachines([machine(siteId, 2), machine(siteId, 0), machine(siteId, 1)]);
    const changed = machine(siteId, 1, { firmware: 'braiins', port: 4029, ratedPowerW: 3_250.5 });
    const gpu = machine(siteId, 3, { kind: 'gpu-server', host: 'gpu-3.local', port: 443 });
    await s.upsertMachines([changed, gpu]);
    expect(await s.listMachines(siteId)).toEqual([machine(siteId, 0), changed, machine(siteId, 2), gpu]);

    await expect(s.upsertMachines([machine('no-such-site', 0)])).rejects.toThrow(
      /^store upsertMachines: .*violates foreign key constraint.*\(23503; Key \(site_id\)=\(no-such-site\)/,
    );
    await expect(s.upsertMachines([machine('no-such-site', 0)])).rejects.toMatchObject({
      code: 'STORE',
      operation: 'upsertMachines',
      sqlState: '23503',
    });
    await expect(s.upsertMachines([machine(siteId, 4, { port: 70_000 })])).rejects.toMatchObject({
      sqlState: '23514',
    });
  });

  it('follows an intent from pending to sent (attempts + 1) to settled', async () => {
    const s = store();
    const siteId = await seedSite(s, 'intents', 3);
    const [i1, i2, i3] = [intent(siteId, 1), intent(siteId, 2), intent(siteId, 3)];
    await s.recordIntents([i1, i2, i3]);
    await s.updateIntents([
      { intentId: i1.intentId, status: 'sent', atMs: T0_MS + 10_000, attempted: true },
      { intentId: i2.intentId, status: 'sent', atMs: T0_MS + 10_000, attempted: true },
    ]);
    await s.updateIntents([
      { intentId: i1.intentId, status: 'confirmed', atMs: T0_MS + 20_000 },
      {
        intentId: i2.intentId,
        status: 'sent',
        atMs: T0_MS + 21_000,
        attempted: true,
        error: 'no ack, retried',
      },
    ]);
    const i1Row = { ...i1, status: 'confirmed', attempts: 1, sentAtMs: T0_MS + 10_000 };
    const i2Sent = { ...i2, status: 'sent', attempts: 2, sentAtMs: T0_MS + 21_000, error: 'no ack, retried' };
    const i3Pending = {
      ...i3,
      status: 'pending',
      attempts: 0,
      sentAtMs: null,
      settledAtMs: null,
      error: null,
    };
    expect(await s.openIntents(siteId)).toEqual([{ ...i2Sent, settledAtMs: null }, i3Pending]);

    // `error` absent keeps the stored one; `error: null` clears it.
    await s.updateIntents([
      { intentId: i2.intentId, status: 'unconfirmed', atMs: T0_MS + 40_000 },
      { intentId: i3.intentId, status: 'superseded', atMs: T0_MS + 41_000, error: null },
    ]);
    expect(await s.openIntents(siteId)).toEqual([]);
    const all = [
      { ...i3Pending, status: 'superseded', settledAtMs: T0_MS + 41_000 },
      { ...i2Sent, status: 'unconfirmed', settledAtMs: T0_MS + 40_000 },
      { ...i1Row, settledAtMs: T0_MS + 20_000, error: null },
    ];
    expect(await s.intents(siteId)).toEqual(all);
    expect(await s.intents(siteId, { limit: 2 })).toEqual(all.slice(0, 2));
    expect(await s.intents(siteId, { machineId: i1.machineId })).toEqual([all[2]]);

    // All or nothing: one unknown id and no update of the batch is applied.
    await expect(
      s.updateIntents([
        { intentId: i1.intentId, status: 'failed', atMs: T0_MS + 50_000 },
        { intentId: 'no-such-intent', status: 'failed', atMs: T0_MS + 50_000 },
      ]),
    ).rejects.toThrow(/no intent no-such-intent.*nothing in this batch was applied/);
    expect((await s.intents(siteId, { machineId: i1.machineId }))[0]?.status).toBe('confirmed');
    await expect(
      s.updateIntents([1, 2].map(() => ({ intentId: i1.intentId, status: 'failed' as const, atMs: T0_MS }))),
    ).rejects.toThrow(/appears twice/);
    // Recording an intent again (a journal replay cut short) is a no-op: the stored row and its status win.
    await s.recordIntents([{ ...i1, reason: 'replayed' }, intent(siteId, 4)]);
    expect(await s.intents(siteId, { machineId: i1.machineId })).toEqual([
      {
        ...intent(siteId, 4),
        status: 'pending',
        attempts: 0,
        sentAtMs: null,
        settledAtMs: null,
        error: null,
      },
      all[2],
    ]);
  });

  it('writes 10,000 telemetry rows in one call and reads them back', async () => {
    const s = store();
    const siteId = await seedSite(s, 'telemetry', 100);
    const batch = telemetryBatch(siteId, 100, 100);
    expect(batch).toHaveLength(10_000);
    expect(await s.writeTelemetry(batch)).toBe(10_000);
    const all = { fromMs: Number.NEGATIVE_INFINITY, toMs: Number.POSITIVE_INFINITY };
    expect(await s.telemetry(siteId, all)).toEqual(batch);
    expect(await s.latestTelemetry(siteId)).toEqual(batch.slice(-100));
    expect(
      await s.telemetry(siteId, { fromMs: T0_MS + STEP_MS, toMs: T0_MS + 2 * STEP_MS, machineId: 'm042' }),
    ).toEqual([batch[142]]);
    // A retried batch rewrites the same samples instead of duplicating them.
    expect(await s.writeTelemetry(batch.slice(0, 500))).toBe(500);
    expect(await s.telemetry(siteId, { ...all, limit: 20_000 })).toHaveLength(10_000);
    expect(await s.writeTelemetry([])).toBe(0);

    const unknownMachine = { ...batch[0]!, machineId: 'm999' };
    await expect(s.writeTelemetry([unknownMachine])).rejects.toMatchObject({
      code: 'STORE',
      sqlState: '23503',
    });
    await expect(s.writeTelemetry([{ ...batch[0]!, atMs: Number.NaN }])).rejects.toThrow(
      /writeTelemetry: atMs must be epoch milliseconds/,
    );
  });

  it('prunes telemetry older than a time, for one site only', async () => {
    const s = store();
    const [siteId, otherId] = [await seedSite(s, 'prune', 3), await seedSite(s, 'prune-other', 3)];
    await s.writeTelemetry([...telemetryBatch(siteId, 3, 10), ...telemetryBatch(otherId, 3, 10)]);
    const cutoffMs = T0_MS + 4 * STEP_MS;
    expect(await s.pruneTelemetry(siteId, cutoffMs)).toBe(12);
    expect(await s.pruneTelemetry(siteId, cutoffMs)).toBe(0);
    const left = await s.telemetry(siteId, { fromMs: 0, toMs: T0_MS + 3_600_000 });
    expect(left).toEqual(telemetryBatch(siteId, 3, 10).slice(12));
    expect(await s.telemetry(otherId, { fromMs: 0, toMs: T0_MS + 3_600_000 })).toHaveLength(30);
    expect((await s.latestTelemetry(siteId)).map((r) => r.atMs)).toEqual(
      [1, 2, 3].map(() => T0_MS + 9 * STEP_MS),
    );
  });

  it('records decisions and lists them newest first', async () => {
    const s = store();
    const siteId = await seedSite(s, 'decisions', 1);
    const decision = (cycleId: number) => ({
      siteId,
      cycleId,
      atMs: T0_MS + cycleId * 1_000,
      miningTargetW: 9.5e6 + cycleId,
      miningMeasuredW: 9.4e6,
      bindingPolicy: cycleId === 2 ? 'grid-event' : 'plan',
      commandCount: cycleId,
      details: { states: { running: 10 - cycleId, curtailed: cycleId }, note: null, list: [1, 'two'] },
      cycleMs: 12.25,
    });
    for (const cycleId of [1, 2, 3]) await s.recordDecision(decision(cycleId));
    expect(await s.decisions(siteId)).toEqual([decision(3), decision(2), decision(1)]);
    expect(await s.decisions(siteId, { limit: 1 })).toEqual([decision(3)]);
  });

  it('round-trips plans with their arrays; the newest is the latest', async () => {
    const s = store();
    const siteId = await seedSite(s, 'plans', 1);
    expect(await s.latestPlan(siteId)).toBeUndefined();
    await s.recordPlan(plan(siteId, 'p1', T0_MS));
    await s.recordPlan(plan(siteId, 'p2', T0_MS + 3_600_000));
    await s.recordPlan(plan(siteId, 'p0', T0_MS - 3_600_000));
    expect(await s.latestPlan(siteId)).toEqual(plan(siteId, 'p2', T0_MS + 3_600_000));
    const superseded = { ...plan(siteId, 'p2', T0_MS + 3_600_000), status: 'superseded' };
    await s.recordPlan(superseded);
    expect(await s.latestPlan(siteId)).toEqual(superseded);
    const ragged = { ...plan(siteId, 'p3', T0_MS), aiMW: [1, 2] };
    await expect(s.recordPlan(ragged)).rejects.toMatchObject({ operation: 'recordPlan', sqlState: '23514' });
  });

  it('raises, lists and acknowledges alerts', async () => {
    const s = store();
    const siteId = await seedSite(s, 'alerts', 3);
    const a1 = await s.raiseAlert(alert(siteId, 1));
    const a2 = await s.raiseAlert(
      alert(siteId, 2, { machineId: null, severity: 'critical', code: 'plan-lost' }),
    );
    const a3 = await s.raiseAlert(alert(siteId, 3));
    expect(a1).toEqual({
      ...alert(siteId, 1),
      alertId: a1.alertId,
      acknowledgedAtMs: null,
      acknowledgedBy: null,
    });
    expect(typeof a1.alertId).toBe('number');
    expect([a2.alertId - a1.alertId, a3.alertId - a2.alertId]).toEqual([1, 1]);
    expect(await s.alerts(siteId, { openOnly: true })).toEqual([a3, a2, a1]);

    await s.acknowledgeAlert(a2.alertId, 'ops@site', T0_MS + 500_000);
    await s.acknowledgeAlert(a2.alertId, 'someone-else', T0_MS + 900_000);
    const acknowledged = { ...a2, acknowledgedAtMs: T0_MS + 500_000, acknowledgedBy: 'ops@site' };
    expect(await s.alerts(siteId, { openOnly: true })).toEqual([a3, a1]);
    expect(await s.alerts(siteId)).toEqual([a3, acknowledged, a1]);
    expect(await s.alerts(siteId, { limit: 1 })).toEqual([a3]);
    await expect(s.acknowledgeAlert(a3.alertId + 1_000_000, 'ops', T0_MS)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(s.raiseAlert(alert(siteId, 4, { severity: 'fatal' as 'critical' }))).rejects.toMatchObject({
      sqlState: '23514',
    });
  });

  apiStoreCases(store);
  runStoreCases(store);
  seriesStoreCases(store);

  it('records revenue accruals, replacing a rewritten interval', async () => {
    const s = store();
    const siteId = await seedSite(s, 'revenue', 1);
    await s.recordRevenueAccrual([accrual(siteId, 0), accrual(siteId, 1), accrual(siteId, 2)]);
    const corrected = { ...accrual(siteId, 1), miningRevenueUsd: 40.5, energyCostUsd: 25 };
    await s.recordRevenueAccrual([corrected]);
    expect(await s.revenueAccruals(siteId)).toEqual([accrual(siteId, 0), corrected, accrual(siteId, 2)]);
    expect(await s.revenueAccruals(siteId, { fromMs: corrected.atMs })).toEqual([
      corrected,
      accrual(siteId, 2),
    ]);
    expect(await s.revenueAccruals(siteId, { toMs: corrected.atMs })).toEqual([accrual(siteId, 0)]);
  });
});

describe('engine parity', () => {
  it('gives deep-equal results for the same sequence on PGlite and the Postgres server', async () => {
    const [lite, remote] = [stores.get('pglite')!, stores.get('postgres')!];
    const [fromLite, fromRemote] = [await runParityScenario(lite), await runParityScenario(remote)];
    expect(fromLite).toStrictEqual(fromRemote);
    // Equal could also mean equally wrong: pin a few values and their JS types.
    expect(fromLite.latestTelemetry).toHaveLength(4);
    expect(fromLite.openIntents.map((i) => [typeof i.cycleId, i.attempts])).toEqual([['number', 1]]);
    expect(fromLite.prunedRows).toBe(8);
  });
});
