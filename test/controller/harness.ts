/**
 * A simulated site and a controller in one test process, sharing a manual clock: ramps and deadlines pass when
 * the test says so, while every request still crosses a real socket on 127.0.0.1.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type ControllerConfig, controllerConfigSchema } from '../../src/config/controller.ts';
import { Controller } from '../../src/controller/controller.ts';
import { minerSpec, newRuntime } from '../../src/controller/fleet.ts';
import { fixedPlan, type PlanSource } from '../../src/controller/plan/source.ts';
import type { GridEvent } from '../../src/controller/policy/types.ts';
import type { CarbonIntensity } from '../../src/controller/record.ts';
import type { MeterDriver } from '../../src/drivers/meter-modbus/nature.ts';
import { makeMinerDriver } from '../../src/drivers/miners.ts';
import { startLuxosSimulator } from '../../src/drivers/simulator/cgminer-server.ts';
import { DEFAULT_MINER_SPEC, type MinerModelSpec } from '../../src/drivers/simulator/miner-model.ts';
import type { SimulatedMiner } from '../../src/drivers/simulator/types.ts';
import type { Store } from '../../src/store/types.ts';

export const FAST_SPEC: MinerModelSpec = { ...DEFAULT_MINER_SPEC, sleepS: 2, wakeS: 6, powerTargetS: 6 };

export interface ManualClock {
  nowMs(): number;
  advanceS(s: number): void;
}

export function manualClock(startMs = 1_732_530_000_000): ManualClock {
  let nowMs = startMs;
  return {
    nowMs: () => nowMs,
    advanceS: (s) => {
      nowMs += s * 1000;
    },
  };
}

export async function startSims(
  count: number,
  clock: ManualClock,
  spec = FAST_SPEC,
): Promise<SimulatedMiner[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => startLuxosSimulator({ spec, clock: clock.nowMs, seed: i + 1 })),
  );
}

export function configFor(
  sims: readonly SimulatedMiner[],
  overrides: Record<string, unknown> = {},
): ControllerConfig {
  return controllerConfigSchema.parse({
    siteId: `t${Math.random().toString(36).slice(2, 10)}`,
    store: { dataDir: mkdtempSync(join(tmpdir(), 'switchyard-ctl-')) },
    cycle: { periodS: 5, requestTimeoutMs: 1000, maxAgeS: 20 },
    control: {
      minDwellS: 0,
      batchSpacingS: 0,
      usePowerTargets: false,
      confirm: { sleepS: 10, wakeS: 20, powerTargetS: 20 },
    },
    grid: { importLimitW: 1e9, importMarginFraction: 0, miningPue: 1 },
    plan: { kind: 'fixed', miningFraction: 1 },
    miners: sims.map((s, i) => ({
      id: `m${String(i).padStart(2, '0')}`,
      firmware: s.firmware,
      host: s.host,
      port: s.port,
      ratedPowerW: s.model.spec.ratedPowerW,
    })),
    ...overrides,
  });
}

export function controllerFor(
  config: ControllerConfig,
  store: Store,
  clock: ManualClock,
  options: {
    plan?: PlanSource;
    gridEvents?: () => readonly GridEvent[];
    meter?: MeterDriver;
    carbon?: CarbonIntensity;
  } = {},
): Controller {
  const machines = config.miners.map((m) =>
    newRuntime(
      minerSpec(m),
      makeMinerDriver(m.firmware, { host: m.host, port: m.port, timeoutMs: config.cycle.requestTimeoutMs }),
    ),
  );
  const fleetW = config.miners.reduce((sum, m) => sum + m.ratedPowerW, 0);
  const plan =
    options.plan ??
    (config.plan.kind === 'fixed' ? fixedPlan(config.plan.miningFraction, fleetW) : undefined)!;
  return new Controller({
    config,
    store,
    machines,
    plan,
    clock,
    log: pino({ level: process.env.TEST_LOG ?? 'silent' }),
    journalPath: join(config.store.dataDir, 'intent-journal.jsonl'),
    ...(options.gridEvents === undefined ? {} : { gridEvents: options.gridEvents }),
    ...(options.meter === undefined ? {} : { meter: options.meter }),
    ...(options.carbon === undefined ? {} : { carbon: options.carbon }),
  });
}
