import { afterEach, describe, expect, it } from 'vitest';
import { cgminerFixture } from '../../../test/fixtures/cgminer/load.ts';
import {
  commandOf,
  parameterOf,
  type Script,
  startScriptedServer,
} from '../../../test/fixtures/cgminer/scripted-server.ts';
import { ProtocolError } from '../../errors.ts';
import { CgminerClient } from '../cgminer/client.ts';
import { firstEntry } from '../cgminer/protocol.ts';
import { startLuxosSimulator } from '../simulator/cgminer-server.ts';
import { DEFAULT_MINER_SPEC } from '../simulator/miner-model.ts';
import type { SimulatedMiner } from '../simulator/types.ts';
import { LuxosDriver } from './driver.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});

/** 8 profiles evenly from 1,500 to 3,068 W, rounded (the simulator's ladder for the default spec). */
const LADDER_W = [1500, 1724, 1948, 2172, 2396, 2620, 2844, 3068];

async function simulated() {
  let nowMs = 1_732_530_000_000;
  const sim: SimulatedMiner = await startLuxosSimulator({ clock: () => nowMs, sessionTtlS: 60 });
  const endpoint = { host: sim.host, port: sim.port, timeoutMs: 1000 };
  const driver = new LuxosDriver(endpoint);
  open.push(sim, driver);
  const raw = new CgminerClient(endpoint, 'probe');
  const sessionHeld = async () => firstEntry(await raw.request('session'), 'SESSION').SessionID;
  return { sim, driver, raw, sessionHeld, advanceS: (s: number) => (nowMs += s * 1000) };
}

describe('LuxOS driver against the simulator', () => {
  it('reports the profile ladder as its power steps', async () => {
    const { driver } = await simulated();
    expect(await driver.capabilities()).toEqual({
      canSleep: true,
      canSetPowerTarget: true,
      powerRangeW: { minW: 1500, maxW: 3068 },
      powerStepsW: LADDER_W,
    });
    expect((await driver.read()).powerTargetW).toBe(DEFAULT_MINER_SPEC.ratedPowerW);
  });

  it('logs on once and reuses the session; releases it on close', async () => {
    const { sim, driver, sessionHeld } = await simulated();
    await driver.apply({ kind: 'sleep' });
    expect(sim.requestCount).toBe(2); // logon, curtail
    await driver.apply({ kind: 'wake' });
    expect(sim.requestCount).toBe(3);
    expect(await sessionHeld()).not.toBe('');
    await driver.close();
    expect(await sessionHeld()).toBe('');
  });

  it('an expired session is replaced once and the command retried', async () => {
    const { sim, driver, advanceS } = await simulated();
    await driver.apply({ kind: 'sleep' });
    advanceS(61);
    const before = sim.requestCount;
    await driver.apply({ kind: 'wake' });
    expect(sim.requestCount - before).toBe(3); // curtail (refused), logon, curtail
    expect(sim.model.mode).toBe('mining');
  });

  it("joins a session another client holds, since `session` discloses it (pyasic's way)", async () => {
    const { sim, driver, raw, sessionHeld } = await simulated();
    const otherId = firstEntry(await raw.request('logon'), 'SESSION').SessionID;
    await driver.apply({ kind: 'sleep' });
    expect(sim.model.mode).toBe('sleeping');
    expect(await sessionHeld()).toBe(otherId);
  });

  it.each([
    [2400, 2396],
    [5000, 3068],
    [100, 1500],
    [1724, 1724],
  ])(
    'a %d W target takes the highest profile at or under it (%d W) and leaves ATM as it was',
    async (targetW, profileW) => {
      const { sim, driver, raw } = await simulated();
      expect(await driver.apply({ kind: 'power-target', powerW: targetW })).toEqual({
        kind: 'power-target',
        powerW: profileW,
      });
      expect(sim.model.powerTargetW).toBe(profileW);
      expect(firstEntry(await raw.request('atm'), 'ATM').Enabled).toBe(true);
    },
  );
});

const LADDER = `{"STATUS":[{"STATUS":"S","When":1,"Code":327,"Msg":"Profiles","Description":"LUXminer"}],"PROFILES":[${LADDER_W.map(
  (w, i) => `{"Profile Name":"${i === 7 ? 'default' : `p${w}`}","Watts":${w}}`,
).join(',')}],"id":1}`;
const status = (code: number, msg: string, letter = 'S') =>
  `{"STATUS":"${letter}","When":1681332079,"Code":${code},"Msg":"${msg}","Description":"LUXminer"}`;
const ok = (code: number, msg: string, sections = '') =>
  `{"STATUS":[${status(code, msg)}]${sections},"id":1}`;
const SESSION_NONE = ok(319, 'Session', ',"SESSION":[{"SessionID":""}]');
const BUSY = `{"STATUS":[${status(402, 'Another session is active', 'E')}],"id":1}`;

async function scripted(script: Script, options: ConstructorParameters<typeof LuxosDriver>[1] = {}) {
  const server = await startScriptedServer(script);
  const driver = new LuxosDriver({ host: '127.0.0.1', port: server.port, timeoutMs: 500 }, options);
  open.push(server);
  return { server, driver };
}

describe('LuxOS driver over scripted replies', () => {
  it('backs off and retries logon while another client wins the race for the session (Code 402)', async () => {
    let busy = 2;
    const { server, driver } = await scripted(
      (request) => {
        switch (commandOf(request)) {
          case 'session':
            return SESSION_NONE;
          case 'logon':
            return busy-- > 0 ? BUSY : cgminerFixture('luxos-logon');
          default:
            return cgminerFixture('luxos-curtail-sleep');
        }
      },
      { logonBackoffMs: 5 },
    );
    await driver.apply({ kind: 'sleep' });
    expect(server.requests.map(commandOf)).toEqual([
      'logon',
      'session',
      'logon',
      'session',
      'logon',
      'curtail',
    ]);
    expect(parameterOf(server.requests.at(-1)!)).toBe('yJN2nlj1,sleep');
  });

  it('gives up with a ProtocolError when the session stays held', async () => {
    const { server, driver } = await scripted(
      (request) => (commandOf(request) === 'session' ? SESSION_NONE : BUSY),
      {
        logonAttempts: 2,
        logonBackoffMs: 1,
      },
    );
    await expect(driver.apply({ kind: 'wake' })).rejects.toThrow(/session still held after 2 attempts/);
    expect(server.requests.map(commandOf)).not.toContain('curtail');
  });

  it('refuses a profileset reply that names another profile, and re-enables ATM all the same', async () => {
    const atm = cgminerFixture('luxos-atm').replace('"Enabled": false', '"Enabled": true');
    const { server, driver } = await scripted((request) => {
      switch (commandOf(request)) {
        case 'profiles':
          return LADDER;
        case 'atm':
          return atm;
        case 'logon':
          return BUSY;
        case 'session':
          return ok(319, 'Session', ',"SESSION":[{"SessionID":"yJN2nlj1"}]');
        case 'atmset':
          return ok(340, 'Advanced Thermal Management configuration updated');
        default:
          return cgminerFixture('luxos-profileset'); // always echoes "default"
      }
    });
    const error = await driver.apply({ kind: 'power-target', powerW: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toContain('set profile "default", asked for "p1948"');
    const writes = server.requests
      .filter((r) => ['atmset', 'profileset'].includes(commandOf(r)))
      .map(parameterOf);
    expect(writes).toEqual(['yJN2nlj1,enabled=false', 'yJN2nlj1,p1948', 'yJN2nlj1,enabled=true']);
  });

  it('skips the ATM dance when the firmware has no ATM', async () => {
    const { server, driver } = await scripted((request) => {
      switch (commandOf(request)) {
        case 'profiles':
          return LADDER;
        case 'atm':
          return cgminerFixture('error-invalid-command');
        case 'logon':
          return BUSY;
        case 'session':
          return ok(319, 'Session', ',"SESSION":[{"SessionID":"yJN2nlj1"}]');
        default:
          return cgminerFixture('luxos-profileset');
      }
    });
    expect(await driver.apply({ kind: 'power-target', powerW: 9000 })).toEqual({
      kind: 'power-target',
      powerW: 3068,
    });
    expect(server.requests.map(commandOf)).toEqual(['profiles', 'atm', 'logon', 'session', 'profileset']);
  });
});
