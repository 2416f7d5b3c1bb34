/**
 * @module planner/solve
 * `solvePlan`: validate, check the obvious, build the model, solve it with HiGHS, and return a `Plan` whose status
 * is a value. Infeasible and unbounded never throw; malformed input does (`ValidationError`).
 *
 * Marginal value convention: `marginalValueUsdPerMWh[t]` = ∂objectiveUsd/∂importLimitMW in interval t, divided by
 * the interval's hours, i.e. what one more facility MWh of grid connection would have earned. It is ≥ 0, and 0
 * where the limit does not bind. For a MILP it is the dual of the LP with every integer fixed at the solution
 * (the commitment held as decided); NaN when the solver gives no duals. Where the limit and a workload's own
 * capacity bind at once (a fleet exactly as large as the connection) the dual is not unique: the solver may put
 * the value on the workload's bound and report 0 here, which is the right-hand derivative (one more MW would idle).
 */
import { obviousInfeasibility } from './consistency.ts';
import { blameInfeasibility } from './elastic.ts';
import { planFromSolution, planWithoutSolution } from './extract.ts';
import { type Highs, type HighsSolveOptions, solveWithHighs } from './highs.ts';
import { buildModel } from './model/build.ts';
import { intervalCount } from './model/window.ts';
import type { Plan, PlannerSite, PlannerState, PlanningWindow } from './problem.ts';
import { validatePlannerInputs } from './validate.ts';

export type SolvePlanOptions = HighsSolveOptions;

export function solvePlan(
  highs: Highs,
  site: PlannerSite,
  window: PlanningWindow,
  state: PlannerState,
  options: SolvePlanOptions = {},
): Plan {
  validatePlannerInputs(site, window, state);
  const intervals = intervalCount(window);
  const obvious = obviousInfeasibility(site, state);
  if (obvious !== undefined) return planWithoutSolution('infeasible', intervals, obvious);
  const built = buildModel(site, window, state);
  const solution = solveWithHighs(highs, built.model, options);
  if (solution.status === 'infeasible') {
    const blame = blameInfeasibility(built.model, (relaxed) =>
      solveWithHighs(highs, relaxed, { ...options, fixIntegersForDuals: false }),
    );
    return planWithoutSolution('infeasible', intervals, blame ?? 'no single constraint family explains it');
  }
  const { columnValues } = solution;
  if (columnValues === undefined) return planWithoutSolution(solution.status, intervals);
  return planFromSolution(built, { ...solution, columnValues }, site);
}
