/**
 * @module controller/policy/allocate
 * Which machines the plan runs and at what power. Machines it may not touch now (unknown, in back-off, in flight,
 * within their dwell, or without levers) keep their draw; the rest share what is left, running machines first so
 * the set changes as little as possible. With power targets the budget is spread over as many machines as the
 * firmware floors allow (more TH per W), by water-filling so the sum of the clamped targets never exceeds it,
 * and each target is rounded down to a step the firmware has (LuxOS profiles) so the read-back can match it.
 */
import { expectedDrawW, expectedRunning } from './draw.ts';
import type { DecideConfig, MachineView } from './types.ts';

/** Whether the plan may touch a machine now: known, answering, nothing in flight, past its dwell, with a lever. */
export function movable(m: MachineView, atMs: number, config: DecideConfig): boolean {
  return (
    m.state !== 'unknown' &&
    !m.backedOff &&
    m.inFlight === null &&
    (m.canSleep || m.canSetPowerTarget) &&
    (m.lastChangeAtMs === null || atMs - m.lastChangeAtMs >= config.minDwellMs)
  );
}

export interface Allocation {
  readonly runs: ReadonlySet<string>;
  /** Power target per running machine, W (its rated power when it takes no targets). */
  readonly targetByMachine: ReadonlyMap<string, number>;
}

const trims = (m: MachineView, config: DecideConfig): boolean =>
  config.usePowerTargets && m.canSetPowerTarget;

/** The highest firmware step at or under `powerW` (the lowest step when none is), or `powerW` when continuous. */
export function snapDownW(m: MachineView, powerW: number): number {
  const steps = m.powerStepsW;
  if (steps === null || steps.length === 0) return Math.round(powerW);
  let chosen = steps[0]!;
  for (const step of steps) if (step <= powerW + 1e-9) chosen = step;
  return chosen;
}

/** The largest share f of rated power with Σ clamp(f·rated, floor, rated) ≤ budget (bisection; the sum rises with f). */
function waterFill(machines: readonly MachineView[], budgetW: number): Map<string, number> {
  const level = (f: number, m: MachineView) =>
    Math.min(m.ratedPowerW, Math.max(m.minPowerW, f * m.ratedPowerW));
  const sum = (f: number) => machines.reduce((s, m) => s + level(f, m), 0);
  let low = 0;
  let high = 1;
  if (sum(high) <= budgetW) low = high;
  else
    for (let i = 0; i < 50; i++) {
      const mid = (low + high) / 2;
      if (sum(mid) <= budgetW) low = mid;
      else high = mid;
    }
  return new Map(machines.map((m) => [m.machineId, level(low, m)]));
}

export function allocate(
  machines: readonly MachineView[],
  atMs: number,
  config: DecideConfig,
  targetW: number,
): Allocation {
  let budgetW = targetW;
  const candidates: MachineView[] = [];
  for (const m of machines) {
    if (movable(m, atMs, config)) candidates.push(m);
    else budgetW -= expectedDrawW(m);
  }
  candidates.sort(
    (a, b) =>
      Number(expectedRunning(b)) - Number(expectedRunning(a)) || a.machineId.localeCompare(b.machineId),
  );
  const floorW = (m: MachineView) => (trims(m, config) ? m.minPowerW : m.ratedPowerW);
  const running: MachineView[] = [];
  let floorSumW = 0;
  for (const m of candidates) {
    // Without sleep and wake a machine stays as it is: running ones take their share of the budget (their power
    // target may still be trimmed), stopped ones cannot be started.
    if (m.canSleep ? floorSumW + floorW(m) > budgetW : !expectedRunning(m)) continue;
    running.push(m);
    floorSumW += floorW(m);
  }
  const trimmed = running.filter((m) => trims(m, config));
  const fixedW = running.filter((m) => !trims(m, config)).reduce((s, m) => s + m.ratedPowerW, 0);
  const levels = waterFill(trimmed, Math.max(0, budgetW - fixedW));
  const targetByMachine = new Map<string, number>();
  for (const m of running)
    targetByMachine.set(
      m.machineId,
      trims(m, config) ? snapDownW(m, levels.get(m.machineId)!) : m.ratedPowerW,
    );
  return { runs: new Set(running.map((m) => m.machineId)), targetByMachine };
}
