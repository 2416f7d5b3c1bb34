import { afterEach, describe, expect, it } from 'vitest';
import { cgminerFixture } from '../../../test/fixtures/cgminer/load.ts';
import {
  commandOf,
  type Script,
  startScriptedServer,
} from '../../../test/fixtures/cgminer/scripted-server.ts';
import { DeviceTimeoutError, ProtocolError, SwitchyardError } from '../../errors.ts';
import { CgminerDriver } from './driver.ts';

const RATED_W = 3068;
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const SINGLE: Record<string, string> = {
  summary: cgminerFixture('summary-bmminer'),
  stats: cgminerFixture('stats-bmminer'),
  version: cgminerFixture('version-bmminer'),
};
const REFUSED = cgminerFixture('error-invalid-command');

async function driverFor(script: Script, ratedPowerW: number | undefined = RATED_W) {
  const server = await startScriptedServer(script);
  servers.push(server);
  const endpoint = { host: '127.0.0.1', port: server.port, timeoutMs: 500 };
  const driver = new CgminerDriver(endpoint, ratedPowerW === undefined ? {} : { ratedPowerW });
  return { server, driver };
}

/** The §1.5 examples as one joined reply, in api.c's one-element-array form. */
const JOINED = `{"summary":[${SINGLE.summary}],"stats":[${SINGLE.stats}],"version":[${SINGLE.version}],"id":1}`;

describe('cgminer driver over the PROTOCOLS.md example replies', () => {
  it('maps them to a reading in one joined request', async () => {
    const { server, driver } = await driverFor(() => JOINED);
    const reading = await driver.read();
    expect(server.requests).toEqual(['{"command":"summary+stats+version"}']);
    expect(reading).toMatchObject({
      state: 'running',
      powerTargetW: null,
      temperatureC: 75,
      uptimeS: 86412,
      model: 'Antminer S19j Pro',
    });
    expect(reading.hashrateThs).toBeCloseTo(104.31255, 9);
    // No power key in this build: rated 3,068 W × 104,312.55 / 104,000 GH/s (hashrate over total_rateideal).
    expect(reading.powerW).toBeCloseTo((3068 * 104312.55) / 104000, 6);
    expect(reading.powerW).toBeCloseTo(3077.22, 2);
  });

  it('uses the firmware power reading when the build has one', async () => {
    const stats = SINGLE.stats!.replace(
      '"total_rate":104312.55',
      '"total_rate":104312.55,"total_power":3010',
    );
    const { driver } = await driverFor(() => JOINED.replace(SINGLE.stats!, stats));
    expect((await driver.read()).powerW).toBe(3010);
  });

  it('a build that refuses + is read one command at a time (as pyasic falls back)', async () => {
    const { server, driver } = await driverFor((request) => {
      const command = commandOf(request);
      return command.includes('+') ? REFUSED : (SINGLE[command] ?? REFUSED);
    });
    const reading = await driver.read();
    expect(server.requests.map(commandOf).sort()).toEqual([
      'stats',
      'summary',
      'summary+stats+version',
      'version',
    ]);
    expect(reading.hashrateThs).toBeCloseTo(104.31255, 9);
    expect(reading.temperatureC).toBe(75);
  });

  it('drops optional parts that fail on their own, but not the summary', async () => {
    const noStats = await driverFor((request) => {
      const command = commandOf(request);
      return command === 'summary' || command === 'version' ? SINGLE[command]! : REFUSED;
    });
    const reading = await noStats.driver.read();
    expect(reading.temperatureC).toBeNull();
    // Without stats there is no ideal hashrate: a hashing stock miner is taken to draw its rating.
    expect(reading.powerW).toBe(RATED_W);
    expect(reading.model).toBe('Antminer S19j Pro');

    const noSummary = await driverFor((request) => {
      const command = commandOf(request);
      return command.includes('+') || command === 'summary' ? REFUSED : SINGLE[command]!;
    });
    await expect(noSummary.driver.read()).rejects.toThrow(/summary: error status E code 14/);
  });

  it('a silent miner is not asked three more times', async () => {
    const { server, driver } = await driverFor(() => null);
    await expect(driver.read()).rejects.toBeInstanceOf(DeviceTimeoutError);
    expect(server.requests).toHaveLength(1);
  });

  it('a reply that is not the protocol fails with ProtocolError after the fallback', async () => {
    const { server, driver } = await driverFor(() => '<html>');
    await expect(driver.read()).rejects.toBeInstanceOf(ProtocolError);
    expect(server.requests).toHaveLength(4);
  });

  it('is read-only: no sleep, no power target, writes rejected as UNSUPPORTED', async () => {
    const { server, driver } = await driverFor(() => JOINED);
    expect(await driver.capabilities()).toEqual({
      canSleep: false,
      canSetPowerTarget: false,
      powerRangeW: null,
      powerStepsW: null,
    });
    const error = await driver.apply({ kind: 'power-target', powerW: 2000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED' });
    expect(server.requests).toHaveLength(0);
  });
});
