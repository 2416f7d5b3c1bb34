/**
 * @module backtest/run
 * Replays a strategy over the hourly series: every `commitIntervals` it plans a window (forecast or observed
 * prices, as the strategy asks), commits the first part, settles it at actual prices and carries the state.
 */

import { miningCapacityMW } from '../planner/model/mining.ts';
import type { PlannerState, PlanStatus } from '../planner/problem.ts';
import { initialPlannerState, stateAfter } from '../planner/state.ts';
import type { ResolvedSite } from '../strategies/resolve-site.ts';
import type { Strategy } from '../strategies/types.ts';
import { planningWindow, spotUsdPerMWh } from '../strategies/window.ts';
import type { BacktestSeries } from './series.ts';
import { settleInto } from './settle.ts';

export const LEDGER_COLUMNS = [
  'miningRevenueUsd',
  'aiContractRevenueUsd',
  'aiSpotRevenueUsd',
  'penaltyUsd',
  'energyCostUsd',
  'resaleCreditUsd',
  'fourCpChargeUsd',
  'drCreditUsd',
  'restartCostUsd',
  'miningMW',
  'aiContractMW',
  'aiSpotMW',
  'batteryNetMW',
  'importMW',
  'curtailedItMW',
  'marginalValueUsdPerMWh',
] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

/** Per interval of the whole span, one Float64Array per quantity. */
export type Ledger = Readonly<Record<LedgerColumn, Float64Array>>;

/** Operating profit of interval `t`: revenue, less energy, plus resale and demand-response credits, less charges. */
export function profitUsdAt(l: Ledger, t: number): number {
  return (
    l.miningRevenueUsd[t]! +
    l.aiContractRevenueUsd[t]! +
    l.aiSpotRevenueUsd[t]! -
    l.energyCostUsd[t]! +
    l.resaleCreditUsd[t]! +
    l.drCreditUsd[t]! -
    l.fourCpChargeUsd[t]! -
    l.penaltyUsd[t]! -
    l.restartCostUsd[t]!
  );
}

export interface StrategyRun {
  readonly name: string;
  readonly forecast: Strategy['forecast'];
  readonly site: Strategy['site'];
  readonly ledger: Ledger;
  readonly windows: number;
  readonly statuses: Readonly<Partial<Record<PlanStatus, number>>>;
  readonly bindingConstraints: readonly string[];
}

export function runStrategy({
  series,
  resolved,
  strategy,
  commitIntervals = 24,
  onWindow,
}: {
  series: BacktestSeries;
  resolved: ResolvedSite;
  strategy: Strategy;
  commitIntervals?: number;
  onWindow?: (doneIntervals: number) => void;
}): StrategyRun {
  const n = series.length;
  const ledger = Object.fromEntries(LEDGER_COLUMNS.map((c) => [c, new Float64Array(n)])) as Record<
    LedgerColumn,
    Float64Array
  >;
  const site = strategy.site;
  const capacityMW = miningCapacityMW(site) + site.ai.spotMaxMW;
  const hours = series.stepS / 3600;
  const spotRevenueUsdPerMWh = spotUsdPerMWh(resolved);
  const miningUsdPerMWhByInterval = planningWindow(series, resolved, 0, n, 'perfect').miningUsdPerMWh;
  let state: PlannerState = initialPlannerState(site);
  const statuses: Partial<Record<PlanStatus, number>> = {};
  const binding: string[] = [];
  let windows = 0;
  for (let k = 0; k < n; k += commitIntervals) {
    const window = planningWindow(
      series,
      resolved,
      k,
      Math.max(strategy.lookaheadIntervals, commitIntervals),
      strategy.forecast,
    );
    const decision = strategy.decide(window, state);
    windows++;
    statuses[decision.status] = (statuses[decision.status] ?? 0) + 1;
    if (decision.bindingConstraint) binding.push(decision.bindingConstraint);
    const d = decision.dispatch;
    const commit = Math.min(commitIntervals, n - k);
    for (let j = 0; j < commit; j++) {
      const t = k + j;
      const spotMW = d.aiSpotMW[j] ?? 0;
      const starting = spotMW > 0 && !(j === 0 ? state.spotOn : (d.aiSpotMW[j - 1] ?? 0) > 0);
      settleInto(ledger, t, site, {
        hours,
        priceUsdPerMWh: series.priceUsdPerMWh[t]!,
        miningUsdPerMWh: miningUsdPerMWhByInterval[t]!,
        aiSpotUsdPerMWh: spotRevenueUsdPerMWh,
        fourCpPeak: series.fourCpPeak[t] === 1,
        drEvent: series.drEvent[t] === 1,
        miningMW: d.miningMW[j] ?? 0,
        aiContractMW: d.aiContractMW[j] ?? 0,
        aiSpotMW: spotMW,
        importMW: d.importMW[j] ?? 0,
      });
      ledger.restartCostUsd[t] = starting ? site.ai.spotRestartCostUsd : 0;
      ledger.miningMW[t] = d.miningMW[j] ?? 0;
      ledger.aiContractMW[t] = d.aiContractMW[j] ?? 0;
      ledger.aiSpotMW[t] = spotMW;
      ledger.batteryNetMW[t] = (d.batteryChargeMW[j] ?? 0) - (d.batteryDischargeMW[j] ?? 0);
      ledger.importMW[t] = d.importMW[j] ?? 0;
      ledger.curtailedItMW[t] = Math.max(0, capacityMW - (d.miningMW[j] ?? 0) - spotMW);
      ledger.marginalValueUsdPerMWh[t] = decision.marginalValueUsdPerMWh?.[j] ?? Number.NaN;
    }
    state = stateAfter(d, commit, state);
    onWindow?.(k + commit);
  }
  return {
    name: strategy.name,
    forecast: strategy.forecast,
    site,
    ledger,
    windows,
    statuses,
    bindingConstraints: binding,
  };
}
