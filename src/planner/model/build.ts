/**
 * @module planner/model/build
 * `buildModel` composes the families into one model, as PyPSA's `create_model` does: variables first, then one
 * call per constraint family, then the objective terms.
 */
import type { PlannerSite, PlannerState, PlanningWindow } from '../problem.ts';
import { addAiContract } from './ai-contract.ts';
import { addAiSpotCapacity, addAiSpotMinLoad, addAiSpotMinOn, addAiSpotStart } from './ai-spot.ts';
import { addBatteryNoExport, addBatterySoc } from './battery.ts';
import { addEnergyCost } from './energy-cost.ts';
import { addImportLimit } from './import-limit.ts';
import { type LinearModel, ModelBuilder } from './linear-model.ts';
import { addMiningRamp } from './mining.ts';
import { addWorkloadRevenue } from './objective.ts';
import { definePlannerVariables, type PlannerVariables } from './variables.ts';
import { hoursPerInterval, intervalCount } from './window.ts';

export interface BuiltModel {
  readonly model: LinearModel;
  readonly vars: PlannerVariables;
  readonly hoursPerInterval: number;
}

export function buildModel(site: PlannerSite, window: PlanningWindow, state: PlannerState): BuiltModel {
  const builder = new ModelBuilder(intervalCount(window));
  const h = hoursPerInterval(window);
  const vars = definePlannerVariables(builder, site);
  addImportLimit(builder, site, vars);
  addMiningRamp(builder, site, vars, state);
  addAiContract(builder, site, vars);
  addAiSpotCapacity(builder, site, vars);
  addAiSpotMinLoad(builder, site, vars);
  addAiSpotStart(builder, vars, state);
  addAiSpotMinOn(builder, site, vars, state);
  addBatterySoc(builder, site, vars, state, h);
  addBatteryNoExport(builder, site, vars);
  addWorkloadRevenue(builder, site, window, vars, h);
  addEnergyCost(builder, site, window, vars, h);
  return { model: builder.build(), vars, hoursPerInterval: h };
}
