/**
 * @module runs/jobs
 * One run, start to finish, on whatever thread calls it (the run thread, or a test): the backtest and simulation
 * code the CLI runs, then the result in the API's shape. Progress is the fraction of the work done.
 */
import type { RunRequest, RunResult } from '../api/run-schemas.ts';
import { runBacktest } from '../backtest-run/run.ts';
import { runSimulation } from '../montecarlo-run/simulate.ts';
import { backtestResultOf } from './backtest-result.ts';
import { backtestSpanMs } from './check.ts';
import { exampleSitePath } from './examples.ts';
import { simulateResultOf } from './simulate-result.ts';

export async function executeRun(
  request: RunRequest,
  onProgress: (fraction: number) => void,
): Promise<RunResult> {
  const { path } = exampleSitePath(request.site, 'params.site');
  const progress = (done: number, total: number): void => onProgress(total > 0 ? done / total : 0);
  if (request.kind === 'backtest') {
    const outcome = await runBacktest({
      sitePath: path,
      ...backtestSpanMs(request, 'params.to'),
      strategies: request.strategies,
      onProgress: progress,
    });
    return backtestResultOf(outcome, request);
  }
  const outcome = await runSimulation({
    sitePath: path,
    years: request.years,
    paths: request.paths,
    seed: request.seed,
    onProgress: progress,
  });
  return simulateResultOf(outcome);
}
