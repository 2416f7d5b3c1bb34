/**
 * @module strategies/optimizer
 * The planner as a strategy: an LP/MILP over the look-ahead window (48 h by default), re-planned every day by
 * the backtester, with perfect foresight (an upper bound) or the forecast a real operator would have.
 */
import type { Highs } from '../planner/highs.ts';
import type { PlannerSite } from '../planner/problem.ts';
import { solvePlan } from '../planner/solve.ts';
import { alwaysOn } from './rules.ts';
import type { ForecastMode, Strategy } from './types.ts';

export function optimizer({
  name,
  site,
  highs,
  forecast,
  lookaheadIntervals = 48,
}: {
  name: string;
  site: PlannerSite;
  highs: Highs;
  forecast: ForecastMode;
  lookaheadIntervals?: number;
}): Strategy {
  return {
    name,
    lookaheadIntervals,
    forecast,
    site,
    decide: (window, state) => {
      const plan = solvePlan(highs, site, window, state);
      // A window without a solution runs the site as installed (the controller's safe state), never NaN.
      const dispatch =
        plan.status === 'optimal' ? plan.dispatch : alwaysOn(name, site).decide(window, state).dispatch;
      return {
        dispatch,
        status: plan.status,
        marginalValueUsdPerMWh: plan.marginalValueUsdPerMWh,
        ...(plan.bindingConstraint === undefined ? {} : { bindingConstraint: plan.bindingConstraint }),
      };
    },
  };
}
