/**
 * @module planner/extract
 * A solved model turned back into a `Plan`: power per workload per interval, the value of each interval, and
 * the marginal value of site power from the import-limit duals.
 */
import type { BuiltModel } from './model/build.ts';
import { facilityImport } from './model/facility-import.ts';
import { evaluateObjective } from './model/linear-model.ts';
import type { ModelSolution } from './model/solution.ts';
import type { Dispatch, Plan, PlannerSite, PlanStatus } from './problem.ts';

/** Spot power below this counts as off when the model has no on/off binaries. */
const SPOT_ON_THRESHOLD_MW = 1e-6;

const nanSeries = (intervals: number): Float64Array => new Float64Array(intervals).fill(Number.NaN);

/** A plan with no solution: every series NaN, because zero would read as a decision to run nothing. */
export function planWithoutSolution(status: PlanStatus, intervals: number, bindingConstraint?: string): Plan {
  const dispatch: Dispatch = {
    miningMW: nanSeries(intervals),
    aiContractMW: nanSeries(intervals),
    aiSpotMW: nanSeries(intervals),
    batteryChargeMW: nanSeries(intervals),
    batteryDischargeMW: nanSeries(intervals),
    batteryEnergyMWh: nanSeries(intervals),
    importMW: nanSeries(intervals),
  };
  return {
    status,
    ...(bindingConstraint === undefined ? {} : { bindingConstraint }),
    objectiveUsd: Number.NaN,
    dispatch,
    marginalValueUsdPerMWh: nanSeries(intervals),
  };
}

/**
 * Marginal value of site power, USD per facility MWh: the import-limit row's dual (∂objective/∂importLimitMW,
 * USD per MW over one interval) divided by the interval's hours. ≥ 0 (a ≤ row of a maximisation); 0 where
 * the limit does not bind.
 */
function marginalValues(built: BuiltModel, solution: ModelSolution): Float64Array {
  const intervals = built.model.intervals;
  const values = nanSeries(intervals);
  const duals = solution.rowDuals;
  if (duals === undefined) return values;
  built.model.constraints.forEach((row, r) => {
    if (row.family !== 'import_limit') return;
    // `+ 0` turns the solver's −0 into 0.
    values[row.interval] = duals[r]! / built.hoursPerInterval + 0;
  });
  return values;
}

export function planFromSolution(
  built: BuiltModel,
  solution: ModelSolution & { columnValues: Float64Array },
  site: PlannerSite,
): Plan {
  const x = solution.columnValues;
  const { vars, model } = built;
  const intervals = model.intervals;
  const sum = (columns: readonly (readonly number[])[], t: number): number =>
    columns.reduce((s, series) => s + x[series[t]!]!, 0);
  const series = (columns: readonly number[] | undefined): Float64Array =>
    Float64Array.from({ length: intervals }, (_, t) => (columns === undefined ? 0 : x[columns[t]!]!));
  const aiSpotMW = series(vars.aiSpotMW);
  const dispatch: Dispatch = {
    miningMW: Float64Array.from({ length: intervals }, (_, t) => sum(vars.miningSegmentMW, t)),
    aiContractMW: series(vars.aiContractMW),
    aiSpotMW,
    batteryChargeMW: series(vars.batteryChargeMW),
    batteryDischargeMW: series(vars.batteryDischargeMW),
    batteryEnergyMWh: series(vars.batteryEnergyMWh),
    importMW: Float64Array.from({ length: intervals }, (_, t) => {
      const { terms, constantMW } = facilityImport(site, vars, t);
      return terms.reduce((mw, { column, coefficient }) => mw + coefficient * x[column]!, constantMW);
    }),
    aiSpotOn: Uint8Array.from({ length: intervals }, (_, t) =>
      vars.aiSpotOn !== undefined
        ? Math.round(x[vars.aiSpotOn[t]!]!)
        : aiSpotMW[t]! > SPOT_ON_THRESHOLD_MW
          ? 1
          : 0,
    ),
    valueUsd: evaluateObjective(model, x).byIntervalUsd,
  };
  return {
    status: solution.status,
    objectiveUsd: solution.objectiveUsd,
    dispatch,
    marginalValueUsdPerMWh: marginalValues(built, solution),
  };
}
