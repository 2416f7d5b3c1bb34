/**
 * @module planner/elastic
 * Elastic filter: when the solver says "infeasible", relax one constraint family at a time (a slack on each of
 * its rows, the objective replaced by "minimise total slack") and see which relaxation makes the model
 * feasible. The family and the rows that needed slack are what the plan names as the binding constraint.
 */
import type { ConstraintFamily, LinearModel, LinearVariable } from './model/linear-model.ts';
import type { ModelSolution } from './model/solution.ts';

/** Operational rules first, the physical grid limit last: a rule giving way is the likelier fix. */
const BLAME_ORDER: readonly ConstraintFamily[] = [
  'mining_ramp',
  'ai_spot_min_on',
  'ai_spot_min_load',
  'ai_spot_start',
  'ai_spot_capacity',
  'ai_contract',
  'battery_soc',
  'battery_no_export',
  'import_limit',
];

const UNIT: Record<ConstraintFamily, string> = {
  import_limit: 'MW',
  mining_ramp: 'MW',
  ai_contract: 'MW',
  ai_spot_capacity: 'MW',
  ai_spot_min_load: 'MW',
  ai_spot_start: '(on/off)',
  ai_spot_min_on: '(on/off)',
  battery_soc: 'MWh',
  battery_no_export: 'MW',
};

/** The model with every row of `family` made elastic; maximising −Σ slack finds the smallest violation. */
export function relaxFamily(model: LinearModel, family: ConstraintFamily): LinearModel {
  const variables: LinearVariable[] = model.variables.map((v) => ({ ...v, objectiveUsd: 0 }));
  const slack = (name: string, interval: number): number => {
    const upper = Number.POSITIVE_INFINITY;
    variables.push({ name, lower: 0, upper, integer: false, objectiveUsd: -1, interval });
    return variables.length - 1;
  };
  const constraints = model.constraints.map((row) => {
    if (row.family !== family) return row;
    const columns = [...row.columns];
    const coefficients = [...row.coefficients];
    if (Number.isFinite(row.upper)) {
      columns.push(slack(`${row.name}_over`, row.interval));
      coefficients.push(-1);
    }
    if (Number.isFinite(row.lower)) {
      columns.push(slack(`${row.name}_under`, row.interval));
      coefficients.push(1);
    }
    return { ...row, columns, coefficients };
  });
  const objectiveConstantUsdByInterval = new Float64Array(model.intervals);
  return { intervals: model.intervals, variables, constraints, objectiveConstantUsdByInterval };
}

interface Relief {
  readonly family: ConstraintFamily;
  /** Rows that needed slack, largest first. */
  readonly rows: readonly { name: string; slack: number }[];
}

function reliefFrom(
  model: LinearModel,
  relaxed: LinearModel,
  family: ConstraintFamily,
  values: Float64Array,
): Relief {
  const totals = new Map<string, number>();
  for (let j = model.variables.length; j < relaxed.variables.length; j++) {
    const row = relaxed.variables[j]!.name.replace(/_(over|under)$/, '');
    totals.set(row, (totals.get(row) ?? 0) + values[j]!);
  }
  const rows = [...totals]
    .filter(([, slack]) => slack > 1e-6)
    .map(([name, slack]) => ({ name, slack }))
    .sort((a, b) => b.slack - a.slack);
  return { family, rows };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Names the family (and its worst row) whose relaxation restores feasibility, or undefined if none does alone. */
export function blameInfeasibility(
  model: LinearModel,
  solve: (relaxed: LinearModel) => ModelSolution,
): string | undefined {
  const present = new Set(model.constraints.map((row) => row.family));
  const reliefs: Relief[] = [];
  for (const family of BLAME_ORDER) {
    if (!present.has(family)) continue;
    const relaxed = relaxFamily(model, family);
    const solution = solve(relaxed);
    if (solution.status !== 'optimal' || solution.columnValues === undefined) continue;
    const relief = reliefFrom(model, relaxed, family, solution.columnValues);
    if (relief.rows.length > 0) reliefs.push(relief);
  }
  const [first, ...others] = reliefs;
  if (first === undefined) return undefined;
  const worst = first.rows[0]!;
  const more = first.rows.length - 1;
  const alsoRows = more > 0 ? ` and ${more} more ${first.family} row${more > 1 ? 's' : ''}` : '';
  const alternatives =
    others.length > 0 ? `; relaxing ${others.map((r) => r.family).join(' or ')} would also do` : '';
  return `${worst.name}: cannot hold; it needs ${round(worst.slack)} ${UNIT[first.family]} of slack${alsoRows}${alternatives}`;
}
