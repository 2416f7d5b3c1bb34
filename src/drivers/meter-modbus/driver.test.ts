import ModbusRTU from 'modbus-serial';
import { afterEach, describe, expect, it } from 'vitest';
import { DeviceTimeoutError, ProtocolError } from '../../errors.ts';
import type { MeterModelId, WordOrder } from './codec.ts';
import { ModbusMeterDriver, type ModbusMeterOptions } from './driver.ts';
import { type MeterSimulator, type MeterSimulatorOptions, startMeterSimulator } from './simulator.ts';

const TIMEOUT_MS = 300;
/** Slack for the event loop and socket teardown on a loaded CI machine. */
const SLACK_MS = 400;

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  sim: MeterSimulator;
  driver: ModbusMeterDriver;
  power: { w: number };
  clock: { ms: number };
}

async function rig(
  sim: Omit<MeterSimulatorOptions, 'powerW' | 'nowMs'>,
  driver: Partial<ModbusMeterOptions> = {},
): Promise<Rig> {
  const power = { w: 12_345 };
  const clock = { ms: 0 };
  const simulator = await startMeterSimulator({ ...sim, powerW: () => power.w, nowMs: () => clock.ms });
  cleanups.push(() => simulator.close());
  const meter = new ModbusMeterDriver({
    host: simulator.host,
    port: simulator.port,
    unitId: 1,
    timeoutMs: TIMEOUT_MS,
    map: sim.map,
    wordOrder: sim.wordOrder,
    ...driver,
  });
  cleanups.push(() => meter.close());
  return { sim: simulator, driver: meter, power, clock };
}

async function failure(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startMs = performance.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, elapsedMs: performance.now() - startMs };
}

const CASES: Array<{ map: 'sunspec' | 'sdm630'; model?: MeterModelId; order: WordOrder }> = [
  { map: 'sunspec', model: 203, order: 'ABCD' },
  { map: 'sunspec', model: 203, order: 'CDAB' },
  { map: 'sunspec', model: 213, order: 'ABCD' },
  { map: 'sunspec', model: 213, order: 'CDAB' },
  { map: 'sdm630', order: 'ABCD' },
  { map: 'sdm630', order: 'CDAB' },
];

describe.each(CASES)('$map $model $order over a real socket', ({ map, model, order }) => {
  const simOptions = { map, wordOrder: order, ...(model === undefined ? {} : { sunspecModel: model }) };

  it('reads power, frequency and import energy, and follows powerW and the clock', async () => {
    const { driver, power, clock } = await rig(simOptions);
    expect(await driver.read()).toEqual({ importW: 12_345, importEnergyWh: 1_000_000, frequencyHz: 60 });
    // One hour at 12 345 W adds 12 345 Wh; then the site turns to exporting 2.5 MW.
    clock.ms += 3_600_000;
    power.w = -2_500_000;
    const next = await driver.read();
    expect(next.importW).toBe(-2_500_000);
    expect(next.importEnergyWh).toBeCloseTo(1_000_000, 0);
    power.w = 20_000;
    clock.ms += 1_800_000;
    const third = await driver.read();
    expect(third.importW).toBe(20_000);
    expect(third.importEnergyWh).toBeCloseTo(1_010_000, 0);
    if (map === 'sunspec') expect(driver.sunspecModel?.chain).toEqual([1, model]);
  });
});

describe('word order', () => {
  it('a driver set to the wrong word order reads something else, so the setting matters', async () => {
    const { driver } = await rig({ map: 'sdm630', wordOrder: 'ABCD' }, { wordOrder: 'CDAB' });
    const reading = await driver.read().catch(() => null);
    expect(reading?.importW).not.toBe(12_345);
  });
});

describe('SunSpec standard layout on the wire', () => {
  it('serves W at 40088, W_SF at 40092, TotWhImp at 40116–40117 and TotWh_SF at 40124', async () => {
    const { sim } = await rig({ map: 'sunspec', wordOrder: 'ABCD' });
    const client = new ModbusRTU();
    await client.connectTCP(sim.host, { port: sim.port });
    cleanups.push(async () => client.destroy(() => {}));
    client.setID(1);
    client.setTimeout(TIMEOUT_MS);
    expect((await client.readHoldingRegisters(40000, 2)).data).toEqual([0x5375, 0x6e53]);
    expect((await client.readHoldingRegisters(40070, 2)).data).toEqual([203, 105]);
    expect((await client.readHoldingRegisters(40088, 1)).data).toEqual([12_345]);
    expect((await client.readHoldingRegisters(40092, 1)).data).toEqual([0]);
    // 1 000 000 Wh = 0x000F4240, high word first.
    expect((await client.readHoldingRegisters(40116, 2)).data).toEqual([0x000f, 0x4240]);
    expect((await client.readHoldingRegisters(40124, 1)).data).toEqual([0]);
    expect((await client.readHoldingRegisters(40177, 2)).data).toEqual([0xffff, 0]);
  });
});

describe('faults', () => {
  it('a silent meter is a DeviceTimeoutError within the timeout; the next read reconnects', async () => {
    const { sim, driver } = await rig({ map: 'sunspec', wordOrder: 'ABCD' });
    await driver.read();
    sim.faults.silent = true;
    for (let i = 0; i < 3; i += 1) {
      const { error, elapsedMs } = await failure(driver.read());
      expect(error).toBeInstanceOf(DeviceTimeoutError);
      expect((error as DeviceTimeoutError).message).toContain(`meter@127.0.0.1:${sim.port}`);
      expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    }
    sim.faults.silent = false;
    expect((await driver.read()).importW).toBe(12_345);
    // Each timeout dropped its socket: only the reconnected one is left.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.openConnections()).toBe(1);
  });

  it('a reply slower than the timeout is a DeviceTimeoutError', async () => {
    const { sim, driver } = await rig({ map: 'sdm630', wordOrder: 'ABCD' });
    sim.faults.delayMs = TIMEOUT_MS * 3;
    const { error, elapsedMs } = await failure(driver.read());
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    sim.faults.delayMs = 10;
    expect((await driver.read()).importW).toBe(12_345);
  });

  it('a Modbus exception is a ProtocolError naming the device, the read and the code', async () => {
    const { sim, driver } = await rig({ map: 'sunspec', wordOrder: 'CDAB' });
    await driver.read();
    sim.faults.exceptionCode = 4;
    const { error } = await failure(driver.read());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toBe(
      `meter@127.0.0.1:${sim.port}: read holding 40070 x55: Modbus exception 4 (server device failure)`,
    );
    // The error forgot the cached model address, so the next read walks the chain again.
    sim.faults.exceptionCode = null;
    sim.faults.wrongMarker = true;
    const rediscovered = await failure(driver.read());
    expect(rediscovered.error).toBeInstanceOf(ProtocolError);
    expect((rediscovered.error as ProtocolError).message).toMatch(/read holding 40000 x2: no SunSpec "SunS"/);
  });

  it('a wrong base register is a ProtocolError (missing marker), not a hang', async () => {
    const { driver } = await rig({ map: 'sunspec', wordOrder: 'ABCD' }, { baseRegister: 50000 });
    const { error } = await failure(driver.read());
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).message).toMatch(/Modbus exception 2 \(illegal data address\)/);
  });

  it('a refused connection is a DeviceTimeoutError', async () => {
    const { sim, driver } = await rig({ map: 'sdm630', wordOrder: 'ABCD' });
    await sim.close();
    const { error, elapsedMs } = await failure(driver.read());
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('a read after close fails at once', async () => {
    const { driver } = await rig({ map: 'sdm630', wordOrder: 'ABCD' });
    await driver.close();
    await expect(driver.read()).rejects.toBeInstanceOf(DeviceTimeoutError);
  });
});
