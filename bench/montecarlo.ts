/**
 * Monte-Carlo bench (issue 4, item 6): 10,000 paths × 10 years of daily steps, every strategy, on the 20 MW
 * example site, on 1 and then 2 worker threads. ns per path-day per thread is worker compute time (start-up
 * excluded); total seconds are wall time of the whole pool run (worker start-up included).
 */
import { fileURLToPath } from 'node:url';
import { loadSiteFile } from '../src/config/load.ts';
import { loadInputsFor } from '../src/montecarlo-run/load-inputs.ts';
import { runPool } from '../src/montecarlo-run/pool.ts';

export interface MonteCarloFigure {
  readonly figure: string;
  readonly value: string;
  readonly ratio: string;
}

const TARGET_NS_PER_PATH_DAY = 150;
const TARGET_TOTAL_S = 5;
const TARGET_SPEEDUP = 1.7;
const TARGET_RSS_MB = 1024;

export async function montecarloFigures(paths = 10_000, years = 10): Promise<MonteCarloFigure[]> {
  const site = loadSiteFile(fileURLToPath(new URL('../examples/site-20mw.yaml', import.meta.url)));
  const { inputs } = loadInputsFor(site, years);
  const pathDays = paths * inputs.days;
  // A short warm-up run so both timed runs find the history parsed and the module graph loaded.
  await runPool(inputs, { paths: 200, seed: 1, threads: 2 });
  const one = await runPool(inputs, { paths, seed: 1, threads: 1 });
  const two = await runPool(inputs, { paths, seed: 1, threads: 2 });
  const nsPerPathDay = (run: typeof one): number =>
    Math.max(
      ...run.workerComputeNs.map(
        (ns, i) => ns / (i === 0 ? Math.ceil(paths / run.threads) : Math.floor(paths / run.threads)),
      ),
    ) / inputs.days;
  const oneNs = nsPerPathDay(one);
  const twoNs = nsPerPathDay(two);
  const oneS = one.wallNs / 1e9;
  const twoS = two.wallNs / 1e9;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  return [
    {
      figure: 'paths × days, strategies',
      value: `${paths.toLocaleString('en-US')} × ${inputs.days}`,
      ratio: `${inputs.sites.length} strategies, ${(pathDays / 1e6).toFixed(1)} M path-days`,
    },
    {
      figure: 'ns per path-day per thread, 1 thread',
      value: `${oneNs.toFixed(0)} ns`,
      ratio: `${(oneNs / TARGET_NS_PER_PATH_DAY).toFixed(2)}× the ${TARGET_NS_PER_PATH_DAY} ns target`,
    },
    {
      figure: 'ns per path-day per thread, 2 threads',
      value: `${twoNs.toFixed(0)} ns`,
      ratio: `${(twoNs / TARGET_NS_PER_PATH_DAY).toFixed(2)}× the target`,
    },
    { figure: 'total, 1 thread (wall)', value: `${oneS.toFixed(2)} s`, ratio: '' },
    {
      figure: 'total, 2 threads (wall)',
      value: `${twoS.toFixed(2)} s`,
      ratio: `${(twoS / TARGET_TOTAL_S).toFixed(2)}× the ${TARGET_TOTAL_S} s target`,
    },
    {
      figure: 'speed-up 1 → 2 threads (wall)',
      value: `${(oneS / twoS).toFixed(2)}×`,
      ratio: `target ≥ ${TARGET_SPEEDUP}×`,
    },
    {
      figure: 'peak RSS (maxRSS, main process incl. workers)',
      value: `${rssMb.toFixed(0)} MB`,
      ratio: `${(rssMb / TARGET_RSS_MB).toFixed(2)}× the 1 GB target`,
    },
  ];
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (invokedDirectly) {
  for (const f of await montecarloFigures())
    console.log(`  ${f.figure.padEnd(48)} ${f.value.padStart(14)}  ${f.ratio}`);
}
