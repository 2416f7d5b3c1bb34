/**
 * @module planner/model/mining
 * Mining power: each segment is bounded 0..widthMW by its variable (see variables.ts); this family limits how
 * fast the fleet's total IT power may move between intervals, starting from the power carried into the window.
 */
import type { PlannerSite, PlannerState } from '../problem.ts';
import type { LinearTerm, ModelBuilder } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

export const miningCapacityMW = (site: PlannerSite): number =>
  site.mining.segments.reduce((sum, segment) => sum + segment.widthMW, 0);

/** `-ramp ≤ M_t − M_{t−1} ≤ ramp`, with `M_{−1}` the carried mining power. */
export function addMiningRamp(
  builder: ModelBuilder,
  site: PlannerSite,
  vars: PlannerVariables,
  state: PlannerState,
): void {
  const rampMW = site.mining.rampMWPerInterval;
  // A ramp at least as wide as every reachable step can never bind; leaving it out keeps the LP smaller.
  if (!(rampMW < Math.max(miningCapacityMW(site), state.miningMW))) return;
  const totalAt = (t: number, sign: number): LinearTerm[] =>
    vars.miningSegmentMW.map((segment) => ({ column: segment[t]!, coefficient: sign }));
  for (let t = 0; t < builder.intervals; t++) {
    const previousMW = t === 0 ? state.miningMW : 0;
    builder.addConstraint({
      name: `mining_ramp_t${t}`,
      family: 'mining_ramp',
      interval: t,
      lower: previousMW - rampMW,
      upper: previousMW + rampMW,
      terms: t === 0 ? totalAt(0, 1) : [...totalAt(t, 1), ...totalAt(t - 1, -1)],
    });
  }
}
