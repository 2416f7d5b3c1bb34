/**
 * Issue 4 figures: the backtester over the whole shipped hourly span for the 100 MW example (rule strategies in
 * µs per interval, the optimizer with daily re-planning in seconds), and one 168-hour planning LP solved by
 * HiGHS and by javascript-lp-solver with equal objectives asserted.
 */
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { runStrategy } from '../src/backtest/run.ts';
import { parseSiteText } from '../src/config/load.ts';
import { loadBacktestSeries } from '../src/history/load-backtest.ts';
import { benchmarkProblem } from '../src/planner/fixtures.ts';
import { loadHighs, solveWithHighs } from '../src/planner/highs.ts';
import { solveWithJsLpSolver } from '../src/planner/lp-solver-js.ts';
import { buildModel } from '../src/planner/model/build.ts';
import { RULE_STRATEGIES, ruleStrategy } from '../src/strategies/catalog.ts';
import { optimizer } from '../src/strategies/optimizer.ts';
import { resolveSite } from '../src/strategies/resolve-site.ts';

export interface Figure {
  readonly figure: string;
  readonly value: string;
  readonly ratio: string;
}

export async function backtestFigures(): Promise<Figure[]> {
  const site = parseSiteText(
    readFileSync(new URL('../examples/site-100mw.yaml', import.meta.url), 'utf8'),
    'site-100mw.yaml',
  );
  const resolved = resolveSite(site);
  const series = loadBacktestSeries({ site, fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2025, 11, 1) });
  const figures: Figure[] = [
    {
      figure: 'backtest span (100 MW example)',
      value: `${series.length.toLocaleString('en-US')} h`,
      ratio: '2024-01-01 .. 2025-11-30, all shipped hourly RT',
    },
  ];
  const bench = new Bench({ time: 1500, warmupIterations: 2, iterations: 5 });
  for (const name of RULE_STRATEGIES) {
    const strategy = ruleStrategy(name, resolved);
    bench.add(name, () => {
      runStrategy({ series, resolved, strategy });
    });
  }
  await bench.run();
  for (const name of RULE_STRATEGIES) {
    const result = bench.getTask(name)?.result;
    if (result?.state !== 'completed') throw new Error(`bench ${name} did not complete`);
    const usPerInterval = (result.latency.p50 * 1000) / series.length;
    figures.push({
      figure: `rule ${name}, per interval`,
      value: `${usPerInterval.toFixed(3)} µs`,
      ratio: `${(usPerInterval / 0.5).toFixed(2)}× the 0.5 µs target`,
    });
  }
  const highs = await loadHighs();
  for (const forecast of ['perfect', 'realistic'] as const) {
    const start = process.hrtime.bigint();
    const run = runStrategy({
      series,
      resolved,
      strategy: optimizer({ name: 'optimizer', site: resolved.planner, highs, forecast }),
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    figures.push({
      figure: `optimizer (${forecast}), 48 h windows re-planned daily`,
      value: `${seconds.toFixed(2)} s`,
      ratio: `${(seconds / 10).toFixed(2)}× the 10 s target; ${run.windows} windows, ${((seconds * 1000) / run.windows).toFixed(1)} ms each`,
    });
  }
  const { site: lpSite, window, state } = benchmarkProblem(168, false);
  const { model } = buildModel(lpSite, window, state);
  const lp = new Bench({ time: 2000, warmupIterations: 2 })
    .add('highs', () => solveWithHighs(highs, model))
    .add('javascript-lp-solver', () => solveWithJsLpSolver(model));
  await lp.run();
  const ms = (name: string): number => {
    const result = lp.getTask(name)?.result;
    if (result?.state !== 'completed') throw new Error(`bench ${name} did not complete`);
    return result.latency.p50;
  };
  const highsObjective = solveWithHighs(highs, model).objectiveUsd;
  const jsObjective = solveWithJsLpSolver(model).objectiveUsd;
  if (!(Math.abs(highsObjective - jsObjective) <= 1e-6 * Math.abs(highsObjective))) {
    throw new Error(`objectives differ: HiGHS ${highsObjective} vs javascript-lp-solver ${jsObjective}`);
  }
  figures.push(
    {
      figure: `168-h LP (${model.variables.length} cols × ${model.constraints.length} rows), HiGHS`,
      value: `${ms('highs').toFixed(1)} ms`,
      ratio: '1.00×',
    },
    {
      figure: '168-h LP, javascript-lp-solver',
      value: `${ms('javascript-lp-solver').toFixed(1)} ms`,
      ratio: `${(ms('javascript-lp-solver') / ms('highs')).toFixed(1)}× HiGHS; objectives equal (${highsObjective.toFixed(2)} USD)`,
    },
  );
  return figures;
}
