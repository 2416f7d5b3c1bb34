/**
 * @module switchyard
 * The public API. Everything a user may import from 'switchyard' is re-exported here and nowhere else.
 */

export { type StrategyMetrics, strategyMetrics } from './backtest/metrics.ts';
export { type Ledger, runStrategy, type StrategyRun } from './backtest/run.ts';
export type { BacktestSeries } from './backtest/series.ts';
export { loadSiteFile, parseSiteText } from './config/load.ts';
export { type InvestCase, type Site, type SiteInput, siteSchema } from './config/site.ts';
export * from './economics/ai/index.ts';
export * from './economics/bitcoin/index.ts';
export * from './economics/carbon/index.ts';
export * from './economics/energy/index.ts';
export * from './economics/finance/index.ts';
export * from './economics/hardware/index.ts';
export * from './economics/metrics/index.ts';
export * from './economics/stochastic/index.ts';
export * from './errors.ts';
export * from './history/index.ts';
export { loadBacktestSeries } from './history/load-backtest.ts';
export {
  type Highs,
  initialPlannerState,
  loadHighs,
  planRolling,
  solvePlan,
  solveWithHighs,
  solveWithJsLpSolver,
} from './planner/index.ts';
export type * from './planner/problem.ts';
export { type CompareReport, compareReport } from './report/compare.ts';
export { type EnergyReport, energyReport } from './report/energy.ts';
export { type InvestDrivers, type InvestResult, investCashflows } from './report/invest.ts';
export { type InvestReport, investReport } from './report/invest-report.ts';
export { investSensitivity, type SensitivityRow } from './report/invest-sensitivity.ts';
export { latestCompleteDayMs, type MarketDay, marketDay } from './report/market.ts';
export { type SiteEconomics, siteEconomicsOn } from './report/site-economics.ts';
export * from './series/index.ts';
export {
  aiOnlySite,
  miningOnlySite,
  ruleStrategy,
  STRATEGY_NAMES,
  type StrategyName,
} from './strategies/catalog.ts';
export { optimizer } from './strategies/optimizer.ts';
export { type ResolvedSite, resolveSite } from './strategies/resolve-site.ts';
export type { Strategy, StrategyDecision } from './strategies/types.ts';
export * from './units/index.ts';
