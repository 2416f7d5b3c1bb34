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
  readonly notes: readonly string[];
}

/** Mining IT power that fits under a facility import limit once the rest of the site is served, W. */
export function miningHeadroomW(limitW: number, input: DecideInput): number {
  const { overheadW, otherLoadW, miningPue } = input.config;
  return Math.max(0, (limitW - overheadW - otherLoadW) / miningPue);
}

/** The most conservative safe state among the feeds that are lost, or null when all are healthy. */
export function safeStateFor(input: DecideInput): { state: SafeState; lost: string[] } | null {
  const { feeds, config } = input;
  const lost: [string, SafeState][] = [];
  if (!feeds.store) lost.push(['store', config.safeState.storeLost]);
  if (!feeds.plan || input.planMiningW === null) lost.push(['plan', config.safeState.planLost]);
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
  const safe = safeStateFor(input);
  if (safe !== null) {
    notes.push(`${safe.lost.join(', ')} lost: safe state ${safe.state}`);
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
      notes.push(`grid event ${event.eventId}: import ≤ ${event.importLimitW} W`);
    }
  }
  const importCapW = miningHeadroomW(input.config.importLimitW, input);
  if (importCapW < targetW) {
    targetW = importCapW;
    binding = 'import-limit';
  }
  return { targetW: Math.max(0, targetW), binding, notes };
}
