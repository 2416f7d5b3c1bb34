/**
 * @module controller/policy/decide
 * One decision per cycle, pure: the narrowed mining target, then the commands that move the fleet toward it.
 * Safety (a failsafe, grid event or import limit the fleet is over) sheds at once with the fast lever (sleep),
 * ignoring dwell and batches. Plan following is gentle: a hysteresis band, a minimum dwell per machine,
 * staggered batches, reductions before any increase (and no increase while a reduction is still landing), and
 * no increase that would take the expected draw above the target.
 */
import { type MinerCommand, powerToleranceW } from '../../drivers/natures.ts';
import { restoreAi } from './ai.ts';
import { allocate, movable } from './allocate.ts';
import { expectedDrawW, expectedFacilityW, expectedRunning, totalExpectedDrawW } from './draw.ts';
import { shedByValue } from './levers.ts';
import { activeEvents, eventReason, narrowTarget } from './target.ts';
import type { DecideInput, Decision, MachineCommand, MachineView, PolicyName } from './types.ts';

const drawChangeW = (m: MachineView, command: MinerCommand): number =>
  expectedDrawW({ ...m, inFlight: command }) - expectedDrawW(m);

/**
 * The site-wide limits in force (the import limit and each event's), facility W after margin and meter
 * correction: if the expected import is over the tightest, the cheapest levers across mining and AI shed the
 * excess; every lever worth less than an event's price sheds too.
 */
function siteSafety(input: DecideInput): { commands: MachineCommand[]; notes: string[] } | null {
  const { snapshot, config } = input;
  const events = activeEvents(input);
  const allowedW = (limitW: number) =>
    limitW * (1 - config.importMarginFraction) - (input.meterCorrectionW ?? 0);
  let tightestW = allowedW(config.importLimitW);
  let policy: PolicyName = 'import-limit';
  let reason = `import limit ${config.importLimitW} W (margin ${config.importMarginFraction * 100} %)`;
  let priceUsdPerMWh: number | null = null;
  for (const event of events) {
    if (event.importLimitW !== null && allowedW(event.importLimitW) < tightestW) {
      tightestW = allowedW(event.importLimitW);
      policy = 'grid-event';
      reason = eventReason(event);
    }
    if (
      event.priceUsdPerMWh !== null &&
      event.priceUsdPerMWh > (priceUsdPerMWh ?? Number.NEGATIVE_INFINITY)
    ) {
      priceUsdPerMWh = event.priceUsdPerMWh;
      if (policy !== 'grid-event') reason = eventReason(event);
      policy = 'grid-event';
    }
  }
  const overW = expectedFacilityW(snapshot.machines, config) - tightestW;
  if (overW <= 0 && priceUsdPerMWh === null) return null;
  const { commands, remainingW } = shedByValue(
    snapshot.machines,
    config,
    overW,
    priceUsdPerMWh,
    policy,
    reason,
  );
  if (commands.length === 0 && remainingW <= 0) return null;
  const notes: string[] = [];
  if (remainingW > 0) notes.push(`still ${Math.round(remainingW)} W over after pulling every lever`);
  return { commands, notes };
}

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
    remainingW += drawChangeW(m, { kind: 'sleep' });
    commands.push({ machineId: m.machineId, command: { kind: 'sleep' }, policy, reason });
  }
  return { commands, remainingW };
}

/** Whether anything already sent is still bringing the draw down (then increases wait for it to land). */
function reductionInFlight(machines: readonly MachineView[]): boolean {
  return machines.some(
    (m) =>
      m.inFlight !== null &&
      (m.inFlight.kind === 'sleep' ||
        (m.inFlight.kind === 'power-target' && m.state === 'running' && m.inFlight.powerW < (m.powerW ?? 0))),
  );
}

function follow(
  input: DecideInput,
  targetW: number,
  expectedW: number,
  policy: PolicyName,
): MachineCommand[] {
  const { snapshot, config } = input;
  const atMs = snapshot.atMs;
  const { runs, targetByMachine } = allocate(snapshot.machines, atMs, config, targetW);
  const reason = `${policy}: mining ${Math.round(targetW)} W`;
  const reductions: { command: MinerCommand; machine: MachineView }[] = [];
  const increases: { command: MinerCommand; machine: MachineView }[] = [];
  const plan = (machine: MachineView, command: MinerCommand) =>
    (drawChangeW(machine, command) > 0 ? increases : reductions).push({ command, machine });
  for (const m of snapshot.machines) {
    const wantedW = targetByMachine.get(m.machineId);
    if (wantedW === undefined) {
      if (!runs.has(m.machineId) && expectedRunning(m) && m.canSleep && movable(m, atMs, config))
        plan(m, { kind: 'sleep' });
      continue;
    }
    const currentW = m.powerTargetW ?? m.ratedPowerW;
    const retarget =
      config.usePowerTargets &&
      m.canSetPowerTarget &&
      Math.abs(wantedW - currentW) > powerToleranceW(wantedW);
    // A sleeping machine takes its new level before it is woken, so it never wakes to an old, higher one.
    if (retarget) plan(m, { kind: 'power-target', powerW: wantedW });
    else if (!expectedRunning(m)) plan(m, { kind: 'wake' });
  }
  const byId = (a: { machine: MachineView }, b: { machine: MachineView }) =>
    a.machine.machineId.localeCompare(b.machine.machineId);
  const chosen: MachineCommand[] = [];
  let afterW = expectedW;
  for (const { command, machine } of reductions.sort(byId)) {
    if (chosen.length >= config.batchSize) break;
    afterW += drawChangeW(machine, command);
    chosen.push({ machineId: machine.machineId, command, policy, reason });
  }
  if (chosen.length > 0 || reductionInFlight(snapshot.machines)) return chosen;
  for (const { command, machine } of increases.sort(byId)) {
    if (chosen.length >= config.batchSize) break;
    const changeW = drawChangeW(machine, command);
    if (afterW + changeW > targetW) continue;
    afterW += changeW;
    chosen.push({ machineId: machine.machineId, command, policy, reason });
  }
  return chosen;
}

export function decide(input: DecideInput): Decision {
  const { config, ramp } = input;
  const { targetW, binding, reason, notes: targetNotes } = narrowTarget(input);
  const notes = [...targetNotes];
  const mining = input.snapshot.machines.filter((m) => m.workload === 'mining');
  const snapshot = { ...input.snapshot, machines: mining };
  const expectedW = totalExpectedDrawW(mining);
  const byId = new Map(input.snapshot.machines.map((m) => [m.machineId, m]));
  const result = (commands: readonly MachineCommand[], nextRamp = ramp, policy = binding): Decision => {
    let afterW = expectedW;
    for (const c of commands) {
      const m = byId.get(c.machineId)!;
      if (m.workload === 'mining') afterW += drawChangeW(m, c.command);
    }
    return {
      miningTargetW: targetW,
      expectedMiningW: afterW,
      bindingPolicy: policy,
      commands,
      ramp: nextRamp,
      notes,
    };
  };

  const safety = siteSafety(input);
  if (safety !== null) {
    for (const note of safety.notes) if (!notes.includes(note)) notes.push(note);
    return result(safety.commands, ramp, safety.commands[0]?.policy ?? binding);
  }
  if (binding === 'failsafe' && expectedW > targetW + 1e-6) {
    const { commands, remainingW } = shed(mining, expectedW - targetW, binding, reason);
    if (remainingW > 0)
      notes.push(`still ${Math.round(remainingW)} W over after shedding every machine that can sleep`);
    return result(commands);
  }
  if (binding === 'hold') return result([]);
  const inBand = Math.abs(targetW - expectedW) <= config.hysteresisW;
  if (ramp.lastBatchAtMs !== null && snapshot.atMs - ramp.lastBatchAtMs < config.batchSpacingMs) {
    if (!inBand) notes.push('waiting for the batch spacing');
    return result([]);
  }
  const following = inBand ? [] : follow({ ...input, snapshot }, targetW, expectedW, binding);
  const reducing = following.some((c) => drawChangeW(byId.get(c.machineId)!, c.command) < 0);
  // AI is worth more per MWh than mining, so it comes back first, once mining's reductions have landed; mining's
  // own increases wait for the cycle after.
  const restored = reducing || reductionInFlight(mining) ? [] : restoreAi(input);
  const all = restored.length > 0 ? restored : following;
  return result(all, all.length > 0 ? { lastBatchAtMs: snapshot.atMs } : ramp);
}
