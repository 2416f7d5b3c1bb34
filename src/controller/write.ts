/**
 * @module controller/write
 * The write phase: every command's intent is made durable first, then sent with bounded concurrency; an
 * acknowledged command is `sent` and waits for read-back, a failed one is `failed` and its machine backs off.
 * A command to a machine with one still in flight supersedes it (a safety shed overriding a wake).
 */
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import type { MinerCommand } from '../drivers/natures.ts';
import type { IntentUpdate, NewIntent } from '../store/types.ts';
import type { DurableLog } from './durable.ts';
import { type MachineRuntime, noteFailure, type ReadOptions, workloadOf } from './fleet.ts';
import { type ConfirmDeadlines, confirmDeadlineMs } from './policy/confirm.ts';
import { type MachineCommand, SAFETY_POLICIES, type Workload } from './policy/types.ts';

export interface WriteContext {
  readonly siteId: string;
  readonly cycleId: number;
  readonly durable: DurableLog;
  readonly deadlines: ConfirmDeadlines;
  readonly concurrency: number;
  readonly read: ReadOptions;
}

/** Consecutive failed sends to one machine before an operator is told (it keeps backing off either way). */
const WRITE_FAILURES_BEFORE_ALERT = 3;

export interface WriteOutcome {
  readonly sent: number;
  readonly failed: number;
  /** False when the intents could not be made durable, so nothing was sent. */
  readonly durable: boolean;
}

export function intentFor(
  siteId: string,
  cycleId: number,
  machineId: string,
  command: MinerCommand,
  reason: string,
  atMs: number,
  deadlines: ConfirmDeadlines,
  workload: Workload,
): NewIntent {
  return {
    intentId: randomUUID(),
    siteId,
    machineId,
    cycleId,
    kind: command.kind,
    targetPowerW: command.kind === 'power-target' ? command.powerW : null,
    reason,
    createdAtMs: atMs,
    deadlineMs: confirmDeadlineMs(command, atMs, deadlines, workload),
  };
}

/** Sends one recorded intent and returns its status update; the runtime learns what is in flight. */
export async function send(
  machine: MachineRuntime,
  intent: NewIntent,
  command: MinerCommand,
  ctx: WriteContext,
  recorded = true,
): Promise<IntentUpdate> {
  try {
    const applied = await machine.driver.apply(command);
    const sentAtMs = ctx.read.nowMs();
    machine.inFlight = {
      intentId: intent.intentId,
      command: applied,
      sentAtMs,
      deadlineMs: confirmDeadlineMs(applied, sentAtMs, ctx.deadlines, workloadOf(machine.config)),
      recorded,
    };
    if (applied.kind !== 'power-target') machine.lastChangeAtMs = sentAtMs;
    machine.lastCommandAtMs = sentAtMs;
    machine.writeFailures = 0;
    return { intentId: intent.intentId, status: 'sent', atMs: sentAtMs, attempted: true };
  } catch (error) {
    noteFailure(machine, error, ctx.read, 'write');
    return {
      intentId: intent.intentId,
      status: 'failed',
      atMs: ctx.read.nowMs(),
      attempted: true,
      error: machine.lastError,
    };
  }
}

export async function writeCommands(
  commands: readonly MachineCommand[],
  byId: ReadonlyMap<string, MachineRuntime>,
  ctx: WriteContext,
): Promise<WriteOutcome> {
  if (commands.length === 0) return { sent: 0, failed: 0, durable: true };
  const atMs = ctx.read.nowMs();
  const planned = commands.map((c) => ({
    c,
    intent: intentFor(
      ctx.siteId,
      ctx.cycleId,
      c.machineId,
      c.command,
      c.reason,
      atMs,
      ctx.deadlines,
      workloadOf(byId.get(c.machineId)!.config),
    ),
  }));
  const superseded: IntentUpdate[] = [];
  for (const c of commands) {
    const inFlight = byId.get(c.machineId)!.inFlight;
    if (inFlight?.recorded) superseded.push({ intentId: inFlight.intentId, status: 'superseded', atMs });
  }
  const durable = await ctx.durable.recordIntents(planned.map((p) => p.intent));
  // With neither store nor journal, only what keeps the site inside its limits is sent: unrecorded, but a
  // breached import limit is worse than a gap in the log, which the critical alert points at.
  const sendable = durable
    ? planned
    : planned.filter(({ c }) => SAFETY_POLICIES.has(c.policy) && c.command.kind !== 'wake');
  if (!durable)
    await ctx.durable.raiseAlert({
      siteId: ctx.siteId,
      machineId: null,
      atMs,
      severity: 'critical',
      code: 'intent-log-lost',
      message: `neither the store nor the intent journal takes writes: ${sendable.length} safety sheds sent unrecorded, ${commands.length - sendable.length} commands held back`,
    });
  if (superseded.length > 0) {
    await ctx.durable.updateIntents(superseded);
    // The superseded intent is settled: its outcome must not be judged by the next read.
    for (const { c } of sendable) byId.get(c.machineId)!.inFlight = null;
  }
  const limit = pLimit(ctx.concurrency);
  const updates = await Promise.all(
    sendable.map(({ c, intent }) =>
      limit(() => send(byId.get(c.machineId)!, intent, c.command, ctx, durable)),
    ),
  );
  if (durable) await ctx.durable.updateIntents(updates);
  for (const { c } of sendable) {
    const machine = byId.get(c.machineId)!;
    if (machine.writeFailures === WRITE_FAILURES_BEFORE_ALERT)
      await ctx.durable.raiseAlert({
        siteId: ctx.siteId,
        machineId: c.machineId,
        atMs: ctx.read.nowMs(),
        severity: 'warning',
        code: 'command-failed',
        message: `${c.machineId} refused or missed ${WRITE_FAILURES_BEFORE_ALERT} commands in a row: ${machine.lastError ?? ''}`,
      });
  }
  const failed = updates.filter((u) => u.status === 'failed').length;
  return { sent: updates.length - failed, failed, durable };
}
