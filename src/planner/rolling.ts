/**
 * @module planner/rolling
 * Rolling horizon (PyPSA's `optimize_with_rolling_horizon`): plan H intervals, commit the first N, carry the state
 * (mining power, spot on-time, battery energy) into the next window, repeat. The lookahead beyond N is what stops
 * each window from draining the battery or starting the spot cluster as if the world ended with it.
 */
import { ValidationError, type ValidationIssue } from '../errors.ts';
import type { Highs } from './highs.ts';
import type { Dispatch, Plan, PlannerSite, PlannerState, PlanningWindow, PlanStatus } from './problem.ts';
import { type SolvePlanOptions, solvePlan } from './solve.ts';
import { initialPlannerState, stateAfter } from './state.ts';

/** The planning window of `horizonIntervals` intervals from `startInterval` (fewer only where data runs out). */
export type WindowSource = (startInterval: number, horizonIntervals: number) => PlanningWindow;

export interface RollingOptions {
  readonly totalIntervals: number;
  /** H: intervals each plan looks ahead. */
  readonly horizonIntervals: number;
  /** N ≤ H: intervals committed from each plan before re-planning. */
  readonly stepIntervals: number;
  readonly initialState?: PlannerState;
  readonly solve?: SolvePlanOptions;
}

export interface RollingWindow {
  readonly startInterval: number;
  readonly committedIntervals: number;
  readonly stateIn: PlannerState;
  readonly plan: Plan;
}

export interface RollingResult {
  /** `optimal` when every window was; otherwise the first other status (the run stops there). */
  readonly status: PlanStatus;
  readonly bindingConstraint?: string;
  readonly committedIntervals: number;
  /** Σ committed interval values, USD. */
  readonly objectiveUsd: number;
  /** `totalIntervals` long; NaN from the first interval that no optimal plan covered. */
  readonly dispatch: Dispatch;
  readonly marginalValueUsdPerMWh: Float64Array;
  readonly windows: readonly RollingWindow[];
  readonly finalState: PlannerState;
}

const FLOAT_SERIES = [
  'miningMW',
  'aiContractMW',
  'aiSpotMW',
  'batteryChargeMW',
  'batteryDischargeMW',
  'batteryEnergyMWh',
  'importMW',
  'valueUsd',
] as const;

function checkOptions({ totalIntervals, horizonIntervals, stepIntervals }: RollingOptions): void {
  const issues: ValidationIssue[] = [];
  const require = (field: string, value: number, atLeast: number, fix: string): void => {
    if (!(Number.isInteger(value) && value >= atLeast)) {
      issues.push({ field, value, problem: `must be an integer >= ${atLeast}`, fix });
    }
  };
  require('totalIntervals', totalIntervals, 1, 'e.g. 168');
  require('stepIntervals', stepIntervals, 1, 'e.g. 24');
  require('horizonIntervals', horizonIntervals, Math.max(
    1,
    stepIntervals,
  ), 'e.g. 48, at least stepIntervals');
  if (issues.length > 0) throw new ValidationError(issues);
}

export function planRolling(
  highs: Highs,
  site: PlannerSite,
  windowAt: WindowSource,
  options: RollingOptions,
): RollingResult {
  checkOptions(options);
  const { totalIntervals, horizonIntervals, stepIntervals } = options;
  const nan = () => new Float64Array(totalIntervals).fill(Number.NaN);
  const out = Object.fromEntries(FLOAT_SERIES.map((key) => [key, nan()])) as Record<
    (typeof FLOAT_SERIES)[number],
    Float64Array
  >;
  const aiSpotOn = new Uint8Array(totalIntervals);
  const marginalValueUsdPerMWh = nan();
  const windows: RollingWindow[] = [];
  let state = options.initialState ?? initialPlannerState(site);
  let start = 0;
  let failure: Plan | undefined;
  while (start < totalIntervals) {
    const window = windowAt(start, horizonIntervals);
    const committed = Math.min(stepIntervals, totalIntervals - start);
    if (window.priceUsdPerMWh.length < committed) {
      throw new ValidationError([
        {
          field: `windowAt(${start}).priceUsdPerMWh.length`,
          value: window.priceUsdPerMWh.length,
          problem: `must be >= ${committed} (the intervals to commit)`,
          fix: 'supply data for the whole span',
        },
      ]);
    }
    const plan = solvePlan(highs, site, window, state, options.solve);
    windows.push({ startInterval: start, committedIntervals: committed, stateIn: state, plan });
    if (plan.status !== 'optimal') {
      failure = plan;
      break;
    }
    for (const key of FLOAT_SERIES) out[key].set(plan.dispatch[key]!.subarray(0, committed), start);
    aiSpotOn.set(plan.dispatch.aiSpotOn!.subarray(0, committed), start);
    marginalValueUsdPerMWh.set(plan.marginalValueUsdPerMWh.subarray(0, committed), start);
    state = stateAfter(plan.dispatch, committed, state);
    start += committed;
  }
  return {
    status: failure?.status ?? 'optimal',
    ...(failure?.bindingConstraint === undefined ? {} : { bindingConstraint: failure.bindingConstraint }),
    committedIntervals: start,
    objectiveUsd: out.valueUsd.subarray(0, start).reduce((s, usd) => s + usd, 0),
    dispatch: { ...out, aiSpotOn },
    marginalValueUsdPerMWh,
    windows,
    finalState: state,
  };
}

/** A `WindowSource` that slices one long window (the backtest case: the whole span's series are known). */
export function slicesOf(span: PlanningWindow): WindowSource {
  return (startInterval, horizonIntervals) => {
    const end = Math.min(startInterval + horizonIntervals, span.priceUsdPerMWh.length);
    return {
      startMs: span.startMs + startInterval * span.stepS * 1000,
      stepS: span.stepS,
      priceUsdPerMWh: span.priceUsdPerMWh.subarray(startInterval, end),
      miningUsdPerMWh: span.miningUsdPerMWh.subarray(startInterval, end),
      aiSpotUsdPerMWh: span.aiSpotUsdPerMWh.subarray(startInterval, end),
      fourCpRisk: span.fourCpRisk.subarray(startInterval, end),
    };
  };
}
