/**
 * @module runs/backtest-result
 * A backtest's outcome as the API serves it: operating profit summed to the end of each replayed day (the
 * numbers the HTML report's cumulative profit chart plots, unrounded) and each strategy's metrics, with the
 * figures a strategy may not have as null, so the JSON never carries NaN.
 */
import type { BacktestRequest, BacktestResult, StrategyMetricsView } from '../api/run-schemas.ts';
import type { StrategyMetrics } from '../backtest/metrics.ts';
import { profitUsdAt, type StrategyRun } from '../backtest/run.ts';
import type { BacktestOutcome } from '../backtest-run/run.ts';
import type { StrategyName } from '../strategies/catalog.ts';
import { MS_PER_DAY } from '../units/index.ts';

const HOURS_PER_DAY = 24;

export const STRATEGY_LABELS: Readonly<Record<StrategyName, string>> = {
  'mining-only': 'Mining only',
  'ai-only': 'AI only',
  'static-split': 'Static split',
  'price-threshold': 'Price threshold with hysteresis',
  'optimizer-perfect': 'Optimizer, perfect foresight',
  'optimizer-forecast': 'Optimizer, realistic forecast',
};

const finiteOrNull = (value: number | undefined): number | null =>
  value !== undefined && Number.isFinite(value) ? value : null;

function cumulativeDailyProfitUsd(run: StrategyRun, hours: number): number[] {
  const out: number[] = [];
  let totalUsd = 0;
  for (let t = 0; t < hours; t++) {
    totalUsd += profitUsdAt(run.ledger, t);
    if (t % HOURS_PER_DAY === HOURS_PER_DAY - 1) out.push(totalUsd);
  }
  return out;
}

function metricsView(m: StrategyMetrics): StrategyMetricsView {
  const { name: _name, usdPerFacilityMWh, dailyProfitCv, facilityMWhPerUsdRevenue, statuses, ...rest } = m;
  return {
    ...rest,
    usdPerFacilityMWh: {
      mining: finiteOrNull(usdPerFacilityMWh.mining),
      ai: finiteOrNull(usdPerFacilityMWh.ai),
    },
    dailyProfitCv: finiteOrNull(dailyProfitCv),
    facilityMWhPerUsdRevenue: finiteOrNull(facilityMWhPerUsdRevenue),
    statuses: Object.fromEntries(
      Object.entries(statuses).filter((e): e is [string, number] => e[1] !== undefined),
    ),
  };
}

export function backtestResultOf(outcome: BacktestOutcome, request: BacktestRequest): BacktestResult {
  const { series, runs, metrics } = outcome;
  const days = Math.floor(series.length / HOURS_PER_DAY);
  return {
    kind: 'backtest',
    siteName: outcome.siteName,
    from: request.from,
    to: request.to,
    dayStartMs: Array.from({ length: days }, (_, d) => series.startMs + d * MS_PER_DAY),
    // runBacktest runs the strategies in the order asked for.
    strategies: runs.map((run, i) => {
      const name = request.strategies[i]!;
      return {
        name,
        label: STRATEGY_LABELS[name],
        cumulativeProfitUsd: cumulativeDailyProfitUsd(run, days * HOURS_PER_DAY),
        metrics: metricsView(metrics[i]!),
      };
    }),
    sources: {
      price: series.priceSource,
      forecast: series.forecastSource,
      fourCp: series.fourCpSource,
      carbon: series.carbonAverageBasis,
    },
    notes: series.notes.map(({ input, assumed }) => ({ input, assumed })),
  };
}
