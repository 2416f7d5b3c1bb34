/**
 * @module montecarlo-run/simulate
 * A whole simulation: fit the scenario to the site and the shipped history, run the worker pool, summarise.
 * The CLI writes the outcome as a report folder, the API's run thread as JSON.
 */
import { type McSummary, summarize } from '../montecarlo/aggregate.ts';
import type { BuiltInputs } from '../montecarlo/build-inputs.ts';
import { loadInputs } from './load-inputs.ts';
import { type PoolRun, runPool } from './pool.ts';

export interface SimulateOutcome {
  readonly built: BuiltInputs & { readonly site: { readonly name: string } };
  readonly run: PoolRun;
  readonly summary: McSummary;
  readonly seed: number;
}

export async function runSimulation(options: {
  sitePath: string;
  years?: number;
  paths: number;
  seed: number;
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<SimulateOutcome> {
  const built = loadInputs(options.sitePath, options.years);
  const run = await runPool(built.inputs, {
    paths: options.paths,
    seed: options.seed,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const summary = summarize(
    run.results,
    built.inputs.sites.map((s) => s.name),
  );
  return { built, run, summary, seed: options.seed };
}
