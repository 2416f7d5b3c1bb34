/**
 * @module planner/model/objective
 * What the workloads earn: mining (segment power × revenue factor × mining rate), the AI contract (billed for
 * what is delivered: take-or-pay binds the buyer, not a seller who fails to deliver, so a shortfall loses its
 * revenue and pays the SLA penalty on top), spot AI at the window's rate, minus restart costs. Energy is priced
 * separately (energy-cost.ts).
 */
import type { PlannerSite, PlanningWindow } from '../problem.ts';
import type { ModelBuilder } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

export function addWorkloadRevenue(
  builder: ModelBuilder,
  site: PlannerSite,
  window: PlanningWindow,
  vars: PlannerVariables,
  hoursPerInterval: number,
): void {
  const h = hoursPerInterval;
  const { contractedMW, contractUsdPerMWh, shortfallPenaltyUsdPerMWh, spotRestartCostUsd } = site.ai;
  for (let t = 0; t < builder.intervals; t++) {
    const miningUsdPerMWh = window.miningUsdPerMWh[t]!;
    site.mining.segments.forEach((segment, k) => {
      builder.addObjective(vars.miningSegmentMW[k]![t]!, segment.revenueFactor * miningUsdPerMWh * h);
    });
    if (vars.aiShortfallMW !== undefined) {
      builder.addConstant(t, contractedMW * contractUsdPerMWh * h);
      builder.addObjective(vars.aiShortfallMW[t]!, -(contractUsdPerMWh + shortfallPenaltyUsdPerMWh) * h);
    }
    if (vars.aiSpotMW !== undefined) {
      builder.addObjective(vars.aiSpotMW[t]!, window.aiSpotUsdPerMWh[t]! * h);
    }
    if (vars.aiSpotStart !== undefined) builder.addObjective(vars.aiSpotStart[t]!, -spotRestartCostUsd);
  }
}
