/**
 * @module planner/model/linear-model
 * A solver-neutral LP/MILP: named variables with bounds and integrality, named rows `lower ≤ Σ coef·var ≤ upper`,
 * and a linear objective to maximise in USD. Every row belongs to a constraint family, so the solve can name the
 * family to blame when the model is infeasible; every variable and constant carries its interval, so a solution
 * can be priced interval by interval.
 */

export type ConstraintFamily =
  | 'import_limit'
  | 'mining_ramp'
  | 'ai_contract'
  | 'ai_spot_capacity'
  | 'ai_spot_min_load'
  | 'ai_spot_start'
  | 'ai_spot_min_on'
  | 'battery_soc'
  | 'battery_no_export';

export interface LinearVariable {
  readonly name: string;
  readonly lower: number;
  readonly upper: number;
  readonly integer: boolean;
  /** Objective coefficient, USD per unit of the variable. */
  readonly objectiveUsd: number;
  /** Interval the variable belongs to (-1 for none). */
  readonly interval: number;
}

export interface LinearConstraint {
  readonly name: string;
  readonly family: ConstraintFamily;
  readonly interval: number;
  readonly lower: number;
  readonly upper: number;
  /** Column indices, no duplicates, parallel to `coefficients`. */
  readonly columns: readonly number[];
  readonly coefficients: readonly number[];
}

export interface LinearModel {
  readonly intervals: number;
  readonly variables: readonly LinearVariable[];
  readonly constraints: readonly LinearConstraint[];
  /** Objective terms that no decision changes (the contract bill at full delivery, overhead energy), per interval, USD. */
  readonly objectiveConstantUsdByInterval: Float64Array;
}

export interface LinearTerm {
  readonly column: number;
  readonly coefficient: number;
}

export const isMixedInteger = (model: LinearModel): boolean => model.variables.some((v) => v.integer);

export const objectiveConstantUsd = (model: LinearModel): number =>
  model.objectiveConstantUsdByInterval.reduce((sum, usd) => sum + usd, 0);

/** Objective of a column vector, total and per interval (constants included). */
export function evaluateObjective(
  model: LinearModel,
  columnValues: ArrayLike<number>,
): { totalUsd: number; byIntervalUsd: Float64Array } {
  const byIntervalUsd = Float64Array.from(model.objectiveConstantUsdByInterval);
  let unassignedUsd = 0;
  model.variables.forEach((v, column) => {
    const usd = v.objectiveUsd * (columnValues[column] ?? 0);
    if (v.interval >= 0 && v.interval < byIntervalUsd.length) byIntervalUsd[v.interval]! += usd;
    else unassignedUsd += usd;
  });
  return { totalUsd: byIntervalUsd.reduce((s, usd) => s + usd, unassignedUsd), byIntervalUsd };
}

/** Mutable collector the constraint families write into; `build()` freezes it into a `LinearModel`. */
export class ModelBuilder {
  private readonly variables: LinearVariable[] = [];
  private readonly objective: number[] = [];
  private readonly constraints: LinearConstraint[] = [];
  private readonly constants: Float64Array;

  constructor(readonly intervals: number) {
    this.constants = new Float64Array(intervals);
  }

  addVariable(spec: {
    name: string;
    lower: number;
    upper: number;
    interval: number;
    integer?: boolean;
  }): number {
    this.variables.push({ ...spec, integer: spec.integer ?? false, objectiveUsd: 0 });
    this.objective.push(0);
    return this.variables.length - 1;
  }

  /** Adds to a column's objective coefficient (several families may price the same variable). */
  addObjective(column: number, usdPerUnit: number): void {
    this.objective[column]! += usdPerUnit;
  }

  addConstant(interval: number, usd: number): void {
    this.constants[interval]! += usd;
  }

  /** Adds a row; repeated columns are merged, because solvers reject duplicate entries in a row. */
  addConstraint(spec: {
    name: string;
    family: ConstraintFamily;
    interval: number;
    lower: number;
    upper: number;
    terms: readonly LinearTerm[];
  }): void {
    const merged = new Map<number, number>();
    for (const { column, coefficient } of spec.terms) {
      merged.set(column, (merged.get(column) ?? 0) + coefficient);
    }
    const columns: number[] = [];
    const coefficients: number[] = [];
    for (const [column, coefficient] of merged) {
      if (coefficient === 0) continue;
      columns.push(column);
      coefficients.push(coefficient);
    }
    const { name, family, interval, lower, upper } = spec;
    this.constraints.push({ name, family, interval, lower, upper, columns, coefficients });
  }

  build(): LinearModel {
    return {
      intervals: this.intervals,
      variables: this.variables.map((v, i) => ({ ...v, objectiveUsd: this.objective[i]! })),
      constraints: [...this.constraints],
      objectiveConstantUsdByInterval: Float64Array.from(this.constants),
    };
  }
}
