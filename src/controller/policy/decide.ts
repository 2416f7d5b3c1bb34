/**
 * @module controller/policy/decide
 * One decision per cycle, pure: the narrowed mining target, then the commands that move the fleet toward it.
 * Safety (a failsafe, grid event or import limit the fleet is over) sheds at once with the fast lever (sleep),
 * ignoring dwell and batches. Plan following is gentle: a hysteresis band, a minimum dwell per machine and
 * staggered batches, and power spread over as many machines as the firmware floor allows (more TH per W).
 */
import type { MinerCommand } from '../../drivers/natures.ts';
import { expectedDrawW, expectedRunning, totalExpectedDrawW, trimDeadbandW } from './draw.ts';
import { narrowTarget } from './target.ts';
import type {
  DecideConfig,
  DecideInput,
  Decision,
  MachineCommand,
  MachineView,
  PolicyName,
} from './types.ts';

const SAFETY: ReadonlySet<PolicyName> = new Set(['failsafe', 'grid-event', 'import-limit']);

/** Sleeps the largest draws first, so the fewest commands bring the fleet under the cap. */
function shed(
  machines: readonly MachineView[],
  overW: number,
  policy: PolicyName,
  reason: string,
): { commands: MachineCommand[]; remainingW: number } {
  const sheddable = machines
    // A wake or raise still in flight is superseded: a safety limit cannot wait for it to land first.
    .filter((m) => m.state !== 'unknown' && !m.backedOff && m.canSleep && expectedRunning(m))
    .sort((a, b) => expectedDrawW(b) - expectedDrawW(a) || a.machineId.localeCompare(b.machineId));
  const commands: MachineCommand[] = [];
  let remainingW = overW;
  for (const m of sheddable) {
    if (remainingW <= 0) break;
    remainingW -= expectedDrawW(m);
    commands.push({ machineId: m.machineId, command: { kind: 'sleep' }, policy, reason });
  }
  return { commands, remainingW };
}

/** Whether the plan may touch a machine now: known, answering, nothing in flight, past its dwell, with a lever. */
function movable(m: MachineView, atMs: number, config: DecideConfig): boolean {
  return (
    m.state !== 'unknown' &&
    !m.backedOff &&
    m.inFlight === null &&
    (m.canSleep || m.canSetPowerTarget) &&
    (m.lastChangeAtMs === null || atMs - m.lastChangeAtMs >= config.minDwellMs)
  );
}

interface Allocation {
  readonly runs: ReadonlySet<string>;
  readonly targetByMachine: ReadonlyMap<string, number>;
}

/**
 * Which machines run and at what power. Machines the plan may not touch now (unknown, in flight, within their
 * dwell, or without levers) keep their draw; the rest share what is left, running machines first so the set
 * changes as little as possible.
 */
function allocate(input: DecideInput, targetW: number): Allocation {
  const { snapshot, config } = input;
  const atMs = snapshot.atMs;
  let budgetW = targetW;
  const candidates: MachineView[] = [];
  for (const m of snapshot.machines) {
    if (movable(m, atMs, config)) candidates.push(m);
    else budgetW -= expectedDrawW(m);
  }
  candidates.sort(
    (a, b) =>
      Number(expectedRunning(b)) - Number(expectedRunning(a)) || a.machineId.localeCompare(b.machineId),
  );
  const floorW = (m: MachineView) =>
    config.usePowerTargets && m.canSetPowerTarget ? m.minPowerW : m.ratedPowerW;
  const runs = new Set<string>();
  let floorSumW = 0;
  let ratedSumW = 0;
  for (const m of candidates) {
    // Without sleep and wake a machine stays as it is: running ones take their share of the budget (their power
    // target may still be trimmed), stopped ones cannot be started.
    if (m.canSleep ? floorSumW + floorW(m) > budgetW : !expectedRunning(m)) continue;
    runs.add(m.machineId);
    floorSumW += floorW(m);
    ratedSumW += m.ratedPowerW;
  }
  const fraction = ratedSumW > 0 ? Math.min(1, Math.max(0, budgetW) / ratedSumW) : 1;
  const targetByMachine = new Map<string, number>();
  for (const m of candidates) {
    if (!runs.has(m.machineId)) continue;
    const wanted = config.usePowerTargets && m.canSetPowerTarget ? fraction * m.ratedPowerW : m.ratedPowerW;
    targetByMachine.set(m.machineId, Math.min(m.ratedPowerW, Math.max(m.minPowerW, wanted)));
  }
  return { runs, targetByMachine };
}

/** Reductions before increases, so a batch never raises the draw before it has made room. */
function commandOrder(command: MinerCommand, machine: MachineView): number {
  if (command.kind === 'sleep') return 0;
  if (command.kind === 'power-target') return command.powerW < expectedDrawW(machine) ? 1 : 2;
  return 3;
}

function follow(input: DecideInput, targetW: number, policy: PolicyName): MachineCommand[] {
  const { snapshot, config } = input;
  const { runs, targetByMachine } = allocate(input, targetW);
  const reason = `${policy}: mining ${Math.round(targetW)} W`;
  const planned: { command: MinerCommand; machine: MachineView }[] = [];
  for (const m of snapshot.machines) {
    const wantedW = targetByMachine.get(m.machineId);
    if (wantedW === undefined) {
      if (!runs.has(m.machineId) && expectedRunning(m) && m.canSleep && movable(m, snapshot.atMs, config))
        planned.push({ command: { kind: 'sleep' }, machine: m });
      continue;
    }
    if (!expectedRunning(m)) {
      planned.push({ command: { kind: 'wake' }, machine: m });
      continue;
    }
    const currentW = m.powerTargetW ?? m.ratedPowerW;
    if (config.usePowerTargets && m.canSetPowerTarget && Math.abs(wantedW - currentW) > trimDeadbandW(m))
      planned.push({ command: { kind: 'power-target', powerW: Math.round(wantedW) }, machine: m });
  }
  planned.sort(
    (a, b) =>
      commandOrder(a.command, a.machine) - commandOrder(b.command, b.machine) ||
      a.machine.machineId.localeCompare(b.machine.machineId),
  );
  return planned
    .slice(0, config.batchSize)
    .map(({ command, machine }) => ({ machineId: machine.machineId, command, policy, reason }));
}

export function decide(input: DecideInput): Decision {
  const { snapshot, config, ramp } = input;
  const { targetW, binding, notes: targetNotes } = narrowTarget(input);
  const notes = [...targetNotes];
  const expectedW = totalExpectedDrawW(snapshot.machines);
  const byId = new Map(snapshot.machines.map((m) => [m.machineId, m]));
  const result = (commands: readonly MachineCommand[], nextRamp = ramp): Decision => {
    let afterW = expectedW;
    for (const c of commands) {
      const m = byId.get(c.machineId)!;
      afterW += expectedDrawW({ ...m, inFlight: c.command }) - expectedDrawW(m);
    }
    return {
      miningTargetW: targetW,
      expectedMiningW: afterW,
      bindingPolicy: binding,
      commands,
      ramp: nextRamp,
      notes,
    };
  };

  if (SAFETY.has(binding) && expectedW > targetW) {
    const { commands, remainingW } = shed(
      snapshot.machines,
      expectedW - targetW,
      binding,
      notes[0] ?? binding,
    );
    if (remainingW > 0)
      notes.push(`still ${Math.round(remainingW)} W over after shedding every machine that can sleep`);
    return result(commands);
  }
  if (binding === 'hold') return result([]);
  if (Math.abs(targetW - expectedW) <= config.hysteresisW) return result([]);
  if (ramp.lastBatchAtMs !== null && snapshot.atMs - ramp.lastBatchAtMs < config.batchSpacingMs) {
    notes.push('waiting for the batch spacing');
    return result([]);
  }
  const commands = follow(input, targetW, binding);
  return result(commands, commands.length > 0 ? { lastBatchAtMs: snapshot.atMs } : ramp);
}
