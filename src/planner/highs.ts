/**
 * @module planner/highs
 * The HiGHS adapter: a `LinearModel` as CSR typed arrays through the structured API (no LP text to print and
 * parse), the status mapped to a value, and MILP duals from a re-solve with the integers fixed, because duals of
 * a branch-and-bound solution mean nothing.
 */
import highsLoader, { type Highs, type Model, type ModelData, type ModelStatusCode } from 'highs';
import type { LinearModel } from './model/linear-model.ts';
import { isMixedInteger } from './model/linear-model.ts';
import type { ModelSolution } from './model/solution.ts';
import type { PlanStatus } from './problem.ts';

export type { Highs } from 'highs';

export interface HighsSolveOptions {
  readonly timeLimitS?: number;
  /** Relative MILP gap at which HiGHS stops; its default is 1e-4. */
  readonly mipRelGap?: number;
  /** MILP only: re-solve the LP with the integers fixed to get duals (default true). */
  readonly fixIntegersForDuals?: boolean;
  /**
   * MILP only: solve the LP relaxation first and stop if it is already integral (default true). Most windows
   * keep the spot cluster on throughout, so this skips branch and bound, which costs ~5× the LP.
   */
  readonly tryRelaxationFirst?: boolean;
}

const INTEGRALITY_TOLERANCE = 1e-7;

let loading: Promise<Highs> | undefined;

/** The WASM instance, loaded once per process (each `solve` still gets a fresh native model). */
export function loadHighs(): Promise<Highs> {
  loading ??= highsLoader().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

export function toHighsModelData(highs: Highs, model: LinearModel, relaxed = false): ModelData {
  const inf = (bound: number): number =>
    bound === Number.POSITIVE_INFINITY
      ? highs.infinity
      : bound === Number.NEGATIVE_INFINITY
        ? -highs.infinity
        : bound;
  const numCols = model.variables.length;
  const numRows = model.constraints.length;
  const nonZeros = model.constraints.reduce((n, row) => n + row.columns.length, 0);
  const starts = new Int32Array(numRows + 1);
  const indices = new Int32Array(nonZeros);
  const values = new Float64Array(nonZeros);
  let at = 0;
  model.constraints.forEach((row, r) => {
    starts[r] = at;
    indices.set(row.columns, at);
    values.set(row.coefficients, at);
    at += row.columns.length;
  });
  starts[numRows] = at;
  return {
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    offset: model.objectiveConstantUsdByInterval.reduce((s, usd) => s + usd, 0),
    colCost: Float64Array.from(model.variables, (v) => v.objectiveUsd),
    colLower: Float64Array.from(model.variables, (v) => inf(v.lower)),
    colUpper: Float64Array.from(model.variables, (v) => inf(v.upper)),
    rowLower: Float64Array.from(model.constraints, (c) => inf(c.lower)),
    rowUpper: Float64Array.from(model.constraints, (c) => inf(c.upper)),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    ...(isMixedInteger(model) && !relaxed
      ? { integrality: Int32Array.from(model.variables, (v) => (v.integer ? 1 : 0)) }
      : {}),
  };
}

function statusOf(highs: Highs, code: ModelStatusCode): PlanStatus {
  const s = highs.constants.modelStatus;
  if (code === s.optimal) return 'optimal';
  if (code === s.infeasible) return 'infeasible';
  if (code === s.unbounded) return 'unbounded';
  if (code === s.timeLimit) return 'timeLimit';
  return 'error';
}

const hasPrimal = (m: Model): boolean => m.info.get('primal_solution_status') === 2;

function runOnce(highs: Highs, m: Model): PlanStatus {
  let code = m.run().modelStatus;
  // Presolve may stop at "infeasible or unbounded"; without it the simplex tells the two apart.
  if (code === highs.constants.modelStatus.unboundedOrInfeasible) {
    m.options.set('presolve', 'off');
    code = m.run().modelStatus;
  }
  return statusOf(highs, code);
}

/** Fixes every integer at its (rounded) value and re-solves the LP that remains. */
function fixedIntegerDuals(highs: Highs, m: Model, model: LinearModel, values: Float64Array) {
  model.variables.forEach((v, j) => {
    if (!v.integer) return;
    const fixed = Math.round(values[j]!);
    m.changeColBounds(j, fixed, fixed);
  });
  m.clearIntegrality();
  // The MILP may have spent the whole time limit; the LP gets a fresh budget.
  m.zeroAllClocks();
  if (runOnce(highs, m) !== 'optimal') return undefined;
  const solution = m.getSolution();
  return { columnValues: solution.colValue, rowDuals: solution.rowDual, objectiveUsd: m.getObjectiveValue() };
}

export function solveWithHighs(
  highs: Highs,
  model: LinearModel,
  options: HighsSolveOptions = {},
): ModelSolution {
  const mixedInteger = isMixedInteger(model);
  if (mixedInteger && options.tryRelaxationFirst !== false) {
    const relaxation = solveRelaxation(highs, model, options);
    if (relaxation !== undefined) return relaxation;
  }
  return highs.withModel(toHighsModelData(highs, model), (m): ModelSolution => {
    m.options.set({
      output_flag: false,
      ...(options.timeLimitS === undefined ? {} : { time_limit: options.timeLimitS }),
      ...(options.mipRelGap === undefined ? {} : { mip_rel_gap: options.mipRelGap }),
    });
    const status = runOnce(highs, m);
    if ((status !== 'optimal' && status !== 'timeLimit') || !hasPrimal(m)) {
      return { status, objectiveUsd: Number.NaN, dualsFrom: 'none' };
    }
    const solution = m.getSolution();
    const objectiveUsd = m.getObjectiveValue();
    if (!mixedInteger) {
      const duals =
        status === 'optimal'
          ? { rowDuals: solution.rowDual, dualsFrom: 'lp' as const }
          : { dualsFrom: 'none' as const };
      return { status, objectiveUsd, columnValues: solution.colValue, ...duals };
    }
    const fixed =
      options.fixIntegersForDuals === false
        ? undefined
        : fixedIntegerDuals(highs, m, model, solution.colValue);
    if (fixed === undefined) {
      return { status, objectiveUsd, columnValues: solution.colValue, dualsFrom: 'none' };
    }
    return { status, ...fixed, dualsFrom: 'fixed-integers' };
  });
}

/**
 * The LP relaxation's solution when it is optimal and every integer column is already integral: then it is also
 * optimal for the MILP (the relaxation bounds the MILP from above and this point is feasible for it), and its
 * duals are LP duals at an integral vertex.
 */
function solveRelaxation(
  highs: Highs,
  model: LinearModel,
  options: HighsSolveOptions,
): ModelSolution | undefined {
  return highs.withModel(toHighsModelData(highs, model, true), (m): ModelSolution | undefined => {
    m.options.set({
      output_flag: false,
      ...(options.timeLimitS === undefined ? {} : { time_limit: options.timeLimitS }),
    });
    if (runOnce(highs, m) !== 'optimal' || !hasPrimal(m)) return undefined;
    const solution = m.getSolution();
    const integral = model.variables.every(
      (v, j) =>
        !v.integer ||
        Math.abs(solution.colValue[j]! - Math.round(solution.colValue[j]!)) <= INTEGRALITY_TOLERANCE,
    );
    if (!integral) return undefined;
    return {
      status: 'optimal',
      objectiveUsd: m.getObjectiveValue(),
      columnValues: solution.colValue,
      rowDuals: solution.rowDual,
      dualsFrom: 'lp',
    };
  });
}
