/**
 * @module strategies/types
 * One interface for every way of splitting the site's power, so the backtester and the Monte-Carlo lab
 * compare like with like (ARCHITECTURE.md): rules and the optimizer alike turn a window into a dispatch.
 */
import type { Dispatch, PlannerSite, PlannerState, PlanningWindow, PlanStatus } from '../planner/problem.ts';

export type ForecastMode = 'perfect' | 'realistic';

export interface StrategyDecision {
  readonly dispatch: Dispatch;
  readonly status: PlanStatus;
  /** $/MWh of one more MW of import capacity per interval, where the strategy knows it (the optimizer). */
  readonly marginalValueUsdPerMWh?: Float64Array;
  readonly bindingConstraint?: string;
}

export interface Strategy {
  readonly name: string;
  /** Intervals of the window the strategy looks at; the backtester commits the first `commitIntervals`. */
  readonly lookaheadIntervals: number;
  /** Which prices fill the window: rules react to the observed price; planners see a forecast. */
  readonly forecast: ForecastMode;
  /** The site this strategy operates (mining-only and AI-only rebuild the site around one workload). */
  readonly site: PlannerSite;
  decide(window: PlanningWindow, state: PlannerState): StrategyDecision;
}
