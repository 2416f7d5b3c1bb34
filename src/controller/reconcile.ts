/**
 * @module controller/reconcile
 * Start-up after a clean stop or a crash: read every machine's real state before commanding anything, then
 * settle the intents the store still holds open. The newest open intent per machine is confirmed if the
 * machine already shows it, sent again when it is recent, and closed as failed (with the reason) when it is
 * older than the longest lever deadline or the machine does not answer; older ones are superseded. No intent is
 * left open.
 */
import { commandApplied, type MinerCommand } from '../drivers/natures.ts';
import type { IntentRow, IntentUpdate } from '../store/types.ts';
import type { MachineRuntime } from './fleet.ts';

export interface Resume {
  readonly machine: MachineRuntime;
  readonly intent: IntentRow;
  readonly command: MinerCommand;
}

export function commandOf(intent: IntentRow): MinerCommand {
  return intent.kind === 'power-target'
    ? { kind: 'power-target', powerW: intent.targetPowerW ?? 0 }
    : { kind: intent.kind };
}

export function reconcileIntents(
  open: readonly IntentRow[],
  byId: ReadonlyMap<string, MachineRuntime>,
  atMs: number,
  /** Intents older than this are closed, not re-sent (the longest lever deadline is a good choice). */
  resumeWithinMs: number,
): { updates: IntentUpdate[]; resume: Resume[] } {
  const newest = new Map<string, IntentRow>();
  const updates: IntentUpdate[] = [];
  for (const intent of [...open].sort((a, b) => a.createdAtMs - b.createdAtMs)) {
    const older = newest.get(intent.machineId);
    if (older !== undefined) updates.push({ intentId: older.intentId, status: 'superseded', atMs });
    newest.set(intent.machineId, intent);
  }
  const resume: Resume[] = [];
  for (const intent of newest.values()) {
    const machine = byId.get(intent.machineId);
    if (machine === undefined) {
      // The machine left the config: nobody will confirm it, so say so rather than leave it open forever.
      updates.push({
        intentId: intent.intentId,
        status: 'failed',
        atMs,
        error: 'machine no longer configured',
      });
      continue;
    }
    const command = commandOf(intent);
    const close = (error: string) =>
      updates.push({ intentId: intent.intentId, status: 'failed', atMs, error });
    if (machine.latest !== undefined && commandApplied(command, machine.latest.reading)) {
      updates.push({ intentId: intent.intentId, status: 'confirmed', atMs });
    } else if (atMs - intent.createdAtMs > resumeWithinMs) {
      // Old intents are not replayed blindly: decide commands what the plan and the limits want now.
      close('expired before the controller restarted');
    } else if (machine.latest === undefined) close('machine unreachable at restart');
    else resume.push({ machine, intent, command });
  }
  return { updates, resume };
}
