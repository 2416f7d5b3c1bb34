/**
 * @module controller/policy/target
 * The mining target after each policy in priority order has narrowed it (STYLE.md: failsafe > grid event >
 * import limit > plan). A later policy can only lower what an earlier one allowed, never raise it.
 */
import { expectedDrawW, totalExpectedDrawW } from './draw.ts';
import type { DecideConfig, DecideInput, GridEvent, MachineView, PolicyName, SafeState } from './types.ts';

const CONSERVATISM: Readonly<Record<SafeState, number>> = { 'curtail-mining': 0, hold: 1, 'run-all': 2 };

export interface NarrowedTarget {
  readonly targetW: number;
  readonly binding: PolicyName;
  /** Why the binding policy binds, in words: it becomes each command's recorded reason. */
  readonly reason: string;
  readonly notes: readonly string[];
}

/** The events in force now, counting each from its lead time so slow levers land before it starts. */
export const eventsInForce = (events: readonly GridEvent[], atMs: number, eventLeadMs: number): GridEvent[] =>
  events.filter((e) => e.startMs - eventLeadMs <= atMs && atMs < e.endMs);

export const activeEvents = (input: DecideInput): GridEvent[] =>
  eventsInForce(input.gridEvents, input.snapshot.atMs, input.config.eventLeadMs);

/** The tightest of the connection's import limit and the events' (facility W, before the margin). */
export const tightestLimitOf = (importLimitW: number, events: readonly GridEvent[]): number =>
  Math.min(importLimitW, ...events.map((e) => e.importLimitW ?? Number.POSITIVE_INFINITY));

/** The median miner's sleep-lever value (revenue per IT MWh), USD/MWh (the upper one of an even count); null without miners. */
export function medianMinerValueUsdPerMWh(machines: readonly MachineView[]): number | null {
  const values = machines
    .filter((m) => m.workload === 'mining')
    .map((m) => m.leverCostUsdPerMWh.sleep)
    .sort((a, b) => a - b);
  return values.length === 0 ? null : values[Math.floor(values.length / 2)]!;
}

/**
 * What a MWh of grid import earns mining at the margin: the median miner's value per facility MWh, USD/MWh; −∞
 * without miners (nothing then competes with AI for the room).
 */
export function miningValueUsdPerMWh(
  machines: readonly MachineView[],
  config: Pick<DecideConfig, 'miningPue'>,
): number {
  const valueUsdPerMWh = medianMinerValueUsdPerMWh(machines);
  return valueUsdPerMWh === null ? Number.NEGATIVE_INFINITY : valueUsdPerMWh / config.miningPue;
}

/**
 * Where a GPU server should run when a MWh of import is worth `floorUsdPerMWh` elsewhere (mining's value, or a
 * price): rated while even its cap is worth more, at its floor while only its drain is, else drained.
 */
export function aiLevel(m: MachineView, floorUsdPerMWh: number, aiPue: number): 'rated' | 'floor' | 'asleep' {
  if (m.leverCostUsdPerMWh.trim / aiPue >= floorUsdPerMWh) return 'rated';
  return m.leverCostUsdPerMWh.sleep / aiPue >= floorUsdPerMWh ? 'floor' : 'asleep';
}

/** What a MWh of import must beat for AI to keep it: mining's value, and the power price when the site pays it. */
export const aiFloorUsdPerMWh = (input: DecideInput): number =>
  Math.max(
    miningValueUsdPerMWh(input.snapshot.machines, input.config),
    input.powerPriceUsdPerMWh ?? Number.NEGATIVE_INFINITY,
  );

/** The operator's cap on the AI fleet's IT power, W, or +∞ without one. */
export const aiOverrideW = (input: DecideInput): number => input.operator?.aiW ?? Number.POSITIVE_INFINITY;

/**
 * Facility W held for the AI servers before mining is sized: each at the level its value earns (see `aiLevel`),
 * never below what it draws now, and never above the operator's AI cap. So mining gives way to AI after an
 * event, and AI gives way to mining only where the plan's values (or the operator) say so.
 */
export function aiReservedW(input: DecideInput): number {
  const { aiPue } = input.config;
  const floorUsdPerMWh = aiFloorUsdPerMWh(input);
  let plannedW = 0;
  let drawW = 0;
  for (const m of input.snapshot.machines) {
    if (m.workload !== 'ai') continue;
    const level = aiLevel(m, floorUsdPerMWh, aiPue);
    const levelW = level === 'rated' ? m.ratedPowerW : level === 'floor' ? m.minPowerW : m.sleepW;
    plannedW += Math.max(levelW, expectedDrawW(m));
    drawW += expectedDrawW(m);
  }
  return Math.min(plannedW, Math.max(aiOverrideW(input), drawW)) * aiPue;
}

/**
 * Mining IT power that fits under a facility import limit once the rest of the site is served, W. The margin
 * covers the error of the machines' own power estimates (5–20 % off); a meter correction covers the rest.
 */
export function miningHeadroomW(limitW: number, input: DecideInput): number {
  const { overheadW, otherLoadW, miningPue, importMarginFraction } = input.config;
  const correctionW = input.meterCorrectionW ?? 0;
  return Math.max(
    0,
    (limitW * (1 - importMarginFraction) - overheadW - otherLoadW - correctionW - aiReservedW(input)) /
      miningPue,
  );
}

/** The most conservative safe state among the feeds that are lost, or null when all are healthy. */
export function safeStateFor(input: DecideInput): { state: SafeState; lost: string[] } | null {
  const { feeds, config } = input;
  const lost: [string, SafeState][] = [];
  if (!feeds.store) lost.push(['store', config.safeState.storeLost]);
  // A plan nobody follows (manual mode, or an operator's mining override) cannot be lost.
  if (input.planMiningW === null && followsPlan(input)) lost.push(['plan', config.safeState.planLost]);
  if (!feeds.market) lost.push(['market', config.safeState.marketLost]);
  if (!feeds.vtn) lost.push(['vtn', config.safeState.vtnLost]);
  if (lost.length === 0) return null;
  const state = lost.map(([, s]) => s).sort((a, b) => CONSERVATISM[a] - CONSERVATISM[b])[0]!;
  return { state, lost: lost.map(([feed]) => feed) };
}

/** Whether mining follows the plan now: auto mode, and no operator override of the mining fleet. */
export const followsPlan = (input: DecideInput): boolean =>
  (input.operator?.mode ?? 'auto') === 'auto' && (input.operator?.miningW ?? null) === null;

/** The tightest import limit in force now: the connection's, or an active event's, facility W (before margin). */
export const tightestLimitW = (input: DecideInput): number =>
  tightestLimitOf(input.config.importLimitW, activeEvents(input));

export const eventReason = (event: GridEvent): string =>
  `grid event ${event.eventId}: ${[
    event.importLimitW === null ? null : `import ≤ ${Math.round(event.importLimitW)} W`,
    event.priceUsdPerMWh === null ? null : `price ${event.priceUsdPerMWh} USD/MWh`,
  ]
    .filter((part) => part !== null)
    .join(', ')}`;

/** Mining IT W an event allows: what fits under its limit, and only the miners worth more than its price. */
function eventMiningCapW(event: GridEvent, machines: readonly MachineView[], input: DecideInput): number {
  let capW =
    event.importLimitW === null ? Number.POSITIVE_INFINITY : miningHeadroomW(event.importLimitW, input);
  if (event.priceUsdPerMWh !== null) {
    const priceUsdPerMWh = event.priceUsdPerMWh;
    const worthW = machines
      // Prices are per MWh of grid import; a miner's value is per MWh it draws, so per import MWh it is ÷ PUE.
      .filter(
        (m) =>
          m.workload === 'mining' && m.leverCostUsdPerMWh.sleep / input.config.miningPue >= priceUsdPerMWh,
      )
      .reduce((sum, m) => sum + m.ratedPowerW, 0);
    capW = Math.min(capW, worthW);
  }
  return capW;
}

export function narrowTarget(input: DecideInput): NarrowedTarget {
  const machines = input.snapshot.machines.filter((m) => m.workload === 'mining');
  const notes: string[] = [];
  let targetW = input.planMiningW ?? 0;
  let binding: PolicyName = 'plan';
  let reason = `plan: mining ${Math.round(targetW)} W`;
  const operatorMiningW = input.operator?.miningW ?? null;
  if (operatorMiningW !== null) {
    targetW = operatorMiningW;
    binding = 'operator';
    reason = `operator override: mining ${Math.round(targetW)} W`;
  } else if (!followsPlan(input)) {
    targetW = totalExpectedDrawW(machines);
    binding = 'hold';
    reason = 'manual mode: holding what runs';
  }
  const safe = safeStateFor(input);
  if (safe !== null) {
    reason = `${safe.lost.join(', ')} lost: safe state ${safe.state}`;
    notes.push(reason);
    if (safe.state === 'run-all' && !followsPlan(input)) {
      // run-all stands in for a lost plan's target: it never widens what the operator set (or holds).
    } else if (safe.state === 'hold') {
      targetW = totalExpectedDrawW(machines);
      binding = 'hold';
    } else {
      // Curtailed miners still draw their control boards: that is as low as mining goes.
      targetW =
        safe.state === 'curtail-mining'
          ? machines.reduce((sum, m) => sum + m.sleepW, 0)
          : machines.reduce((sum, m) => sum + m.ratedPowerW, 0);
      binding = 'failsafe';
    }
  }
  for (const event of activeEvents(input)) {
    const capW = eventMiningCapW(event, machines, input);
    if (capW < targetW) {
      targetW = capW;
      binding = 'grid-event';
      reason = eventReason(event);
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
