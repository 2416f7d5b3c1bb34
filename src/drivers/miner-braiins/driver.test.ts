/**
 * What the miner contract does not reach: the session (inactivity expiry, `Bearer ` fallback, wrong password), the
 * other proto3 renderings, and the clamping of targets. Against the simulator on a stepped clock, or a tiny server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import { NO_FAULTS } from '../simulator/faults.ts';
import type { SimulatedMiner } from '../simulator/types.ts';
import { BraiinsDriver } from './driver.ts';
import { PATHS } from './protocol.ts';
import { startBraiinsSimulator } from './simulator.ts';

const CREDENTIALS = { username: 'root', password: 'secret' };
let nowMs = 1_732_530_000_000;
const clock = () => nowMs;
const advanceS = (s: number) => {
  nowMs += s * 1000;
};
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function start(options: { ackNotApplied?: boolean } = {}) {
  const sim = await startBraiinsSimulator({ clock, credentials: CREDENTIALS, seed: 3, ...options });
  const driver = new BraiinsDriver({ host: sim.host, port: sim.port, timeoutMs: 400, ...CREDENTIALS });
  cleanup.push(
    () => driver.close(),
    () => sim.close(),
  );
  return { sim, driver };
}

/** Counts the requests a call makes. */
async function requestsFor(sim: SimulatedMiner, call: () => Promise<unknown>): Promise<number> {
  const before = sim.requestCount;
  await call();
  return sim.requestCount - before;
}

describe('BraiinsDriver session', () => {
  it('logs in once for many parallel reads and keeps the token while it is in use', async () => {
    const { sim, driver } = await start();
    expect(await requestsFor(sim, () => Promise.all([driver.read(), driver.read(), driver.read()]))).toBe(13);
    // Each request extends the session, so two gaps just under the timeout never need a new login.
    advanceS(3500);
    expect(await requestsFor(sim, () => driver.read())).toBe(4);
    advanceS(3500);
    expect(await requestsFor(sim, () => driver.read())).toBe(4);
  });

  it('logs in again, once, after an hour without requests', async () => {
    const { sim, driver } = await start();
    await driver.read();
    advanceS(3601);
    // Four 401s, one shared login, the four reads again.
    expect(await requestsFor(sim, () => driver.read())).toBe(9);
    expect((await driver.read()).state).toBe('running');
  });

  it('a wrong password is a ProtocolError saying so, after a single login attempt', async () => {
    const sim = await startBraiinsSimulator({ clock, credentials: CREDENTIALS });
    cleanup.push(() => sim.close());
    const driver = new BraiinsDriver({ host: sim.host, port: sim.port, timeoutMs: 400, username: 'root' });
    await expect(driver.read()).rejects.toThrow(/login refused/);
    expect(sim.requestCount).toBe(1);
  });

  it('falls back to `Bearer <token>` when the bare token is refused, then sends only that', async () => {
    const seen: string[] = [];
    const server: Server = createServer((req, res) => {
      seen.push(`${req.url} ${req.headers.authorization ?? '-'}`);
      req.resume();
      const ok = req.url === PATHS.login || req.headers.authorization === 'Bearer t0k';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === PATHS.login ? { token: 't0k', timeout_s: 3600 } : { watt: 2000 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const driver = new BraiinsDriver({ host: '127.0.0.1', port, timeoutMs: 400 });
    expect(await driver.apply({ kind: 'wake' })).toEqual({ kind: 'wake' });
    await driver.apply({ kind: 'sleep' });
    expect(seen).toEqual([
      `${PATHS.login} -`,
      `${PATHS.resume} t0k`,
      `${PATHS.resume} Bearer t0k`,
      `${PATHS.pause} Bearer t0k`,
    ]);
  });

  it('retries once on a fresh connection when a kept-alive one turns out closed by the miner', async () => {
    let requests = 0;
    const served = new WeakSet<object>();
    const server = createServer((req, res) => {
      requests++;
      req.resume();
      // As an idle timeout racing a reuse looks: the second request on a connection meets a closed socket.
      if (served.has(req.socket)) return req.socket.destroy();
      served.add(req.socket);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url === PATHS.login ? { token: 't' } : { already_paused: false }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    const driver = new BraiinsDriver({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      timeoutMs: 400,
    });
    cleanup.push(() => driver.close());
    expect(await driver.apply({ kind: 'sleep' })).toEqual({ kind: 'sleep' });
    expect(await driver.apply({ kind: 'sleep' })).toEqual({ kind: 'sleep' });
    // login, pause on a reused socket (reset) and again on a new one, then the same for the second pause.
    expect(requests).toBe(5);
  });

  it('a token refused in both forms even after a fresh login is a ProtocolError, not a loop', async () => {
    let requests = 0;
    const server = createServer((req, res) => {
      requests++;
      req.resume();
      res.writeHead(req.url === PATHS.login ? 200 : 401).end(JSON.stringify({ token: 'x' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
    const driver = new BraiinsDriver({
      host: '127.0.0.1',
      port: (server.address() as AddressInfo).port,
      timeoutMs: 400,
    });
    await expect(driver.apply({ kind: 'sleep' })).rejects.toThrow(/401 after a fresh login/);
    expect(requests).toBe(6);
  });
});

describe('BraiinsDriver commands and replies', () => {
  it('reads and writes the same through the other proto3 renderings (names, uint64 strings, 204)', async () => {
    const { sim, driver } = await start();
    const plain = await driver.read();
    sim.faults = { ...NO_FAULTS, quirks: true };
    expect(await driver.read()).toEqual(plain);
    expect(await driver.apply({ kind: 'power-target', powerW: 2400 })).toEqual({
      kind: 'power-target',
      powerW: 2400,
    });
    expect(await driver.apply({ kind: 'sleep' })).toEqual({ kind: 'sleep' });
    advanceS(10);
    expect((await driver.read()).state).toBe('curtailed');
  });

  it('clamps a target above the maximum and sends whole watts', async () => {
    const { sim, driver } = await start();
    expect(await driver.apply({ kind: 'power-target', powerW: 9000 })).toEqual({
      kind: 'power-target',
      powerW: sim.model.spec.ratedPowerW,
    });
    expect(await driver.apply({ kind: 'power-target', powerW: 2000.4 })).toEqual({
      kind: 'power-target',
      powerW: 2000,
    });
    expect(sim.model.powerTargetW).toBe(2000);
  });

  it('refuses a target that is not a number before sending anything', async () => {
    const { sim, driver } = await start();
    await expect(driver.apply({ kind: 'power-target', powerW: Number.NaN })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(sim.requestCount).toBe(0);
  });

  it('an acknowledged-but-ignored target shows in the tuner state read back', async () => {
    const { driver } = await start({ ackNotApplied: true });
    await driver.apply({ kind: 'power-target', powerW: 2000 });
    advanceS(120);
    const reading = await driver.read();
    expect(reading.powerTargetW).toBe(3068);
    expect(reading.powerW).toBe(3068);
  });

  it('a reply slower than the timeout is a DeviceTimeoutError; a reboot fault shows in uptime', async () => {
    const { sim, driver } = await start();
    sim.faults = { ...NO_FAULTS, delayMs: 600 };
    await expect(driver.read()).rejects.toBeInstanceOf(DeviceTimeoutError);
    sim.faults = { ...NO_FAULTS, rebootRate: 1 };
    expect((await driver.read()).uptimeS).toBe(0);
  });

  it('requests queued behind a hung miner fail at their own timeout, not one after another', async () => {
    const { sim, driver } = await start();
    await driver.read();
    sim.faults = { ...NO_FAULTS, hangRate: 1 };
    const started = performance.now();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => driver.read()));
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof DeviceTimeoutError)).toBe(
      true,
    );
    // 80 requests on 4 connections: served one batch at a time they would take 20 timeouts.
    expect(performance.now() - started).toBeLessThan(400 * 4);
  });

  it('names the device and the request in every error', async () => {
    const { sim, driver } = await start();
    sim.faults = { ...NO_FAULTS, errorRate: 1 };
    const error = (await driver.capabilities().catch((e: unknown) => e)) as ProtocolError;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.device).toBe(`braiins@127.0.0.1:${sim.port}`);
    expect(error.command).toBe(`POST ${PATHS.login}`);
    expect(error.excerpt).toContain('simulated internal error');
  });
});
