/**
 * @module planner/lp-solver-js
 * The same `LinearModel` for javascript-lp-solver (pure JS simplex), so benchmarks and tests can check HiGHS
 * against an independent solver on identical input. Its JSON model has no variable bounds, so every finite bound
 * other than the implied `≥ 0` becomes a one-variable row.
 */
import solver, {
  type ConstraintBound,
  type Model as JsLpModel,
  type VariableCoefficients,
} from 'javascript-lp-solver';
import { type LinearModel, objectiveConstantUsd } from './model/linear-model.ts';
import type { ModelSolution } from './model/solution.ts';

/** A key no row or bound row can take (those are `<family>_t<n>`, `ub_<var>` or `lb_<var>`). */
const OBJECTIVE_KEY = '#objective_usd';

function bound(lower: number, upper: number): ConstraintBound | undefined {
  if (lower === upper) return { equal: lower };
  const min = Number.isFinite(lower) ? { min: lower } : {};
  const max = Number.isFinite(upper) ? { max: upper } : {};
  return Number.isFinite(lower) || Number.isFinite(upper) ? { ...min, ...max } : undefined;
}

export function toJsLpModel(model: LinearModel, options: { timeoutMs?: number } = {}): JsLpModel {
  const constraints: Record<string, ConstraintBound> = {};
  const variables: Record<string, VariableCoefficients> = {};
  const ints: Record<string, 1> = {};
  const unrestricted: Record<string, 1> = {};
  for (const v of model.variables) {
    const coefficients: VariableCoefficients = { [OBJECTIVE_KEY]: v.objectiveUsd };
    if (Number.isFinite(v.upper)) {
      constraints[`ub_${v.name}`] = { max: v.upper };
      coefficients[`ub_${v.name}`] = 1;
    }
    if (v.lower < 0) unrestricted[v.name] = 1;
    if (v.lower !== 0 && Number.isFinite(v.lower)) {
      constraints[`lb_${v.name}`] = { min: v.lower };
      coefficients[`lb_${v.name}`] = 1;
    }
    if (v.integer) ints[v.name] = 1;
    variables[v.name] = coefficients;
  }
  for (const row of model.constraints) {
    const rowBound = bound(row.lower, row.upper);
    if (rowBound === undefined) continue;
    constraints[row.name] = rowBound;
    row.columns.forEach((column, k) => {
      variables[model.variables[column]!.name]![row.name] = row.coefficients[k]!;
    });
  }
  return {
    optimize: OBJECTIVE_KEY,
    opType: 'max',
    constraints,
    variables,
    ...(Object.keys(ints).length > 0 ? { ints } : {}),
    ...(Object.keys(unrestricted).length > 0 ? { unrestricted } : {}),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  };
}

interface JsLpResult {
  readonly feasible: boolean;
  readonly bounded?: boolean;
  readonly result: number;
  readonly [variable: string]: number | boolean | undefined;
}

/** Solves with javascript-lp-solver; no duals (the library gives none). */
export function solveWithJsLpSolver(model: LinearModel, options: { timeoutMs?: number } = {}): ModelSolution {
  const result = solver.Solve(toJsLpModel(model, options)) as JsLpResult;
  if (!result.feasible) return { status: 'infeasible', objectiveUsd: Number.NaN, dualsFrom: 'none' };
  if (result.bounded === false) return { status: 'unbounded', objectiveUsd: Number.NaN, dualsFrom: 'none' };
  const columnValues = Float64Array.from(model.variables, (v) => {
    const value = result[v.name];
    return typeof value === 'number' ? value : 0;
  });
  return {
    status: 'optimal',
    objectiveUsd: result.result + objectiveConstantUsd(model),
    columnValues,
    dualsFrom: 'none',
  };
}
