/**
 * @module cli/simulate-run
 * The report folder of `switchyard simulate` (report.html with SVG charts, results.json, summary.csv,
 * paths.csv). Imported only when the command runs, so the charting library never slows down the others.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { scenarioOf } from '../montecarlo-run/load-inputs.ts';
import type { SimulateOutcome } from '../montecarlo-run/simulate.ts';
import { cashFanRange, cashFanSvg, driverFanSvgs, npvDistributionSvg } from '../report/montecarlo-charts.ts';
import { montecarloHtml } from '../report/montecarlo-html.ts';
import { toJson } from './output.ts';

export function writeSimulationReport(outDir: string, o: SimulateOutcome): string[] {
  mkdirSync(outDir, { recursive: true });
  const { built, run, summary } = o;
  const names = built.inputs.sites.map((s) => s.name);
  const range = cashFanRange(summary);
  const scenario = scenarioOf(built.site as Parameters<typeof scenarioOf>[0], built.inputs.years);
  const runInfo = {
    paths: run.results.paths,
    years: built.inputs.years,
    seed: o.seed,
    threads: run.threads,
    seconds: run.wallNs / 1e9,
  };
  const html = montecarloHtml({
    siteName: built.site.name,
    run: runInfo,
    btcModel: scenario.btc.model,
    summary,
    fitted: built.fitted,
    assumptions: built.assumptions,
    scenario,
    fans: summary.strategies.map((s, i) => cashFanSvg(s, i, range)),
    npvSvg: npvDistributionSvg(run.results, names),
    drivers: driverFanSvgs(summary),
  });
  const { paths } = run.results;
  const perPath: (string | number)[][] = [];
  names.forEach((name, s) => {
    for (let p = 0; p < paths; p++)
      perPath.push([p, name, run.results.npvUsd[s * paths + p]!, run.results.irr[s * paths + p]!]);
  });
  const files: Record<string, string> = {
    'report.html': html,
    'results.json': toJson({
      site: built.site.name,
      run: runInfo,
      summary,
      fitted: built.fitted,
      assumptions: built.assumptions,
      scenario,
    }),
    'summary.csv': stringify(
      summary.strategies.map((s) => [
        s.name,
        s.npvUsd.p10,
        s.npvUsd.p50,
        s.npvUsd.p90,
        s.npvUsd.mean,
        s.probabilityNpvPositive,
        s.irr.p10,
        s.irr.p50,
        s.irr.p90,
        s.pathsWithIrr,
        summary.hybridBeats.find((b) => b.against === s.name)?.probability ?? '',
      ]),
      {
        header: true,
        columns: [
          'strategy',
          'npv_p10_usd',
          'npv_p50_usd',
          'npv_p90_usd',
          'npv_mean_usd',
          'p_npv_positive',
          'irr_p10',
          'irr_p50',
          'irr_p90',
          'paths_with_irr',
          'p_hybrid_beats',
        ],
      },
    ),
    'paths.csv': stringify(perPath, { header: true, columns: ['path', 'strategy', 'npv_usd', 'irr'] }),
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
  return Object.keys(files).map((f) => join(outDir, f));
}
