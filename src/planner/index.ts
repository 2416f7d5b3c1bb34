/**
 * @module planner
 * The optimiser's public face: one window (`solvePlan`), a rolling horizon (`planRolling`), the model and the
 * solver adapters for benchmarks.
 */
export { blameInfeasibility, relaxFamily } from './elastic.ts';
export { type Highs, type HighsSolveOptions, loadHighs, solveWithHighs } from './highs.ts';
export { solveWithJsLpSolver, toJsLpModel } from './lp-solver-js.ts';
export * from './model/index.ts';
export type * from './problem.ts';
export {
  planRolling,
  type RollingOptions,
  type RollingResult,
  type RollingWindow,
  slicesOf,
  type WindowSource,
} from './rolling.ts';
export { type SolvePlanOptions, solvePlan } from './solve.ts';
export { initialPlannerState, stateAfter } from './state.ts';
export { validatePlannerInputs } from './validate.ts';
