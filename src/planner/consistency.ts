/**
 * @module planner/consistency
 * Cheap checks for the obvious infeasible cases, run before the solver (as PyPSA's consistency.py does), so the
 * common mistakes come back with a precise reason instead of a bare "infeasible". Anything subtler is left to
 * the solver and the elastic filter (elastic.ts).
 */
import { miningCapacityMW } from './model/mining.ts';
import type { PlannerSite, PlannerState } from './problem.ts';

/** The named row (family and interval) and why it cannot hold, or undefined when nothing obvious is wrong. */
export function obviousInfeasibility(site: PlannerSite, state: PlannerState): string | undefined {
  if (site.overheadMW > site.importLimitMW) {
    return `import_limit_t0: the overhead alone (${site.overheadMW} MW) exceeds the import limit (${site.importLimitMW} MW)`;
  }
  const battery = site.battery;
  if (battery !== undefined) {
    for (const [what, energyMWh] of [
      ['carried', state.batteryEnergyMWh],
      ['initial', battery.initialEnergyMWh],
    ] as const) {
      if (energyMWh > battery.energyMWh || energyMWh < 0) {
        return `battery_soc_t0: the ${what} battery energy (${energyMWh} MWh) is outside 0..${battery.energyMWh} MWh`;
      }
    }
  }
  const lowestFirstMW = state.miningMW - site.mining.rampMWPerInterval;
  if (lowestFirstMW > miningCapacityMW(site)) {
    return `mining_ramp_t0: the carried mining power (${state.miningMW} MW) cannot ramp down to the fleet's ${miningCapacityMW(site)} MW in one interval`;
  }
  return undefined;
}
