/**
 * @module report/backtest-html
 * One self-contained HTML page (inline SVG, no scripts) a person opens after a backtest.
 */
import type { StrategyMetrics } from '../backtest/metrics.ts';
import type { Assumption } from './market.ts';

export interface BacktestPage {
  readonly siteName: string;
  readonly from: string;
  readonly to: string;
  readonly importLimitMW: number;
  readonly sources: readonly [string, string][];
  readonly metrics: readonly StrategyMetrics[];
  readonly charts: readonly { readonly title: string; readonly svg: string }[];
  readonly notes: readonly Assumption[];
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const musd = (usd: number): string =>
  `${(usd / 1e6).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const maybe = (value: number | undefined, digits: number): string =>
  value === undefined
    ? '—'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const COLUMNS: readonly [string, (m: StrategyMetrics) => string][] = [
  ['strategy', (m) => `${escapeHtml(m.name)}<br><small>${escapeHtml(m.forecast)}</small>`],
  ['profit $M', (m) => musd(m.profitUsd)],
  ['profit $/MW-yr', (m) => maybe(m.profitUsdPerMWYear, 0)],
  ['mining rev $M', (m) => musd(m.revenueUsd.mining)],
  ['AI rev $M', (m) => musd(m.revenueUsd.aiContract + m.revenueUsd.aiSpot)],
  ['energy $M', (m) => musd(m.energyCostUsd)],
  ['resale $M', (m) => musd(m.resaleCreditUsd)],
  ['4CP $M', (m) => musd(m.fourCpChargeUsd)],
  ['DR $M', (m) => musd(m.drCreditUsd)],
  ['mining $/MWh', (m) => maybe(m.usdPerFacilityMWh.mining, 0)],
  ['AI $/MWh', (m) => maybe(m.usdPerFacilityMWh.ai, 0)],
  ['daily CV', (m) => maybe(m.dailyProfitCv, 3)],
  ['curtailed MWh / h', (m) => `${maybe(m.curtailedItMWh, 0)} / ${maybe(m.curtailedHours, 0)}`],
  ['AI SLA', (m) => `${maybe(m.aiSlaMet * 100, 1)} %`],
  [
    't CO2 avg / marg.',
    (m) => `${maybe(m.emissions.averageTonnes, 0)} / ${maybe(m.emissions.marginalTonnes, 0)}`,
  ],
  ['MWh per $', (m) => maybe(m.facilityMWhPerUsdRevenue, 4)],
];

export function backtestHtml(page: BacktestPage): string {
  const rows = page.metrics
    .map((m) => `<tr>${COLUMNS.map(([, cell]) => `<td>${cell(m)}</td>`).join('')}</tr>`)
    .join('\n');
  const sources = page.sources.map(([k, v]) => `<li><b>${escapeHtml(k)}</b>: ${escapeHtml(v)}</li>`).join('');
  const notes = page.notes
    .map((n) => `<li><b>${escapeHtml(n.input)}</b>: ${escapeHtml(n.assumed)}</li>`)
    .join('');
  const charts = page.charts
    .map((c) => `<figure><figcaption>${escapeHtml(c.title)}</figcaption>${c.svg}</figure>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backtest — ${escapeHtml(page.siteName)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:1000px;padding:0 1rem;color:#222}
h1{font-size:1.4rem}table{border-collapse:collapse;font-size:.82rem;width:100%;overflow-x:auto;display:block}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:right;white-space:nowrap}th:first-child,td:first-child{text-align:left}
figure{margin:1.5rem 0}figcaption{font-weight:600;margin-bottom:.3rem}svg{max-width:100%;height:auto}small{color:#666}
ul{font-size:.85rem}
</style></head><body>
<h1>Backtest: ${escapeHtml(page.siteName)}</h1>
<p>${escapeHtml(page.from)} to ${escapeHtml(page.to)} (UTC), hourly, grid connection ${page.importLimitMW} MW. Operating profit: revenue minus energy,
resale credit added, 4CP charges, SLA penalties and restart costs subtracted; capital costs are not in it.</p>
<table><thead><tr>${COLUMNS.map(([h]) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
${charts}
<h2>Data</h2><ul>${sources}</ul>
<h2>Assumed and missing inputs</h2><ul>${notes || '<li>none</li>'}</ul>
</body></html>
`;
}
