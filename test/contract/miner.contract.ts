/**
 * The miner nature's contract: every driver runs it against its own simulator over a real socket on
 * 127.0.0.1. The simulator's clock is stepped by hand, so ramps take no wall time and nothing here is timed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  commandApplied,
  type MinerDriver,
  type MinerEndpoint,
  type MinerFirmware,
  SLEEP_POWER_CEILING_W,
} from '../../src/drivers/natures.ts';
import { NO_FAULTS } from '../../src/drivers/simulator/faults.ts';
import { DEFAULT_MINER_SPEC, type MinerModelSpec } from '../../src/drivers/simulator/miner-model.ts';
import type { SimulatedMiner, StartMinerSimulator } from '../../src/drivers/simulator/types.ts';
import { DeviceTimeoutError, ProtocolError } from '../../src/errors.ts';

export interface MinerContractSubject {
  readonly firmware: MinerFirmware;
  readonly startSimulator: StartMinerSimulator;
  readonly makeDriver: (endpoint: MinerEndpoint) => MinerDriver;
  /** Read-only firmware (stock cgminer) skips the write tests and must reject writes instead. */
  readonly canWrite: boolean;
  readonly credentials?: { readonly username: string; readonly password: string };
}

const SPEC: MinerModelSpec = { ...DEFAULT_MINER_SPEC, sleepS: 5, wakeS: 90, powerTargetS: 60 };
const TIMEOUT_MS = 400;

export function runMinerContract(subject: MinerContractSubject): void {
  describe(`miner contract: ${subject.firmware}`, () => {
    let nowMs = 1_732_530_000_000;
    const clock = () => nowMs;
    const advanceS = (s: number) => {
      nowMs += s * 1000;
    };
    const open: { sim: SimulatedMiner; driver: MinerDriver }[] = [];

    async function start(options: { ackNotApplied?: boolean } = {}) {
      const sim = await subject.startSimulator({
        spec: SPEC,
        clock,
        seed: 7,
        ...(options.ackNotApplied === undefined ? {} : { ackNotApplied: options.ackNotApplied }),
        ...(subject.credentials === undefined ? {} : { credentials: subject.credentials }),
      });
      const driver = subject.makeDriver({
        host: sim.host,
        port: sim.port,
        timeoutMs: TIMEOUT_MS,
        ...(subject.credentials ?? {}),
      });
      open.push({ sim, driver });
      return { sim, driver };
    }

    afterEach(async () => {
      for (const { sim, driver } of open.splice(0)) {
        await driver.close();
        await sim.close();
      }
    });

    it('reads a running miner: power, hashrate, model and uptime as the model has them', async () => {
      const { sim, driver } = await start();
      const reading = await driver.read();
      expect(sim.host).toBe('127.0.0.1');
      expect(reading.state).toBe('running');
      expect(reading.powerW).toBeCloseTo(SPEC.ratedPowerW, -1);
      expect(reading.hashrateThs).toBeCloseTo(SPEC.ratedHashrateThs, 0);
      expect(reading.uptimeS).toBe(86_400);
      expect(reading.model).toContain('S19j Pro');
      expect(reading.temperatureC).toBeGreaterThan(SPEC.ambientC);
    });

    it('serves 50 reads in parallel', async () => {
      const { sim, driver } = await start();
      const readings = await Promise.all(Array.from({ length: 50 }, () => driver.read()));
      expect(readings.every((r) => r.state === 'running')).toBe(true);
      expect(sim.requestCount).toBeGreaterThanOrEqual(50);
    });

    it('reports capabilities with a power range inside the model', async () => {
      const { driver } = await start();
      const caps = await driver.capabilities();
      expect(caps.canSleep).toBe(subject.canWrite);
      expect(caps.canSetPowerTarget).toBe(subject.canWrite);
      if (subject.canWrite) {
        expect(caps.powerRangeW!.minW).toBeGreaterThanOrEqual(SPEC.minPowerW);
        expect(caps.powerRangeW!.maxW).toBeLessThanOrEqual(SPEC.ratedPowerW);
      }
    });

    if (!subject.canWrite) {
      it('rejects writes it cannot perform', async () => {
        const { driver } = await start();
        await expect(driver.apply({ kind: 'sleep' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
      });
    } else {
      it('sleeps: acknowledged at once, confirmed by read-back once the ramp is over', async () => {
        const { driver } = await start();
        const applied = await driver.apply({ kind: 'sleep' });
        expect(applied).toEqual({ kind: 'sleep' });
        advanceS(SPEC.sleepS + 1);
        const reading = await driver.read();
        expect(reading.state).toBe('curtailed');
        expect(reading.powerW).toBeLessThanOrEqual(SLEEP_POWER_CEILING_W);
        expect(reading.hashrateThs).toBe(0);
        expect(commandApplied(applied, reading)).toBe(true);
      });

      it('wakes: hashing again after the wake ramp, not before', async () => {
        const { driver } = await start();
        await driver.apply({ kind: 'sleep' });
        advanceS(SPEC.sleepS + 1);
        await driver.apply({ kind: 'wake' });
        advanceS(SPEC.wakeS / 3);
        const midway = await driver.read();
        expect(midway.powerW).toBeLessThan(SPEC.ratedPowerW * 0.6);
        advanceS(SPEC.wakeS);
        const reading = await driver.read();
        expect(reading.state).toBe('running');
        expect(reading.powerW).toBeCloseTo(SPEC.ratedPowerW, -1);
      });

      it('sets a power target (clamped or stepped by the firmware) and the read-back confirms it', async () => {
        const { driver } = await start();
        const applied = await driver.apply({ kind: 'power-target', powerW: 2400 });
        expect(applied.kind).toBe('power-target');
        const targetW = applied.kind === 'power-target' ? applied.powerW : Number.NaN;
        expect(targetW).toBeLessThanOrEqual(2400);
        expect(targetW).toBeGreaterThan(2000);
        advanceS(SPEC.powerTargetS + 1);
        const reading = await driver.read();
        expect(reading.powerTargetW).toBeCloseTo(targetW, 0);
        expect(commandApplied(applied, reading)).toBe(true);
        expect(reading.hashrateThs).toBeLessThan(SPEC.ratedHashrateThs);
      });

      it('clamps a target below the firmware minimum to the minimum', async () => {
        const { driver } = await start();
        const applied = await driver.apply({ kind: 'power-target', powerW: 100 });
        expect(applied.kind === 'power-target' && applied.powerW).toBeGreaterThanOrEqual(SPEC.minPowerW);
      });

      it('a miner that acknowledges but does not apply is caught by the read-back', async () => {
        const { driver } = await start({ ackNotApplied: true });
        const applied = await driver.apply({ kind: 'sleep' });
        advanceS(SPEC.sleepS + 1);
        const reading = await driver.read();
        expect(reading.state).toBe('running');
        expect(commandApplied(applied, reading)).toBe(false);
      });
    }

    it('a reboot shows as a drop in uptime', async () => {
      const { sim, driver } = await start();
      advanceS(10);
      sim.model.reboot(nowMs);
      advanceS(30);
      expect((await driver.read()).uptimeS).toBe(30);
    });

    it('a hung connection fails with DeviceTimeoutError within the timeout', async () => {
      const { sim, driver } = await start();
      sim.faults = { ...NO_FAULTS, hangRate: 1 };
      const started = performance.now();
      await expect(driver.read()).rejects.toBeInstanceOf(DeviceTimeoutError);
      // Generous bound: the point is that it returns, not how fast (speed is for the benchmarks).
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS * 10);
    });

    it('a connection closed without a reply is an error, never a hang', async () => {
      const { sim, driver } = await start();
      sim.faults = { ...NO_FAULTS, dropRate: 1 };
      await expect(driver.read()).rejects.toSatisfy(
        (e) => e instanceof DeviceTimeoutError || e instanceof ProtocolError,
      );
    });

    it('garbage and truncated replies are ProtocolErrors naming the device', async () => {
      const { sim, driver } = await start();
      for (const fault of ['malformedRate', 'truncateRate'] as const) {
        sim.faults = { ...NO_FAULTS, [fault]: 1 };
        const error = await driver.read().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ProtocolError);
        expect((error as ProtocolError).device).toContain(String(sim.port));
      }
    });

    it('an error status is a ProtocolError', async () => {
      const { sim, driver } = await start();
      sim.faults = { ...NO_FAULTS, errorRate: 1 };
      await expect(driver.read()).rejects.toBeInstanceOf(ProtocolError);
    });

    it('a dead machine (connection refused) fails fast with DeviceTimeoutError', async () => {
      const { sim, driver } = await start();
      sim.dead = true;
      await expect(driver.read()).rejects.toBeInstanceOf(DeviceTimeoutError);
    });

    it('recovers after faults clear', async () => {
      const { sim, driver } = await start();
      sim.faults = { ...NO_FAULTS, malformedRate: 1 };
      await expect(driver.read()).rejects.toBeInstanceOf(ProtocolError);
      sim.faults = NO_FAULTS;
      expect((await driver.read()).state).toBe('running');
    });
  });
}
