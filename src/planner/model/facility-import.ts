/**
 * @module planner/model/facility-import
 * Facility import as a linear expression: overhead + miningPue·Σ mining + aiPue·(contract + spot) + charge −
 * discharge. The import limit, the no-export row and the energy cost all read this one expression, so they can
 * never disagree about what the meter sees.
 */
import type { PlannerSite } from '../problem.ts';
import type { LinearTerm } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

export interface FacilityImport {
  /** Decision-dependent part, MW per unit of each column. */
  readonly terms: readonly LinearTerm[];
  /** Always drawn, MW. */
  readonly constantMW: number;
}

export function facilityImport(site: PlannerSite, vars: PlannerVariables, t: number): FacilityImport {
  const terms: LinearTerm[] = [];
  const add = (columns: readonly number[] | undefined, coefficient: number): void => {
    if (columns !== undefined) terms.push({ column: columns[t]!, coefficient });
  };
  for (const segment of vars.miningSegmentMW) add(segment, site.miningPue);
  add(vars.aiContractMW, site.aiPue);
  add(vars.aiSpotMW, site.aiPue);
  add(vars.batteryChargeMW, 1);
  add(vars.batteryDischargeMW, -1);
  return { terms, constantMW: site.overheadMW };
}
