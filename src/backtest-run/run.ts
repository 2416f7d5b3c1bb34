/**
 * @module backtest-run/run
 * The I/O edge of a backtest: read the site file and the shipped history, build each strategy (loading the
 * solver only when an optimizer is asked for), replay them and compute their metrics. The CLI writes the
 * outcome as a report folder, the API's run thread as JSON; neither drags the other's renderers along.
 */
import { type StrategyMetrics, strategyMetrics } from '../backtest/metrics.ts';
import { runStrategy, type StrategyRun } from '../backtest/run.ts';
import type { BacktestSeries } from '../backtest/series.ts';
import { loadSiteFile } from '../config/load.ts';
import { loadBacktestSeries } from '../history/load-backtest.ts';
import { loadHighs } from '../planner/highs.ts';
import {
  OPTIMIZER_STRATEGIES,
  RULE_STRATEGIES,
  ruleStrategy,
  type StrategyName,
} from '../strategies/catalog.ts';
import { optimizer } from '../strategies/optimizer.ts';
import { type ResolvedSite, resolveSite } from '../strategies/resolve-site.ts';
import type { Strategy } from '../strategies/types.ts';

export async function buildStrategies(
  names: readonly StrategyName[],
  resolved: ResolvedSite,
): Promise<Strategy[]> {
  const needsSolver = names.some((n) => (OPTIMIZER_STRATEGIES as readonly string[]).includes(n));
  const highs = needsSolver ? await loadHighs() : undefined;
  return names.map((name) =>
    (RULE_STRATEGIES as readonly string[]).includes(name)
      ? ruleStrategy(name as (typeof RULE_STRATEGIES)[number], resolved)
      : optimizer({
          name,
          site: resolved.planner,
          highs: highs!,
          forecast: name === 'optimizer-perfect' ? 'perfect' : 'realistic',
        }),
  );
}

export interface BacktestOutcome {
  readonly siteName: string;
  readonly resolved: ResolvedSite;
  readonly series: BacktestSeries;
  /** In the order the strategies were asked for. */
  readonly runs: readonly StrategyRun[];
  readonly metrics: readonly StrategyMetrics[];
}

/** Replays whole UTC days [fromMs, toMs); `onProgress` counts hours replayed over every strategy. */
export async function runBacktest({
  sitePath,
  fromMs,
  toMs,
  strategies,
  onProgress,
}: {
  sitePath: string;
  fromMs: number;
  toMs: number;
  strategies: readonly StrategyName[];
  onProgress?: (done: number, total: number) => void;
}): Promise<BacktestOutcome> {
  const site = loadSiteFile(sitePath);
  const resolved = resolveSite(site);
  const series = loadBacktestSeries({ site, fromMs, toMs });
  const built = await buildStrategies(strategies, resolved);
  const runs: StrategyRun[] = [];
  const total = built.length * series.length;
  for (const [i, strategy] of built.entries()) {
    runs.push(
      runStrategy({
        series,
        resolved,
        strategy,
        onWindow: (done) => onProgress?.(i * series.length + done, total),
      }),
    );
  }
  return {
    siteName: site.name,
    resolved,
    series,
    runs,
    metrics: runs.map((r) => strategyMetrics(r, series)),
  };
}
