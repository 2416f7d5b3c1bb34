/**
 * @module planner/model/variables
 * The decision variables of one window, with their physical bounds. Families that a site does not have (no
 * contract, no spot cluster, no battery) get no variables, so the model stays as small as the site.
 */
import type { PlannerSite } from '../problem.ts';
import type { ModelBuilder } from './linear-model.ts';

/** Column indices of every decision variable, indexed by interval. */
export interface PlannerVariables {
  /** `[segment][interval]`: IT MW run in each mining segment. */
  readonly miningSegmentMW: readonly (readonly number[])[];
  readonly aiContractMW?: readonly number[];
  readonly aiShortfallMW?: readonly number[];
  readonly aiSpotMW?: readonly number[];
  /** Binaries, only when the spot cluster needs commitment (see `spotNeedsCommitment`). */
  readonly aiSpotOn?: readonly number[];
  readonly aiSpotStart?: readonly number[];
  readonly batteryChargeMW?: readonly number[];
  readonly batteryDischargeMW?: readonly number[];
  /** Stored energy at the END of each interval. */
  readonly batteryEnergyMWh?: readonly number[];
}

/**
 * Minimum on-time, restart cost and minimum load each need an on/off state, which makes the model a MILP;
 * without them a continuous spot variable says everything and the model stays an LP.
 */
export function spotNeedsCommitment(site: PlannerSite): boolean {
  const { spotMaxMW, spotMinOnIntervals, spotRestartCostUsd, spotMinLoadMW = 0 } = site.ai;
  return spotMaxMW > 0 && (spotMinOnIntervals > 1 || spotRestartCostUsd > 0 || spotMinLoadMW > 0);
}

function series(
  builder: ModelBuilder,
  prefix: string,
  lower: number,
  upper: number,
  integer = false,
): number[] {
  return Array.from({ length: builder.intervals }, (_, t) =>
    builder.addVariable({ name: `${prefix}_t${t}`, lower, upper, interval: t, integer }),
  );
}

export function definePlannerVariables(builder: ModelBuilder, site: PlannerSite): PlannerVariables {
  const miningSegmentMW = site.mining.segments.map((segment, k) =>
    series(builder, `mining_s${k}`, 0, segment.widthMW),
  );
  const { contractedMW, spotMaxMW } = site.ai;
  const contract =
    contractedMW > 0
      ? {
          aiContractMW: series(builder, 'ai_contract', 0, contractedMW),
          aiShortfallMW: series(builder, 'ai_shortfall', 0, contractedMW),
        }
      : {};
  const spot = spotMaxMW > 0 ? { aiSpotMW: series(builder, 'ai_spot', 0, spotMaxMW) } : {};
  const commitment = spotNeedsCommitment(site)
    ? {
        aiSpotOn: series(builder, 'ai_spot_on', 0, 1, true),
        aiSpotStart: series(builder, 'ai_spot_start', 0, 1, true),
      }
    : {};
  const battery = site.battery;
  const storage =
    battery !== undefined && battery.energyMWh > 0 && battery.powerMW > 0
      ? {
          batteryChargeMW: series(builder, 'battery_charge', 0, battery.powerMW),
          batteryDischargeMW: series(builder, 'battery_discharge', 0, battery.powerMW),
          batteryEnergyMWh: series(builder, 'battery_energy', 0, battery.energyMWh),
        }
      : {};
  return { miningSegmentMW, ...contract, ...spot, ...commitment, ...storage };
}
