/**
 * @module planner/model/battery
 * Battery state of charge and the no-export rule. The round-trip efficiency is split evenly, √η on the way in
 * and √η on the way out, so a full cycle returns η of what was charged. Power limits are the variables' bounds.
 */
import type { PlannerSite, PlannerState } from '../problem.ts';
import { facilityImport } from './facility-import.ts';
import type { ModelBuilder } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

/** `e_t − e_{t−1} − √η·h·charge_t + (h/√η)·discharge_t = 0`, with `e_{−1}` the carried energy. */
export function addBatterySoc(
  builder: ModelBuilder,
  site: PlannerSite,
  vars: PlannerVariables,
  state: PlannerState,
  hoursPerInterval: number,
): void {
  const { batteryChargeMW: charge, batteryDischargeMW: discharge, batteryEnergyMWh: energy } = vars;
  if (site.battery === undefined || !charge || !discharge || !energy) return;
  const oneWayEfficiency = Math.sqrt(site.battery.roundTripEfficiency);
  for (let t = 0; t < builder.intervals; t++) {
    const carriedMWh = t === 0 ? state.batteryEnergyMWh : 0;
    const previous = t === 0 ? [] : [{ column: energy[t - 1]!, coefficient: -1 }];
    builder.addConstraint({
      name: `battery_soc_t${t}`,
      family: 'battery_soc',
      interval: t,
      lower: carriedMWh,
      upper: carriedMWh,
      terms: [
        { column: energy[t]!, coefficient: 1 },
        ...previous,
        { column: charge[t]!, coefficient: -oneWayEfficiency * hoursPerInterval },
        { column: discharge[t]!, coefficient: hoursPerInterval / oneWayEfficiency },
      ],
    });
  }
}

/** Facility import ≥ 0: the battery may cover the site's own load but never feed the grid. */
export function addBatteryNoExport(builder: ModelBuilder, site: PlannerSite, vars: PlannerVariables): void {
  if (vars.batteryDischargeMW === undefined) return;
  for (let t = 0; t < builder.intervals; t++) {
    const { terms, constantMW } = facilityImport(site, vars, t);
    builder.addConstraint({
      name: `battery_no_export_t${t}`,
      family: 'battery_no_export',
      interval: t,
      lower: -constantMW,
      upper: Number.POSITIVE_INFINITY,
      terms,
    });
  }
}
