/**
 * @module controller/policy/target
 * The mining target after each policy in priority order has narrowed it (STYLE.md: failsafe > grid event >
 * import limit > plan). A later policy can only lower what an earlier one allowed, never raise it.
 */
import { totalExpectedDrawW } from './draw.ts';
import type { DecideInput, PolicyName, SafeState } from './types.ts';

const CONSERVATISM: Readonly<Record<SafeState, number>> = { 'curtail-mining': 0, hold: 1, 'run-all': 2 };

export interface NarrowedTarget {
  readonly targetW: number;
  readonly binding: PolicyName;
  /** Why the binding policy binds, in words: it becomes each command's recorded reason. */
  readonly reason: string;
  readonly notes: readonly string[];
}

/**
 * Mining IT power that fits under a facility import limit once the rest of the site is served, W. The margin
 * covers the firmware's own power estimates, 5–20 % off a meter, until the controller reads the meter itself.
 */
export function miningHeadroomW(limitW: number, input: DecideInput): number {
  const { overheadW, otherLoadW, miningPue, importMarginFraction } = input.config;
  const correctionW = input.meterCorrectionW ?? 0;
  return Math.max(
    0,
    (limitW * (1 - importMarginFraction) - overheadW - otherLoadW - correctionW) / miningPue,
  );
}

/** The most conservative safe state among the feeds that are lost, or null when all are healthy. */
export function safeStateFor(input: DecideInput): { state: SafeState; lost: string[] } | null {
  const { feeds, config } = input;
  const lost: [string, SafeState][] = [];
  if (!feeds.store) lost.push(['store', config.safeState.storeLost]);
  if (input.planMiningW === null) lost.push(['plan', config.safeState.planLost]);
  if (!feeds.market) lost.push(['market', config.safeState.marketLost]);
  if (lost.length === 0) return null;
  const state = lost.map(([, s]) => s).sort((a, b) => CONSERVATISM[a] - CONSERVATISM[b])[0]!;
  return { state, lost: lost.map(([feed]) => feed) };
}

export function narrowTarget(input: DecideInput): NarrowedTarget {
  const machines = input.snapshot.machines;
  const notes: string[] = [];
  let targetW = input.planMiningW ?? 0;
  let binding: PolicyName = 'plan';
  let reason = `plan: mining ${Math.round(targetW)} W`;
  const safe = safeStateFor(input);
  if (safe !== null) {
    reason = `${safe.lost.join(', ')} lost: safe state ${safe.state}`;
    notes.push(reason);
    if (safe.state === 'hold') {
      targetW = totalExpectedDrawW(machines);
      binding = 'hold';
    } else {
      targetW = safe.state === 'curtail-mining' ? 0 : machines.reduce((sum, m) => sum + m.ratedPowerW, 0);
      binding = 'failsafe';
    }
  }
  const atMs = input.snapshot.atMs;
  for (const event of input.gridEvents) {
    if (event.endMs <= atMs) continue;
    const capW = miningHeadroomW(event.importLimitW, input);
    if (capW < targetW) {
      targetW = capW;
      binding = 'grid-event';
      reason = `grid event ${event.eventId}: import ≤ ${event.importLimitW} W`;
      notes.push(reason);
    }
  }
  const importCapW = miningHeadroomW(input.config.importLimitW, input);
  if (importCapW < targetW) {
    targetW = importCapW;
    binding = 'import-limit';
    reason = `import limit ${input.config.importLimitW} W (margin ${input.config.importMarginFraction * 100} %)`;
  }
  return { targetW: Math.max(0, targetW), binding, reason, notes };
}
