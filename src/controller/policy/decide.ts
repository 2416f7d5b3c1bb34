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
import {
  activeEvents,
  aiOverrideW,
  eventReason,
  narrowTarget,
  safeStateFor,
  tightestLimitW,
} from './target.ts';
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

/**
 * The operator's cap on the AI fleet: while the GPU servers would draw more IT power than it allows, the
 * cheapest AI levers (caps before drains, by value) shed the excess.
 */
function operatorAiShed(input: DecideInput): MachineCommand[] {
  const capW = aiOverrideW(input);
  const ai = input.snapshot.machines.filter((m) => m.workload === 'ai');
  const overW = totalExpectedDrawW(ai) - capW;
  if (overW <= 0) return [];
  const reason = `operator override: AI ≤ ${Math.round(capW)} W`;
  return shedByValue(ai, input.config, overW * input.config.aiPue, null, 'operator', reason).commands;
}

/**
 * A site that buys at the interval's price sheds the AI levers worth less per MWh of import than that price
 * (mining follows the price through the plan). Only servers past their dwell move, so an hour whose price
 * sits at a server's value does not flap it.
 */
function priceAiShed(input: DecideInput): MachineCommand[] {
  const priceUsdPerMWh = input.powerPriceUsdPerMWh;
  if (priceUsdPerMWh === undefined) return [];
  const { snapshot, config } = input;
  const ai = snapshot.machines.filter((m) => m.workload === 'ai' && movable(m, snapshot.atMs, config));
  const reason = `power price ${Math.round(priceUsdPerMWh)} USD/MWh above the AI work's value`;
  return shedByValue(ai, config, 0, priceUsdPerMWh, 'price', reason).commands;
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
    // A sleeping machine whose level is above the wanted one takes the lower level before it is woken, so it never
    // wakes to an old, higher one. One at or below it wakes at once and is raised once it runs: pre-setting every
    // level first would cost a round of commands per plan change, and a plan that moves faster than that round
    // (a fast replay, a large fleet in small batches) would never wake anyone.
    const asleep = !expectedRunning(m);
    if (retarget && (!asleep || wantedW < currentW)) plan(m, { kind: 'power-target', powerW: wantedW });
    else if (asleep) plan(m, { kind: 'wake' });
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
  const correctionW = input.meterCorrectionW ?? 0;
  const result = (commands: readonly MachineCommand[], nextRamp = ramp, policy = binding): Decision => {
    const commanded = new Map(commands.map((c) => [c.machineId, c.command]));
    const after = input.snapshot.machines.map((m) => {
      const command = commanded.get(m.machineId);
      return command === undefined ? m : { ...m, inFlight: command };
    });
    return {
      miningTargetW: targetW,
      expectedMiningW: totalExpectedDrawW(after.filter((m) => m.workload === 'mining')),
      expectedImportW: expectedFacilityW(after, config) + correctionW,
      importLimitW: tightestLimitW(input),
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
  // The operator's AI cap, then the price (in auto mode only: manual holds), act like the plan: after safety.
  const operatorShed = operatorAiShed(input);
  if (operatorShed.length > 0) return result(operatorShed, ramp, 'operator');
  const priceShed = input.operator?.mode === 'manual' ? [] : priceAiShed(input);
  if (priceShed.length > 0) return result(priceShed, ramp, 'price');
  if (binding === 'hold') {
    // Manual mode holds, but an AI override the operator set is still a level to bring AI back up to.
    const restoreToOverride =
      input.operator?.mode === 'manual' && input.operator.aiW !== null && safeStateFor(input) === null;
    const restored = restoreToOverride ? restoreAi(input) : [];
    return result(restored, restored.length > 0 ? { lastBatchAtMs: input.snapshot.atMs } : ramp);
  }
  const inBand = Math.abs(targetW - expectedW) <= config.hysteresisW;
  if (ramp.lastBatchAtMs !== null && snapshot.atMs - ramp.lastBatchAtMs < config.batchSpacingMs) {
    if (!inBand) notes.push('waiting for the batch spacing');
    return result([]);
  }
  const following = inBand ? [] : follow({ ...input, snapshot }, targetW, expectedW, binding);
  const reducing = following.some((c) => drawChangeW(byId.get(c.machineId)!, c.command) < 0);
  // AI is worth more per MWh than mining, so it comes back first, once mining's reductions have landed; mining's
  // own increases wait for the cycle after.
  // Manual mode (here with a mining override) brings AI back only up to an AI override the operator set.
  const aiHeld = input.operator?.mode === 'manual' && input.operator.aiW === null;
  const restored = reducing || reductionInFlight(mining) || aiHeld ? [] : restoreAi(input);
  const all = restored.length > 0 ? restored : following;
  return result(all, all.length > 0 ? { lastBatchAtMs: snapshot.atMs } : ramp);
}
