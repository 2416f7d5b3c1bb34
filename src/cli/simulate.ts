/**
 * @module cli/simulate
 * `switchyard simulate --site FILE --years 10 --paths 10000 --seed S [--threads N] [--out DIR] [--json]`: seeded
 * Monte-Carlo futures of one site, every strategy on every path, on worker threads; the work lives in
 * montecarlo-run/simulate.ts and the report in simulate-run.ts, both imported when the command runs.
 */
import { availableParallelism } from 'node:os';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { table } from './format.ts';
import { wholeNumber } from './options.ts';
import { type Io, toJson } from './output.ts';

const musd = (usd: number): string => (usd / 1e6).toFixed(1);
const pct = (f: number): string => (Number.isFinite(f) ? `${(f * 100).toFixed(1)} %` : '—');

export function registerSimulate(program: Command, io: Io): void {
  program
    .command('simulate')
    .description(
      'seeded Monte-Carlo futures (BTC, fees, difficulty, halvings, power price, GPU rents) for every strategy; writes report.html, results.json and CSV',
    )
    .requiredOption('--site <file>', 'site file with an operations section and optionally a scenario section')
    .option('--years <n>', 'simulated years (default: scenario.years, else 10)')
    .option('--paths <n>', 'number of paths', '10000')
    .option(
      '--seed <n>',
      'seed (0..4294967295); the same seed gives the same results on any thread count',
      '1',
    )
    .option('--threads <n>', `worker threads (default: available cores, ${availableParallelism()} here)`)
    .option('--out <dir>', 'report folder', 'out/simulate')
    .option('--json', 'print the summary as JSON instead of a table')
    .action(
      async (options: {
        site: string;
        years?: string;
        paths: string;
        seed: string;
        threads?: string;
        out: string;
        json?: boolean;
      }) => {
        const years =
          options.years === undefined ? undefined : wholeNumber(options.years, '--years', 1, '10');
        const paths = wholeNumber(options.paths, '--paths', 1, '10000');
        const seed = wholeNumber(options.seed, '--seed', 0, '42');
        const threads =
          options.threads === undefined ? undefined : wholeNumber(options.threads, '--threads', 1, '2');
        const bar = process.stderr.isTTY
          ? new SingleBar({
              format: 'simulate [{bar}] {percentage}% | {value}/{total} paths | ETA {eta_formatted}',
              hideCursor: true,
              stream: process.stderr,
            })
          : undefined;
        bar?.start(paths, 0);
        const { runSimulation } = await import('../montecarlo-run/simulate.ts');
        const { writeSimulationReport } = await import('./simulate-run.ts');
        const outcome = await runSimulation({
          sitePath: options.site,
          ...(years === undefined ? {} : { years }),
          paths,
          seed,
          ...(threads === undefined ? {} : { threads }),
          onProgress: (done) => bar?.update(done),
        });
        bar?.stop();
        const written = writeSimulationReport(options.out, outcome);
        const { summary } = outcome;
        if (options.json) return io.out(toJson(summary));
        io.out(
          table(
            ['strategy', 'NPV P10 $M', 'NPV P50 $M', 'NPV P90 $M', 'P(NPV>0)', 'IRR P50', 'hybrid beats it'],
            summary.strategies.map((s) => [
              s.name,
              musd(s.npvUsd.p10),
              musd(s.npvUsd.p50),
              musd(s.npvUsd.p90),
              pct(s.probabilityNpvPositive),
              pct(s.irr.p50),
              s.name === 'hybrid'
                ? '—'
                : pct(summary.hybridBeats.find((b) => b.against === s.name)?.probability ?? Number.NaN),
            ]),
          ),
        );
        io.out(
          `${summary.paths} paths × ${summary.years} years from ${outcome.built.fitted.startDay}, seed ${seed}, ${outcome.run.threads} threads, ${(outcome.run.wallNs / 1e9).toFixed(1)} s; wrote ${written.join(', ')}`,
        );
      },
    );
}
