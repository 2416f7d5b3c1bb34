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
import { type MachineRuntime, noteFailure, type ReadOptions } from './fleet.ts';
import { type ConfirmDeadlines, confirmDeadlineMs } from './policy/confirm.ts';
import type { MachineCommand } from './policy/types.ts';

export interface WriteContext {
  readonly siteId: string;
  readonly cycleId: number;
  readonly durable: DurableLog;
  readonly deadlines: ConfirmDeadlines;
  readonly concurrency: number;
  readonly read: ReadOptions;
}

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
    deadlineMs: confirmDeadlineMs(command, atMs, deadlines),
  };
}

/** Sends one recorded intent and returns its status update; the runtime learns what is in flight. */
export async function send(
  machine: MachineRuntime,
  intent: NewIntent,
  command: MinerCommand,
  ctx: WriteContext,
): Promise<IntentUpdate> {
  try {
    const applied = await machine.driver.apply(command);
    const sentAtMs = ctx.read.nowMs();
    machine.inFlight = {
      intentId: intent.intentId,
      command: applied,
      sentAtMs,
      deadlineMs: confirmDeadlineMs(applied, sentAtMs, ctx.deadlines),
    };
    if (applied.kind !== 'power-target') machine.lastChangeAtMs = sentAtMs;
    return { intentId: intent.intentId, status: 'sent', atMs: sentAtMs, attempted: true };
  } catch (error) {
    noteFailure(machine, error, ctx.read);
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
  const intents = commands.map((c) =>
    intentFor(ctx.siteId, ctx.cycleId, c.machineId, c.command, c.reason, atMs, ctx.deadlines),
  );
  const superseded: IntentUpdate[] = [];
  for (const c of commands) {
    const inFlight = byId.get(c.machineId)!.inFlight;
    if (inFlight !== null) superseded.push({ intentId: inFlight.intentId, status: 'superseded', atMs });
  }
  if (!(await ctx.durable.recordIntents(intents))) return { sent: 0, failed: 0, durable: false };
  await ctx.durable.updateIntents(superseded);
  const limit = pLimit(ctx.concurrency);
  const updates = await Promise.all(
    commands.map((c, i) => limit(() => send(byId.get(c.machineId)!, intents[i]!, c.command, ctx))),
  );
  await ctx.durable.updateIntents(updates);
  const failed = updates.filter((u) => u.status === 'failed').length;
  return { sent: updates.length - failed, failed, durable: true };
}
