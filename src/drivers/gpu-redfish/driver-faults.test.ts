/**
 * The driver against the simulator when things are not simple: sessions that expire, stale and missing ETags,
 * DMTF's mockup server's 204s, HTTPS with self-signed certificates, and a BMC that hangs, errs or sends garbage.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CREDENTIALS,
  closeAll,
  failure,
  rig,
  SLACK_MS,
  TIMEOUT_MS,
} from '../../../test/helpers/redfish-rig.ts';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import { RedfishGpuDriver } from './driver.ts';
import { probeRedfish } from './probe.ts';

afterEach(closeAll);

const CONTROL = '/redfish/v1/Chassis/HGX_Chassis_0/Controls/PowerLimit';
const SESSIONS = '/redfish/v1/SessionService/Sessions';

describe('sessions', () => {
  it('logs in again once when the session timed out, and logs out on close', async () => {
    const { driver, sim, clock, requestsDuring } = await rig({ sessionTimeoutS: 30 });
    await driver.read();
    expect(sim.sessionCount()).toBe(1);
    clock.ms += 31_000;
    const requests = await requestsDuring(() => driver.read());
    expect(requests.filter((r) => r.endsWith(' 401')).length).toBeGreaterThan(0);
    expect(requests.filter((r) => r === `POST ${SESSIONS} 201`)).toHaveLength(1);
    await driver.close();
    expect(sim.sessionCount()).toBe(0);
    expect(sim.log.at(-1)).toMatchObject({ method: 'DELETE', path: `${SESSIONS}/2`, status: 204 });
  });

  it('recovers from a BMC that dropped its sessions, and logs in once for parallel first calls', async () => {
    const { driver, sim } = await rig();
    await Promise.all([driver.read(), driver.read(), driver.capabilities()]);
    expect(sim.log.filter((r) => r.method === 'POST')).toHaveLength(1);
    sim.faults.sessionExpired = true;
    expect((await driver.read()).powerState).toBe('on');
    expect(sim.log.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('reports refused credentials, and a service that wants some', async () => {
    for (const auth of ['session', 'basic'] as const) {
      const { driver } = await rig({ auth }, { password: 'wrong' });
      const { error } = await failure(driver.read());
      expect(error).toBeInstanceOf(ProtocolError);
      expect(String(error)).toMatch(auth === 'session' ? /login refused/ : /HTTP 401.*credentials refused/);
    }
    const anonymous = await rig(
      { auth: 'session' },
      { username: undefined as never, password: undefined as never },
    );
    expect(String((await failure(anonymous.driver.read())).error)).toMatch(/service needs credentials/);
  });
});

describe('options', () => {
  it('refuses a URL that is not http(s), and an auth mode without a user', () => {
    for (const url of ['10.0.0.5', 'ftp://10.0.0.5']) {
      expect(() => new RedfishGpuDriver({ url, timeoutMs: TIMEOUT_MS })).toThrow(
        /url: must be an http\(s\) URL/,
      );
    }
    expect(
      () => new RedfishGpuDriver({ url: 'https://10.0.0.5', auth: 'basic', timeoutMs: TIMEOUT_MS }),
    ).toThrow(/username: is required for basic authentication/);
  });
});

describe('ETags', () => {
  it('sends If-Match with the ETag it read; a stale one costs a 412, a re-read and one retry', async () => {
    const { driver, sim, requestsDuring } = await rig();
    await driver.capabilities();
    // Another client changes the cap, so the ETag the driver holds from discovery goes stale.
    const other = new RedfishGpuDriver({ url: sim.url, ...CREDENTIALS, timeoutMs: TIMEOUT_MS });
    await other.apply({ kind: 'cap', powerW: 8_000 });
    await other.close();
    const requests = await requestsDuring(() => driver.apply({ kind: 'cap', powerW: 7_000 }));
    expect(requests).toEqual([
      `PATCH ${CONTROL} 412`,
      `GET ${CONTROL} 200`,
      `PATCH ${CONTROL} 200`,
      `GET ${CONTROL} 200`,
    ]);
    const patches = sim.log.filter((r) => r.method === 'PATCH');
    expect(patches.every((r) => r.ifMatch?.startsWith('W/"'))).toBe(true);
    expect((await driver.read()).powerLimitW).toBe(7_000);
  });

  it('sends no If-Match when the service gives no ETag', async () => {
    for (const sim of [{ etags: false }, {}]) {
      const { driver, sim: server } = await rig(sim);
      server.faults.omitEtag = true;
      await driver.apply({ kind: 'cap', powerW: 5_000 });
      await driver.apply({ kind: 'uncap' });
      const patches = server.log.filter((r) => r.method === 'PATCH');
      expect(patches.map((r) => [r.status, r.ifMatch])).toEqual([
        [200, null],
        [200, null],
      ]);
    }
  });
});

describe('DMTF mockup-server behaviour', () => {
  it('works with 204 logins without a body, no authentication, and 204 PATCHes and actions', async () => {
    const { driver, sim } = await rig({
      mockup: true,
      systemId: '437XR1138R2',
      chassisId: '1U',
      initialLoadFraction: 0.2,
    });
    expect(await driver.read()).toMatchObject({ powerState: 'on', powerW: 3_640, powerLimitW: null });
    expect(await driver.apply({ kind: 'cap', powerW: 5_000 })).toEqual({ kind: 'cap', powerW: 5_000 });
    await driver.apply({ kind: 'reset', resetType: 'ForceOff' });
    const summary = sim.log.map((r) => `${r.method} ${r.status}`).filter((r) => !r.startsWith('GET'));
    expect(summary).toEqual(['POST 204', 'PATCH 204', 'POST 204']);
    expect(sim.log.every((r) => r.ifMatch === null)).toBe(true);
    expect((await driver.describe()).systemUri).toBe('/redfish/v1/Systems/437XR1138R2');
  });
});

describe('HTTPS with a self-signed certificate', () => {
  it('connects when insecure or with the certificate pinned, and refuses otherwise', async () => {
    const insecure = await rig({ tls: true }, { insecure: true });
    expect(insecure.sim.url).toMatch(/^https:/);
    expect((await insecure.driver.read()).powerState).toBe('on');
    const pinned = await rig({ tls: true }, {});
    const driver = new RedfishGpuDriver({
      url: pinned.sim.url,
      ...CREDENTIALS,
      timeoutMs: TIMEOUT_MS,
      caPem: pinned.sim.caPem!,
    });
    expect((await driver.read()).powerState).toBe('on');
    await driver.close();
    const { error } = await failure(pinned.driver.read());
    expect(error).toBeInstanceOf(ProtocolError);
    expect(String(error)).toContain('TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT)');
  });
});

describe('a BMC that fails', () => {
  it('times out a hung request within timeoutMs, in discovery and in a read', async () => {
    const { driver, sim } = await rig();
    sim.faults.hang = true;
    const first = await failure(driver.read());
    expect(first.error).toBeInstanceOf(DeviceTimeoutError);
    expect(first.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    sim.faults.hang = false;
    await driver.read();
    sim.faults.delayMs = TIMEOUT_MS * 3;
    const slow = await failure(driver.read());
    expect(slow.error).toBeInstanceOf(DeviceTimeoutError);
    expect(String(slow.error)).toContain(`no complete reply within ${TIMEOUT_MS} ms`);
    expect(slow.elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('turns an error status into a ProtocolError naming the Redfish message', async () => {
    const { driver, sim } = await rig();
    await driver.read();
    sim.faults.errorStatus = 503;
    const { error } = await failure(driver.apply({ kind: 'cap', powerW: 5_000 }));
    expect(error).toBeInstanceOf(ProtocolError);
    expect(String(error)).toContain('HTTP 503');
    expect(String(error)).toContain('The request failed due to an internal service error.');
  });

  it('turns garbage into a ProtocolError, and a closed port into a DeviceTimeoutError', async () => {
    const { driver, sim } = await rig();
    sim.faults.malformed = true;
    const garbage = await failure(driver.read());
    expect(garbage.error).toBeInstanceOf(ProtocolError);
    expect(String(garbage.error)).toContain('reply is not JSON');
    await sim.close();
    const refused = await failure(new RedfishGpuDriver({ url: sim.url, timeoutMs: TIMEOUT_MS }).read());
    expect(refused.error).toBeInstanceOf(DeviceTimeoutError);
    expect(String(refused.error)).toContain('ECONNREFUSED');
  });

  it('shows what a lying BMC reports next to what it draws (only a site meter catches it)', async () => {
    const { driver, sim, clock } = await rig({ initialLoadFraction: 1 });
    sim.faults.ignoreCap = true;
    sim.faults.lieAboutPower = true;
    await driver.apply({ kind: 'cap', powerW: 5_000 });
    clock.ms += 10_000;
    expect(await driver.read()).toMatchObject({ powerW: 5_000, powerLimitW: 5_000 });
    expect(sim.physicalPowerW()).toBeCloseTo(10_200, 6);
  });
});

describe('probeRedfish', () => {
  it('reports the service, the generation, a reading and what a read costs, then logs out', async () => {
    const { sim } = await rig({ generation: 'legacy-power', initialLoadFraction: 0.5 });
    const probe = await probeRedfish({ url: sim.url, ...CREDENTIALS, timeoutMs: TIMEOUT_MS });
    expect(probe).toMatchObject({
      service: { redfishVersion: '1.15.0', vendor: 'Contoso', product: 'GPU Server BMC (simulated)' },
      systemId: 'HGX_Baseboard_0',
      chassisUri: '/redfish/v1/Chassis/HGX_Chassis_0',
      generation: 'legacy-power',
      capVia: 'legacy-power',
      reading: { powerState: 'on', powerW: 6_100, powerLimitW: null },
      capabilities: { canCap: true, powerLimitRangeW: null },
      requestsPerRead: 2,
    });
    expect(sim.sessionCount()).toBe(0);
  });
});
