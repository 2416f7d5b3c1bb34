/**
 * Redfish test rig
 * A simulator on an injected clock and a driver pointed at it, for the Redfish driver tests; everything
 * started is closed by `closeAll()` (call it in `afterEach`).
 */
import { type RedfishDriverOptions, RedfishGpuDriver } from '../../src/drivers/gpu-redfish/driver.ts';
import {
  type RedfishSimulator,
  type RedfishSimulatorOptions,
  startRedfishSimulator,
} from '../../src/drivers/gpu-redfish/simulator.ts';

export const TIMEOUT_MS = 300;
/** Slack for the event loop and socket teardown on a loaded CI machine. */
export const SLACK_MS = 400;
export const CREDENTIALS = { username: 'admin', password: 'password' } as const;

export interface Rig {
  readonly sim: RedfishSimulator;
  readonly driver: RedfishGpuDriver;
  readonly clock: { ms: number };
  /** Requests the simulator saw while `action` ran, as `METHOD path status`. */
  requestsDuring(action: () => Promise<unknown>): Promise<string[]>;
}

const cleanups: Array<() => Promise<void>> = [];

export async function closeAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export async function rig(
  simOptions: Omit<RedfishSimulatorOptions, 'nowMs'> = {},
  driverOptions: Partial<RedfishDriverOptions> = {},
): Promise<Rig> {
  const clock = { ms: 1_700_000_000_000 };
  const sim = await startRedfishSimulator({ ...simOptions, nowMs: () => clock.ms });
  cleanups.push(() => sim.close());
  const auth = simOptions.auth ?? 'session';
  const driver = new RedfishGpuDriver({
    url: sim.url,
    timeoutMs: TIMEOUT_MS,
    ...(auth === 'none' && !simOptions.mockup ? {} : CREDENTIALS),
    ...(auth === 'basic' ? { auth: 'basic' } : {}),
    ...driverOptions,
  });
  cleanups.push(() => driver.close());
  return {
    sim,
    driver,
    clock,
    async requestsDuring(action) {
      const before = sim.log.length;
      await action();
      return sim.log.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    },
  };
}

export async function failure(promise: Promise<unknown>): Promise<{ error: unknown; elapsedMs: number }> {
  const startMs = performance.now();
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, elapsedMs: performance.now() - startMs };
}
