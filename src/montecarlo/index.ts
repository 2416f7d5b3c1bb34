/**
 * @module montecarlo
 * The Monte-Carlo lab, pure: scenario models, daily dispatch per strategy, path valuation and aggregates.
 * Threads and file loading live in `montecarlo-run/`.
 */
export { type Band, type McSummary, quantile, type StrategySummary, summarize } from './aggregate.ts';
export {
  type Assumption,
  type BuiltInputs,
  buildInputs,
  type DailyPrices,
  type FittedParameters,
} from './build-inputs.ts';
export { DayMarket, DayOutcome, StrategyKernel } from './dispatch.ts';
export { simulatePath, simulateRange, Workspace } from './engine.ts';
export { irrOf, npvUsd } from './finance.ts';
export { type DaySite, MC_STRATEGIES, type McInputs, type McStrategyName } from './inputs.ts';
export { allocateBuffers, DRIVERS, type McResults, pathFlowsUsd, viewResults } from './layout.ts';
export { PathStreams, rngFor } from './rng.ts';
