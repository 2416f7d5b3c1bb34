/**
 * @module planner/model/energy-cost
 * What imported energy costs, as objective terms on the facility-import expression. Each contract is split into
 * a marginal cost per facility MWh (what the optimiser weighs a workload against) and a constant:
 * - real time: −(price + adder)·import;
 * - PPA with resale: −ppa·volume + price·(volume − import), i.e. marginal cost = the real-time price, because an
 *   unused MWh is sold back at that price (ECONOMICS.md §4.2);
 * - PPA without resale: −ppa·import (the volume does not enter);
 * - plus the 4CP charge on import in intervals flagged as likely peaks (§4.3);
 * - plus, in a called demand-response event, the program's rate: every MWh imported is one MWh less below the
 *   baseline, so it costs the payment it forgoes; the credit on the baseline itself is a constant.
 */
import type { PlannerSite, PlanningWindow } from '../problem.ts';
import { facilityImport } from './facility-import.ts';
import type { ModelBuilder } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

/** Cost of one more facility MWh imported in interval t, USD/MWh. */
export function importCostUsdPerMWh(site: PlannerSite, window: PlanningWindow, t: number): number {
  const priceUsdPerMWh = window.priceUsdPerMWh[t]!;
  const power = site.power;
  const energyUsdPerMWh =
    power.kind === 'real-time'
      ? priceUsdPerMWh + power.adderUsdPerMWh
      : power.resale
        ? priceUsdPerMWh
        : power.priceUsdPerMWh;
  return (
    energyUsdPerMWh +
    (window.fourCpRisk[t] === 1 ? site.fourCpChargeUsdPerMWh : 0) +
    eventRateUsdPerMWh(site, window, t)
  );
}

/** The demand-response rate in a called interval, else 0. */
export function eventRateUsdPerMWh(site: PlannerSite, window: PlanningWindow, t: number): number {
  return site.demandResponse !== undefined && window.drEvent?.[t] === 1
    ? site.demandResponse.paymentUsdPerMWh
    : 0;
}

/** The part of a resellable PPA no decision changes: volume bought at the PPA price and sold at real time. */
function ppaResaleConstantUsdPerH(site: PlannerSite, window: PlanningWindow, t: number): number {
  const power = site.power;
  if (power.kind !== 'ppa' || !power.resale) return 0;
  return (window.priceUsdPerMWh[t]! - power.priceUsdPerMWh) * power.volumeMW;
}

export function addEnergyCost(
  builder: ModelBuilder,
  site: PlannerSite,
  window: PlanningWindow,
  vars: PlannerVariables,
  hoursPerInterval: number,
): void {
  for (let t = 0; t < builder.intervals; t++) {
    const costUsdPerMWh = importCostUsdPerMWh(site, window, t);
    const { terms, constantMW } = facilityImport(site, vars, t);
    for (const { column, coefficient } of terms) {
      builder.addObjective(column, -costUsdPerMWh * coefficient * hoursPerInterval);
    }
    const baselineCreditUsdPerH =
      eventRateUsdPerMWh(site, window, t) * (site.demandResponse?.baselineMW ?? 0);
    const constantUsdPerH =
      -costUsdPerMWh * constantMW + ppaResaleConstantUsdPerH(site, window, t) + baselineCreditUsdPerH;
    builder.addConstant(t, constantUsdPerH * hoursPerInterval);
  }
}
