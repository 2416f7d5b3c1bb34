/**
 * @module planner/model/solution
 * What any solver adapter returns for a `LinearModel`: a status as a value, and the primal and dual vectors
 * when the solver has them.
 */
import type { PlanStatus } from '../problem.ts';

export interface ModelSolution {
  readonly status: PlanStatus;
  /** Objective including the constants, USD; NaN when there is no primal solution. */
  readonly objectiveUsd: number;
  readonly columnValues?: Float64Array;
  /**
   * Per row, ∂objective/∂(the row's active bound): USD per unit of the row, ≥ 0 for a binding upper bound of
   * this maximisation. Absent when the solver gives none.
   */
  readonly rowDuals?: Float64Array;
  /** Where the duals come from: the LP itself, or the LP with every integer fixed at the MILP solution. */
  readonly dualsFrom: 'lp' | 'fixed-integers' | 'none';
}
