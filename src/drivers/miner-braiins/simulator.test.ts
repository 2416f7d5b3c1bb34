/** The Braiins simulator's HTTP surface, spoken to with plain fetch: what a driver other than ours would meet. */
import { afterEach, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../simulator/faults.ts';
import type { SimulatedMiner } from '../simulator/types.ts';
import { BraiinsDriver } from './driver.ts';
import { PATHS } from './protocol.ts';
import { startBraiinsSimulator } from './simulator.ts';

let nowMs = 1_732_530_000_000;
const clock = () => nowMs;
const sims: SimulatedMiner[] = [];
afterEach(async () => {
  for (const sim of sims.splice(0)) await sim.close();
});

async function start(): Promise<SimulatedMiner> {
  const sim = await startBraiinsSimulator({ clock, credentials: { username: 'root', password: 'pw' } });
  sims.push(sim);
  return sim;
}

async function http(
  sim: SimulatedMiner,
  method: string,
  path: string,
  options: { token?: string; body?: string } = {},
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`http://${sim.host}:${sim.port}${path}`, {
    method,
    headers: options.token === undefined ? {} : { authorization: options.token },
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

async function login(sim: SimulatedMiner): Promise<string> {
  const reply = await http(sim, 'POST', PATHS.login, { body: '{"username":"root","password":"pw"}' });
  expect(reply).toMatchObject({ status: 200, json: { timeout_s: 3600 } });
  return (reply.json as { token: string }).token;
}

describe('Braiins simulator HTTP surface', () => {
  it('answers unknown paths 404, wrong methods 405 and unparsable bodies 400, all as JSON', async () => {
    const sim = await start();
    const token = await login(sim);
    expect(await http(sim, 'GET', '/api/v1/nope', { token })).toMatchObject({
      status: 404,
      json: { code: 5 },
    });
    expect(await http(sim, 'DELETE', PATHS.pause, { token })).toMatchObject({ status: 405 });
    expect(await http(sim, 'PUT', PATHS.powerTarget, { token, body: '{"watt":' })).toMatchObject({
      status: 400,
    });
    expect(await http(sim, 'POST', PATHS.login, { body: 'root:pw' })).toMatchObject({ status: 400 });
    expect(
      await http(sim, 'POST', PATHS.login, { body: '{"username":"root","password":"no"}' }),
    ).toMatchObject({ status: 401, json: { code: 16 } });
  });

  it('wants a token, bare or with `Bearer `, and forgets it after an hour of silence', async () => {
    const sim = await start();
    expect((await http(sim, 'GET', PATHS.details)).status).toBe(401);
    const token = await login(sim);
    expect((await http(sim, 'GET', PATHS.details, { token })).status).toBe(200);
    expect((await http(sim, 'GET', PATHS.details, { token: `Bearer ${token}` })).status).toBe(200);
    nowMs += 3_600_001;
    expect((await http(sim, 'GET', PATHS.details, { token })).status).toBe(401);
  });

  it('takes the power target by PUT or POST, clamped to its constraints', async () => {
    const sim = await start();
    const token = await login(sim);
    const constraints = await http(sim, 'GET', PATHS.constraints, { token });
    expect(constraints.json).toEqual({
      tuner_constraints: {
        power_target: { min: { watt: 1500 }, default: { watt: 3068 }, max: { watt: 3068 } },
      },
    });
    expect((await http(sim, 'POST', PATHS.powerTarget, { token, body: '{"watt":100}' })).json).toEqual({
      watt: 1500,
    });
    expect((await http(sim, 'PUT', PATHS.powerTarget, { token, body: '{"watt":2500}' })).json).toEqual({
      watt: 2500,
    });
    expect(sim.model.powerTargetW).toBe(2500);
  });

  it('stop leaves bosminer not started (resume cannot revive it); start restarts it with a fresh uptime', async () => {
    const sim = await start();
    const token = await login(sim);
    const driver = new BraiinsDriver({
      host: sim.host,
      port: sim.port,
      timeoutMs: 400,
      username: 'root',
      password: 'pw',
    });
    expect((await http(sim, 'PUT', PATHS.stop, { token })).json).toEqual({ already_stopped: false });
    nowMs += 10_000;
    expect(await driver.read()).toMatchObject({ state: 'off', uptimeS: 0, hashrateThs: 0 });
    expect((await http(sim, 'PUT', PATHS.resume, { token })).json).toEqual({ already_mining: false });
    expect((await driver.read()).state).toBe('off');
    expect((await http(sim, 'PUT', PATHS.start, { token })).json).toEqual({ already_running: false });
    nowMs += 120_000;
    expect(await driver.read()).toMatchObject({ state: 'running', uptimeS: 120 });
    expect((await http(sim, 'PUT', PATHS.pause, { token })).json).toEqual({ already_paused: false });
    expect((await http(sim, 'PUT', PATHS.pause, { token })).json).toEqual({ already_paused: true });
  });

  it('close() ends a hung request instead of waiting for it', async () => {
    const sim = await start();
    sim.faults = { ...NO_FAULTS, hangRate: 1 };
    const hung = http(sim, 'GET', PATHS.details).catch((e: unknown) => e);
    while (sim.requestCount === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await sims.splice(0)[0]!.close();
    expect(await hung).toBeInstanceOf(Error);
  });

  it('draws faults from its seed: the same seed fails the same requests', async () => {
    const pattern = async (seed: number) => {
      const sim = await startBraiinsSimulator({ clock, seed, faults: { ...NO_FAULTS, errorRate: 0.5 } });
      sims.push(sim);
      const statuses: number[] = [];
      for (let i = 0; i < 16; i++) statuses.push((await http(sim, 'GET', PATHS.details)).status);
      return statuses.join(',');
    };
    const first = await pattern(11);
    expect(await pattern(11)).toBe(first);
    expect(first).toMatch(/500/);
    expect(first).toMatch(/401/);
    expect(await pattern(12)).not.toBe(first);
  });
});
