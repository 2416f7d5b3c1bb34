/**
 * @module cli/backtest-run
 * The report folder of `switchyard backtest` (report.html with SVG charts, results.json, metrics.csv,
 * hourly.csv). Loaded only when the command runs, so the charting library never slows down the other commands.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { LEDGER_COLUMNS } from '../backtest/run.ts';
import type { BacktestOutcome } from '../backtest-run/run.ts';
import {
  cumulativeProfitSvg,
  powerSplitSvg,
  priceVsDecisionSvg,
  usdPerMWhSvg,
} from '../report/backtest-charts.ts';
import { backtestHtml } from '../report/backtest-html.ts';
import { toJson } from './output.ts';

export function writeBacktestReport(
  outDir: string,
  out: BacktestOutcome,
  from: string,
  to: string,
): string[] {
  mkdirSync(outDir, { recursive: true });
  const { series, runs, metrics } = out;
  const best =
    runs.find((r) => r.name.startsWith('optimizer')) ??
    runs.find((r) => r.name === 'price-threshold') ??
    runs[0]!;
  const html = backtestHtml({
    siteName: out.siteName,
    from,
    to,
    importLimitMW: out.resolved.planner.importLimitMW,
    sources: [
      ['settlement price', series.priceSource],
      ['forecast price', series.forecastSource],
      ['hashprice', 'daily, from shipped BTC price, difficulty and fees (data/btc_network_daily.csv)'],
      ['4CP risk hours', series.fourCpSource],
      ['carbon, average', series.carbonAverageBasis],
      ['carbon, marginal', `${series.carbonMarginalGPerKWh} g/kWh (site.carbon.marginalGPerKWh)`],
    ],
    metrics,
    charts: [
      { title: 'Cumulative profit per strategy', svg: cumulativeProfitSvg(runs, series) },
      { title: `Stacked power split (${best.name})`, svg: powerSplitSvg(best, series) },
      { title: 'Revenue per MWh by workload', svg: usdPerMWhSvg(metrics) },
      { title: `Price vs decision (${best.name})`, svg: priceVsDecisionSvg(best, series) },
    ],
    notes: series.notes,
  });
  const hourly = stringify(
    runs.flatMap((run) =>
      Array.from({ length: series.length }, (_, t) => [
        run.name,
        new Date(series.startMs + t * 3_600_000).toISOString(),
        series.priceUsdPerMWh[t],
        ...LEDGER_COLUMNS.map((c) => run.ledger[c][t]),
      ]),
    ),
    { header: true, columns: ['strategy', 'interval_start_utc', 'price_usd_per_mwh', ...LEDGER_COLUMNS] },
  );
  const metricsCsv = stringify(
    metrics.map((m) => [
      m.name,
      m.forecast,
      m.profitUsd,
      m.profitUsdPerMWYear,
      m.revenueUsd.mining,
      m.revenueUsd.aiContract,
      m.revenueUsd.aiSpot,
      m.energyCostUsd,
      m.resaleCreditUsd,
      m.drCreditUsd,
      m.fourCpChargeUsd,
      m.penaltyUsd,
      m.restartCostUsd,
      m.curtailedItMWh,
      m.curtailedHours,
      m.aiSlaMet,
      m.emissions.averageTonnes,
      m.emissions.marginalTonnes,
    ]),
    {
      header: true,
      columns: [
        'strategy',
        'forecast',
        'profit_usd',
        'profit_usd_per_mw_year',
        'mining_revenue_usd',
        'ai_contract_revenue_usd',
        'ai_spot_revenue_usd',
        'energy_cost_usd',
        'resale_credit_usd',
        'dr_credit_usd',
        'fourcp_charge_usd',
        'penalty_usd',
        'restart_cost_usd',
        'curtailed_it_mwh',
        'curtailed_hours',
        'ai_sla_met',
        'tco2_average',
        'tco2_marginal',
      ],
    },
  );
  const files: Record<string, string> = {
    'report.html': html,
    'results.json': toJson({
      site: out.siteName,
      from,
      to,
      sources: {
        price: series.priceSource,
        forecast: series.forecastSource,
        fourCp: series.fourCpSource,
        carbon: series.carbonAverageBasis,
      },
      notes: series.notes,
      metrics,
    }),
    'metrics.csv': metricsCsv,
    'hourly.csv': hourly,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
  return Object.keys(files).map((f) => join(outDir, f));
}
