/**
 * @module planner/model
 * The solver-neutral planning model: `buildModel` and the representation it produces.
 */
export { type BuiltModel, buildModel } from './build.ts';
export { importCostUsdPerMWh } from './energy-cost.ts';
export {
  type ConstraintFamily,
  evaluateObjective,
  isMixedInteger,
  type LinearConstraint,
  type LinearModel,
  type LinearVariable,
  objectiveConstantUsd,
} from './linear-model.ts';
export type { ModelSolution } from './solution.ts';
export { type PlannerVariables, spotNeedsCommitment } from './variables.ts';
export { hoursPerInterval, intervalCount } from './window.ts';
