import { afterEach, describe, expect, it } from 'vitest';
import { commandOf, startScriptedServer } from '../../test/fixtures/cgminer/scripted-server.ts';
import { ValidationError } from '../errors.ts';
import { detectMinerFirmware } from './detect.ts';
import { startBraiinsSimulator } from './miner-braiins/simulator.ts';
import { startLuxosSimulator, startStockCgminerSimulator } from './simulator/cgminer-server.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const endpoint = (port: number) => ({ host: '127.0.0.1', port, timeoutMs: 2000 });

/** A BOSminer `version` reply as Braiins OS sends it on 4028 (PROTOCOLS.md §1.5, §2.2(c)). */
const BOSMINER_VERSION = JSON.stringify({
  STATUS: [
    { STATUS: 'S', When: 1732530000, Code: 22, Msg: 'BOSminer versions', Description: 'BOSminer 0.2.0' },
  ],
  VERSION: [{ BOSminer: '0.2.0-8b3dd2e5ea', API: '3.7' }],
  id: 1,
});

describe('detectMinerFirmware', () => {
  it('names the LuxOS, stock cgminer and Braiins REST simulators', async () => {
    for (const [start, firmware] of [
      [startLuxosSimulator, 'luxos'],
      [startStockCgminerSimulator, 'cgminer'],
      [startBraiinsSimulator, 'braiins'],
    ] as const) {
      const sim = await start();
      closers.push(() => sim.close());
      await expect(detectMinerFirmware(endpoint(sim.port))).resolves.toBe(firmware);
    }
  });

  it('refuses BOSminer on 4028 with the way to its REST API instead of calling it stock cgminer', async () => {
    const server = await startScriptedServer((request) =>
      commandOf(request) === 'version' ? BOSMINER_VERSION : null,
    );
    closers.push(() => server.close());
    const error = await detectMinerFirmware(endpoint(server.port)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION');
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({
        field: '--firmware',
        problem: 'this is Braiins OS answering its read-only cgminer API on this port',
        fix: 'probe it with --firmware braiins --port 80 (its REST API)',
      }),
    ]);
    expect(server.requests.map(commandOf)).toEqual(['version']);
  });

  it('still reads a bare cgminer-family version reply (no BOSminer key) as stock cgminer', async () => {
    const server = await startScriptedServer(() =>
      JSON.stringify({
        STATUS: [
          { STATUS: 'S', When: 1732530000, Code: 22, Msg: 'CGMiner versions', Description: 'cgminer 4.11.1' },
        ],
        VERSION: [{ CGMiner: '4.11.1', API: '3.7' }],
        id: 1,
      }),
    );
    closers.push(() => server.close());
    await expect(detectMinerFirmware(endpoint(server.port))).resolves.toBe('cgminer');
  });
});
