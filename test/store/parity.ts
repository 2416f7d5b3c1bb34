/**
 * One fixed sequence touching every store method, returning everything it read. Run on both engines, the two
 * results must be deep-equal (values and JS types). Ids the database assigns are made relative to the first.
 */
import type { SqlStore } from '../../src/store/index.ts';
import { accrual, alert, intent, plan, STEP_MS, T0_MS, telemetryBatch } from './fixtures.ts';

const SITE_ID = 'parity';

export async function runParityScenario(store: SqlStore) {
  await store.upsertSite({
    siteId: SITE_ID,
    name: 'Parity',
    config: { nested: { list: [1, 2.5, 'x', null] } },
  });
  await store.upsertMachines(
    ['m000', 'm001', 'm002', 'm003'].map((machineId, n) => ({
      siteId: SITE_ID,
      machineId,
      kind: n === 3 ? ('gpu-server' as const) : ('miner' as const),
      firmware: n === 3 ? 'redfish' : 'cgminer',
      host: `10.1.0.${n}`,
      port: n === 3 ? 443 : 4028,
      ratedPowerW: 3_000 + n * 0.1,
    })),
  );
  const written = await store.writeTelemetry(telemetryBatch(SITE_ID, 4, 6));
  const prunedRows = await store.pruneTelemetry(SITE_ID, T0_MS + 2 * STEP_MS);

  await store.recordIntents(
    [1, 2, 3].map((n) => intent(SITE_ID, n, { targetPowerW: n === 2 ? null : 2_000 })),
  );
  await store.updateIntents([
    { intentId: `${SITE_ID}-i1`, status: 'sent', atMs: T0_MS + 9_000, attempted: true },
    { intentId: `${SITE_ID}-i2`, status: 'failed', atMs: T0_MS + 9_500, attempted: true, error: 'refused' },
    { intentId: `${SITE_ID}-i3`, status: 'superseded', atMs: T0_MS + 9_750 },
  ]);

  await store.recordDecision({
    siteId: SITE_ID,
    cycleId: 7,
    atMs: T0_MS,
    miningTargetW: 1.5e7,
    miningMeasuredW: 1.4999e7,
    bindingPolicy: 'import-limit',
    commandCount: 3,
    details: { unknown: 0, running: 4, ratio: 1 / 3 },
    cycleMs: 3.75,
  });
  await store.recordPlan(plan(SITE_ID, 'plan-a', T0_MS));

  const first = await store.raiseAlert(alert(SITE_ID, 1));
  await store.raiseAlert(alert(SITE_ID, 2, { machineId: null, severity: 'info', code: 'safe-state' }));
  await store.acknowledgeAlert(first.alertId, 'parity-test', T0_MS + 1);
  const relative = <A extends { alertId: number }>(a: A): A => ({ ...a, alertId: a.alertId - first.alertId });

  await store.recordRevenueAccrual([0, 1, 2].map((n) => accrual(SITE_ID, n)));

  const tokenId = 'parity-token';
  await store.addApiToken({
    tokenId,
    name: 'parity',
    role: 'operator',
    sha256Hex: 'ab'.repeat(32),
    createdAtMs: T0_MS,
  });
  const audit = await store.recordAudit({
    siteId: SITE_ID,
    atMs: T0_MS + 2,
    tokenId,
    tokenName: 'parity',
    role: 'operator',
    action: 'operator.override-power',
    target: 'fleet mining',
    requestBody: { powerW: 1.5e6, untilMs: null, tags: ['x'] },
    result: 'pending',
    status: null,
  });
  await store.finishAudit(audit.auditId, 'ok', 200);
  await store.setOperatorState(
    SITE_ID,
    { fleet: { fleet: 'mining', override: { powerW: 1.5e6, untilMs: null } } },
    'parity',
    T0_MS + 3,
  );

  return {
    site: await store.site(SITE_ID),
    machines: await store.listMachines(SITE_ID),
    written,
    prunedRows,
    telemetry: await store.telemetry(SITE_ID, { fromMs: 0, toMs: T0_MS + 3_600_000 }),
    latestTelemetry: await store.latestTelemetry(SITE_ID),
    openIntents: await store.openIntents(SITE_ID),
    intents: await store.intents(SITE_ID),
    decisions: await store.decisions(SITE_ID),
    latestPlan: await store.latestPlan(SITE_ID),
    alerts: (await store.alerts(SITE_ID)).map(relative),
    openAlerts: (await store.alerts(SITE_ID, { openOnly: true })).map(relative),
    revenue: await store.revenueAccruals(SITE_ID),
    token: await store.findApiTokenByHash('ab'.repeat(32)),
    audit: (await store.auditLog(SITE_ID)).map((a) => ({ ...a, auditId: a.auditId - audit.auditId })),
    operator: await store.operatorState(SITE_ID),
  };
}
