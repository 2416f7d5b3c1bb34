/**
 * @module controller/policy/confirm
 * Read-back confirmation: an acknowledged command counts only once a read taken after it was sent shows it
 * applied. Past its deadline it is `unconfirmed`, the machine becomes `unknown` and an alert goes out — the
 * "acknowledged but not applied" failure operators report on stock firmware (ANCHORS.md §6).
 */
import { commandApplied, type MinerCommand, type MinerReading } from '../../drivers/natures.ts';
import type { Workload } from './types.ts';

export interface SentIntent {
  readonly intentId: string;
  readonly machineId: string;
  readonly command: MinerCommand;
  readonly sentAtMs: number;
  readonly deadlineMs: number;
}

export interface TimedReading {
  /** When the reply arrived, ms. */
  readonly atMs: number;
  readonly reading: MinerReading;
}

export type IntentOutcome = 'confirmed' | 'unconfirmed' | 'open';

export function intentOutcome(
  intent: SentIntent,
  latest: TimedReading | undefined,
  atMs: number,
): IntentOutcome {
  if (
    latest !== undefined &&
    latest.atMs >= intent.sentAtMs &&
    commandApplied(intent.command, latest.reading)
  )
    return 'confirmed';
  return atMs >= intent.deadlineMs ? 'unconfirmed' : 'open';
}

/** Seconds each lever may take before its read-back must show it (ARCHITECTURE.md: per-lever latency). */
export interface ConfirmDeadlines {
  readonly sleepS: number;
  /** A GPU server's sleep is a drain: its pods' grace period (30 s by default) and the GPUs winding down. */
  readonly drainS: number;
  readonly wakeS: number;
  readonly powerTargetS: number;
}

export function confirmDeadlineMs(
  command: MinerCommand,
  sentAtMs: number,
  deadlines: ConfirmDeadlines,
  workload: Workload,
): number {
  const s =
    command.kind === 'sleep'
      ? workload === 'ai'
        ? deadlines.drainS
        : deadlines.sleepS
      : command.kind === 'wake'
        ? deadlines.wakeS
        : deadlines.powerTargetS;
  return sentAtMs + s * 1000;
}
