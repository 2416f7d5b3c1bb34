/**
 * A site host over real sockets: a simulated hybrid site (miners, GPU servers, meter, VTN on 127.0.0.1), the
 * controller driving it, and the API on port 0. Operator actions through HTTP reach the machines, survive a
 * restart of the host, and are refused with the field and the fix when the site cannot carry them out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/api/auth.ts';
import type { SiteStatus } from '../../src/api/types.ts';
import { type ControllerConfig, controllerConfigSchema } from '../../src/config/controller.ts';
import { systemClock } from '../../src/controller/controller.ts';
import { type SimSite, startSimSite } from '../../src/demo/sim-site.ts';
import { NO_FAULTS } from '../../src/drivers/simulator/faults.ts';
import { type SiteHost, startSiteHost } from '../../src/serve/host.ts';

const dir = mkdtempSync(join(tmpdir(), 'switchyard-host-'));
let site: SimSite;
let config: ControllerConfig;
let host: SiteHost;
let token: string;

const log = pino({ level: 'silent' });
const start = () => startSiteHost({ config, log, clock: systemClock, port: 0 });

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`${host.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

/** Polls the live status until `done` holds (each cycle is 0.5 s), or fails naming what was last seen. */
async function until(done: (s: SiteStatus) => boolean, timeoutMs = 20_000): Promise<SiteStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: SiteStatus | null = null;
  while (Date.now() < deadline) {
    last = (await call('GET', '/api/v1/status')).body.live;
    if (last !== null && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`status never matched; last: ${JSON.stringify(last)}`);
}

beforeAll(async () => {
  site = await startSimSite({
    miners: 4,
    gpus: 1,
    firmware: 'luxos',
    faults: NO_FAULTS,
    seed: 1,
    pace: 'demo',
    replayFrom: '2024-05-09T05:00:00Z',
    speed: 1,
    storeDir: join(dir, 'store'),
  });
  config = controllerConfigSchema.parse({
    ...site.config,
    siteId: 'host-test',
    cycle: { periodS: 0.5, requestTimeoutMs: 2000, maxAgeS: 5 },
    control: { ...(site.config.control as object), minDwellS: 0, batchSpacingS: 0 },
    // Every miner wanted: an override is then the only reason for one to sleep.
    plan: { kind: 'fixed', miningFraction: 1 },
  });
  host = await start();
  token = (await createApiToken(host.assembled.store, 'host-test-operator', 'operator')).token;
}, 60_000);

afterAll(async () => {
  await host?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe('a site host', { timeout: 30_000 }, () => {
  it('serves the live status of its cycles, with the power split and the economics', async () => {
    const status = await until((s) => s.machines.running === 5 && s.power.meteredImportW !== null);
    expect(status.siteId).toBe('host-test');
    expect(status.power.miningW).toBeGreaterThan(0);
    expect(status.power.aiW).toBeGreaterThan(0);
    expect(status.economics.aiUsdPerMWh).toBeGreaterThan(status.economics.miningUsdPerMWh ?? 0);
    const power = await call('GET', '/api/v1/power');
    expect(power.body.points.length).toBeGreaterThan(0);
    const economics = await call('GET', '/api/v1/economics');
    expect(economics.body.carbon.basis).toMatch(/^ERCOT \d{4} average/);
  });

  it('puts a mining override to the machines, and hands the fleet back when it is cleared', async () => {
    const set = await call('PUT', '/api/v1/operator/fleets/mining/override', { powerW: 0 });
    expect(set.status).toBe(200);
    expect(set.body.fleetOverrides.mining).toEqual({ powerW: 0, untilMs: null });
    const curtailed = await until((s) => s.machines.curtailed === 4);
    expect(curtailed.operator.miningOverrideW).toBe(0);
    expect(curtailed.power.miningW).toBeLessThan(4 * 50);
    const cleared = await call('DELETE', '/api/v1/operator/fleets/mining/override');
    expect(cleared.body.fleetOverrides).toEqual({});
    await until((s) => s.machines.curtailed === 0 && s.operator.miningOverrideW === null);
  });

  it('refuses what the site cannot do, naming the field and the fix', async () => {
    const tooMuch = await call('PUT', '/api/v1/operator/fleets/ai/override', { powerW: 1e9 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.issues[0]).toMatchObject({
      field: 'body.powerW',
      problem: "is above the ai fleet's rated 10200 W",
    });
    expect((await call('GET', '/api/v1/operator')).body.fleetOverrides).toEqual({});
  });

  it('keeps the operator state across a restart of the host', async () => {
    expect((await call('PUT', '/api/v1/operator/mode', { mode: 'manual' })).status).toBe(200);
    await call('PUT', '/api/v1/operator/fleets/ai/override', { powerW: 4000 });
    await until((s) => s.operator.mode === 'manual' && s.power.aiW <= 4000 * 1.05);
    await host.close();
    host = await start();
    const resumed = await until((s) => s.cycleId >= 2);
    expect(resumed.operator).toEqual({ mode: 'manual', miningOverrideW: null, aiOverrideW: 4000 });
    expect(resumed.power.aiW).toBeLessThanOrEqual(4000 * 1.05);
  });
});
