/** The controller's commands as a person runs them: sim writes a usable file, probe reads a machine, bad files fail clearly. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startMeterSimulator } from '../../src/drivers/meter-modbus/simulator.ts';
import { startBraiinsSimulator } from '../../src/drivers/miner-braiins/simulator.ts';
import {
  startLuxosSimulator,
  startStockCgminerSimulator,
} from '../../src/drivers/simulator/cgminer-server.ts';
import type { SimulatedMiner } from '../../src/drivers/simulator/types.ts';
import { runCli as run } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'switchyard-ctl-cli-'));
const sims: SimulatedMiner[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
});

describe('switchyard probe miner', () => {
  it('detects LuxOS and prints what the driver understood', async () => {
    const sim = await startLuxosSimulator();
    sims.push(sim);
    const { code, out } = await run('probe', 'miner', '--host', sim.host, '--port', String(sim.port));
    expect(code).toBe(0);
    expect(out).toMatch(/firmware\s+│?\s*luxos \(detected\)/);
    expect(out).toMatch(/state\s+│?\s*running/);
    expect(out).toMatch(/Antminer S19j Pro/);
    expect(out).toMatch(/can sleep\s+│?\s*yes/);
  });

  it('detects stock cgminer and Braiins OS; --json gives the reading and capabilities', async () => {
    const stock = await startStockCgminerSimulator();
    const braiins = await startBraiinsSimulator({ credentials: { username: 'root', password: 'pw' } });
    sims.push(stock, braiins);
    const a = await run('probe', 'miner', '--host', stock.host, '--port', String(stock.port), '--json');
    expect(a.code).toBe(0);
    expect(JSON.parse(a.out)).toMatchObject({ firmware: 'cgminer', capabilities: { canSleep: false } });
    const b = await run(
      'probe',
      'miner',
      '--host',
      braiins.host,
      '--port',
      String(braiins.port),
      '--user',
      'root',
      '--password',
      'pw',
      '--json',
    );
    expect(b.code).toBe(0);
    const parsed = JSON.parse(b.out);
    expect(parsed).toMatchObject({ firmware: 'braiins', detected: true, reading: { state: 'running' } });
    expect(parsed.reading.powerW).toBeGreaterThan(3000);
  });

  it('an unreachable machine is a clear error, not a hang', async () => {
    const { code, err } = await run(
      'probe',
      'miner',
      '--host',
      '127.0.0.1',
      '--port',
      '1',
      '--firmware',
      'luxos',
      '--timeout',
      '500',
    );
    expect(code).toBe(1);
    expect(err).toMatch(/luxos@127\.0\.0\.1:1: .*unreachable/);
  });
});

describe('switchyard probe meter', () => {
  it('reads a SunSpec meter and an SDM630-style meter (word-swapped) once', async () => {
    const sunspec = await startMeterSimulator({ map: 'sunspec', wordOrder: 'ABCD', powerW: () => 61_400 });
    const sdm = await startMeterSimulator({ map: 'sdm630', wordOrder: 'CDAB', powerW: () => -2_500 });
    try {
      const a = await run('probe', 'meter', '--host', sunspec.host, '--port', String(sunspec.port));
      expect(a.code).toBe(0);
      expect(a.out).toMatch(/SunSpec model 203 at register 40070/);
      expect(a.out).toMatch(/61,400 W/);
      const b = await run(
        'probe',
        'meter',
        '--host',
        sdm.host,
        '--port',
        String(sdm.port),
        '--map',
        'sdm630',
        '--word-order',
        'CDAB',
        '--json',
      );
      expect(b.code).toBe(0);
      expect(JSON.parse(b.out).reading.importW).toBeCloseTo(-2500, 0);
    } finally {
      await sunspec.close();
      await sdm.close();
    }
  });

  it('a meter that does not answer is a clear error', async () => {
    const { code, err } = await run(
      'probe',
      'meter',
      '--host',
      '127.0.0.1',
      '--port',
      '1',
      '--timeout',
      '500',
    );
    expect(code).toBe(1);
    expect(err).toMatch(/meter@127\.0\.0\.1:1: .*check --host and --port/);
  });
});

describe('switchyard run: bad config files', () => {
  it('names the field, the problem and the fix, and exits 2', async () => {
    const path = join(tmp, 'bad.yaml');
    writeFileSync(
      path,
      [
        'siteId: s1',
        'grid: { importLimitW: -5 }',
        'plan: { kind: fixed, miningFraction: 1.5 }',
        'miners:',
        '  - { id: a, firmware: whatsminer, host: 10.0.0.1, port: 4028, ratedPowerW: 3250 }',
        '  - { id: a, firmware: luxos, host: 10.0.0.2, port: 4028, ratedPowerW: 3250 }',
      ].join('\n'),
    );
    const { code, err } = await run('run', '--config', path);
    expect(code).toBe(2);
    expect(err).toMatch(/bad\.yaml.*grid\.importLimitW: .*got -5; fix: the facility import limit/);
    expect(err).toMatch(/plan\.miningFraction: .*got 1\.5; fix: share of the fleet rated power/);
    expect(err).toMatch(/miners\[0\]\.firmware: .*got "whatsminer"; fix: one of cgminer, luxos, braiins/);
  });

  it('repeated machine ids are refused by name', async () => {
    const path = join(tmp, 'dup.yaml');
    writeFileSync(
      path,
      [
        'siteId: s1',
        'grid: { importLimitW: 100000 }',
        'plan: { kind: fixed, miningFraction: 1 }',
        'miners:',
        '  - { id: a, firmware: luxos, host: 10.0.0.1, port: 4028, ratedPowerW: 3250 }',
        '  - { id: a, firmware: luxos, host: 10.0.0.2, port: 4028, ratedPowerW: 3250 }',
      ].join('\n'),
    );
    const { code, err } = await run('run', '--config', path);
    expect(code).toBe(2);
    expect(err).toMatch(
      /miners\[1\]\.id: repeats the id of miners\[0\]; got "a"; fix: give every machine its own id/,
    );
  });
});

describe('switchyard sim + run', () => {
  it('sim writes a controller file; run follows the replayed plan over the simulated miners', async () => {
    const configOut = join(tmp, 'sim-site.yaml');
    const sim = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'sim',
        '--miners',
        '12',
        '--gpus',
        '0',
        '--firmware',
        'mixed',
        '--config-out',
        configOut,
      ],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      let said = '';
      sim.stdout!.on('data', (chunk: Buffer) => {
        said += chunk.toString();
      });
      const deadline = Date.now() + 60_000;
      while (!said.includes('Ctrl-C stops')) {
        if (Date.now() > deadline || sim.exitCode !== null) throw new Error(`sim did not start: ${said}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      // The simulated site meter reads the miners' physical draw × PUE + 2 kW of overhead over Modbus TCP.
      const meterPort = /probe meter --host 127\.0\.0\.1 --port (\d+)/.exec(said)?.[1];
      expect(meterPort).toBeDefined();
      const meter = await run('probe', 'meter', '--host', '127.0.0.1', '--port', meterPort!, '--json');
      expect(meter.code).toBe(0);
      const ratedW = 12 * 3068;
      expect(JSON.parse(meter.out).reading.importW).toBeCloseTo(2000 + ratedW * 1.05, -2);
      const config = parse(readFileSync(configOut, 'utf8'));
      expect(config.miners).toHaveLength(12);
      expect(new Set(config.miners.map((m: { firmware: string }) => m.firmware))).toEqual(
        new Set(['luxos', 'braiins']),
      );
      expect(config.plan).toMatchObject({ kind: 'history', replayFrom: '2024-05-08T21:00:00Z' });
      // The replay starts three hours before the May 2024 spike; the plan curtails mining at once.
      const { code, out } = await run('run', '--config', configOut, '--cycles', '4');
      expect(code).toBe(0);
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(4);
      expect(lines[0]).toMatch(
        /^cycle 1 replaying 2024-05-08T21:0\dZ at \$257\/MWh: target 0\.0 kW \[plan\]/,
      );
      expect(lines[3]).toMatch(/curtailed [1-9]/);
    } finally {
      sim.kill('SIGINT');
    }
  }, 120_000);
});
