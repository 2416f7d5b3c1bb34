/**
 * @module planner/state
 * What one window hands the next: the mining power to ramp from, the spot cluster's on-time, the battery energy.
 */
import type { Dispatch, PlannerSite, PlannerState } from './problem.ts';

/** Before any plan: fleet off, spot cluster off, battery at the site's initial energy. */
export function initialPlannerState(site: PlannerSite, miningMW = 0): PlannerState {
  return {
    miningMW,
    spotOn: false,
    spotOnForIntervals: 0,
    batteryEnergyMWh: site.battery?.initialEnergyMWh ?? 0,
  };
}

/** The state at the end of the first `committedIntervals` intervals of a dispatch that started from `previous`. */
export function stateAfter(
  dispatch: Dispatch,
  committedIntervals: number,
  previous: PlannerState,
): PlannerState {
  const last = committedIntervals - 1;
  if (last < 0) return previous;
  const isOn = (t: number): boolean =>
    dispatch.aiSpotOn !== undefined ? dispatch.aiSpotOn[t] === 1 : dispatch.aiSpotMW[t]! > 1e-6;
  let onFor = 0;
  while (onFor <= last && isOn(last - onFor)) onFor++;
  const onSinceBefore = onFor === committedIntervals && previous.spotOn;
  return {
    miningMW: dispatch.miningMW[last]!,
    spotOn: onFor > 0,
    spotOnForIntervals: onSinceBefore ? previous.spotOnForIntervals + onFor : onFor,
    batteryEnergyMWh: dispatch.batteryEnergyMWh[last]!,
  };
}
