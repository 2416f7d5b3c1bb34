/**
 * @module controller/loop
 * Runs cycles at a fixed period until told to stop. A slow cycle is followed at once by the next (never two
 * at a time); a stop request lets the running cycle finish, so no command is left half-recorded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Controller, CycleReport } from './controller.ts';

export async function runCycles(
  controller: Controller,
  options: {
    periodMs: number;
    signal: AbortSignal;
    maxCycles?: number;
    onCycle: (report: CycleReport) => void;
    /** A cycle that threw (a bug: phases turn device and store failures into values); the loop goes on. */
    onError: (error: unknown) => void;
  },
): Promise<number> {
  let cycles = 0;
  while (!options.signal.aborted && (options.maxCycles === undefined || cycles < options.maxCycles)) {
    const started = performance.now();
    try {
      options.onCycle(await controller.cycle());
    } catch (error) {
      options.onError(error);
    }
    cycles++;
    const waitMs = options.periodMs - (performance.now() - started);
    if (waitMs > 0 && (options.maxCycles === undefined || cycles < options.maxCycles)) {
      await sleep(waitMs, undefined, { signal: options.signal }).catch(() => {});
    }
  }
  return cycles;
}
