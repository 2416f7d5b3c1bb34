/**
 * @module report/montecarlo-html
 * One self-contained HTML page (inline SVG, no scripts) for a Monte-Carlo run: outcome table, how often hybrid
 * wins, fan charts, the NPV distribution, driver fans, and every fitted parameter and assumption used.
 */

import type { McSummary } from '../montecarlo/aggregate.ts';
import type { Assumption, FittedParameters } from '../montecarlo/build-inputs.ts';

export interface McPage {
  readonly siteName: string;
  readonly run: {
    readonly paths: number;
    readonly years: number;
    readonly seed: number;
    readonly threads: number;
    readonly seconds: number;
  };
  readonly btcModel: string;
  readonly summary: McSummary;
  readonly fitted: FittedParameters;
  readonly assumptions: readonly Assumption[];
  readonly scenario: unknown;
  readonly fans: readonly string[];
  readonly npvSvg: string;
  readonly drivers: readonly { readonly title: string; readonly svg: string }[];
}

const esc = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const fmt = (v: number, digits = 2): string =>
  Number.isFinite(v)
    ? v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : '—';
const musd = (usd: number): string => fmt(usd / 1e6, 1);
const pct = (f: number, digits = 1): string => (Number.isFinite(f) ? `${fmt(f * 100, digits)} %` : '—');

function fittedRows(f: FittedParameters): [string, string][] {
  const p = f.power;
  return [
    [
      'start',
      `${f.startDay}: BTC $${fmt(f.btc.startUsd, 0)}, height ${f.chain.height.toLocaleString('en-US')}, difficulty ${fmt(f.chain.difficulty / 1e12, 1)} T, ${fmt(f.chain.blocksPerDay, 1)} blocks/day (14-day mean)`,
    ],
    [
      'BTC returns',
      `${f.btc.returns} daily log returns ${f.btc.fromDay} .. ${f.btc.toDay}: mean ${f.btc.meanDailyLogReturn.toExponential(3)}/day, sd ${fmt(f.btc.stdDailyLogReturn * 100, 3)} %/day → σ ${pct(f.btc.volatilityPerYear)}/yr, μ (price drift = mean × 365 + σ²/2) ${pct(f.btc.driftPerYear)}/yr`,
    ],
    [
      'fees per block',
      `${f.fees.days} days ${f.fees.fromDay} .. ${f.fees.toDay}: median ${fmt(f.fees.medianBtcPerBlock, 4)} BTC, mean ${fmt(f.fees.meanBtcPerBlock, 4)} BTC; event days above ${fmt(f.fees.eventThresholdBtcPerBlock, 4)} BTC (${f.fees.eventDays}); calm lognormal (${fmt(f.fees.calm.meanLog, 3)}, ${fmt(f.fees.calm.stdLog, 3)}), event (${fmt(f.fees.event.meanLog, 3)}, ${fmt(f.fees.event.stdLog, 3)}); P(calm→event) ${fmt(f.fees.enterEventPerDay, 4)}/day, P(stay in event) ${fmt(f.fees.stayEventPerDay, 4)}/day`,
    ],
    ['electricity source', p.source],
    [
      'electricity fit',
      `${p.days} days ${p.fromDay} .. ${p.toDay}: long-run base $${fmt(p.longRunMeanUsdPerMWh)}/MWh (observed mean incl. spikes $${fmt(p.observedMeanUsdPerMWh)}), OU κ ${fmt(p.kappaPerYear, 1)}/yr (daily persistence ${fmt(p.dailyPersistence, 3)}, half-life ${fmt(p.halfLifeDays, 2)} days), σ $${fmt(p.volatilityUsdPerMWhPerSqrtYear, 1)}/MWh/√yr (daily shock $${fmt(p.dailyShockUsdPerMWh)}), spikes ${fmt(p.spikesPerYear, 1)}/yr (${p.spikeDays} days above $${fmt(p.spikeThresholdUsdPerMWh)} over the month median), size lognormal (${fmt(p.spikeSize.meanLog, 3)}, ${fmt(p.spikeSize.stdLog, 3)}), mean excess $${fmt(p.spikeSize.meanUsdPerMWh)}/MWh`,
    ],
    ['electricity by month', p.monthlyMeanUsdPerMWh.map((v, m) => `${m + 1}: $${fmt(v, 1)}`).join(', ')],
    ['GPU price', `$${fmt(f.gpuPriceUsd, 0)} per GPU`],
  ];
}

export function montecarloHtml(page: McPage): string {
  const s = page.summary;
  const rows = s.strategies
    .map(
      (x) =>
        `<tr><td>${esc(x.name)}</td><td>${musd(x.npvUsd.p10)}</td><td>${musd(x.npvUsd.p50)}</td><td>${musd(x.npvUsd.p90)}</td><td>${musd(x.npvUsd.mean)}</td><td>${pct(x.probabilityNpvPositive)}</td><td>${pct(x.irr.p10)}</td><td>${pct(x.irr.p50)}</td><td>${pct(x.irr.p90)}</td><td>${x.pathsWithIrr}</td></tr>`,
    )
    .join('\n');
  const beats = s.hybridBeats
    .map(
      (b) =>
        `<tr><td>${esc(b.against)}</td><td>${pct(b.probability)}</td><td>${musd(b.meanGainUsd)}</td></tr>`,
    )
    .join('\n');
  const li = (pairs: readonly [string, string][]) =>
    pairs.map(([k, v]) => `<li><b>${esc(k)}</b>: ${esc(v)}</li>`).join('');
  const fig = (title: string, body: string) =>
    `<figure><figcaption>${esc(title)}</figcaption>${body}</figure>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Monte Carlo — ${esc(page.siteName)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:1000px;padding:0 1rem;color:#222}
h1{font-size:1.4rem}table{border-collapse:collapse;font-size:.82rem;width:100%}
th,td{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:right;white-space:nowrap}th:first-child,td:first-child{text-align:left}
figure{margin:1.2rem 0}figcaption{font-weight:600;margin-bottom:.3rem}svg{max-width:100%;height:auto}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}ul{font-size:.85rem}pre{font-size:.75rem;background:#f6f6f6;padding:.6rem;overflow-x:auto}
</style></head><body>
<h1>Monte Carlo: ${esc(page.siteName)}</h1>
<p>${page.run.paths.toLocaleString('en-US')} paths × ${page.run.years} years, daily steps from ${esc(page.fitted.startDay)}; seed ${page.run.seed}
(the same seed gives the same numbers on any thread count); BTC model ${esc(page.btcModel)}; ${page.run.threads} threads, ${fmt(page.run.seconds, 1)} s.
NPV and IRR of each strategy's own build (capex at the start, refreshes, opex, residual values), pre-tax, USD M.</p>
<table><thead><tr><th>strategy</th><th>NPV P10</th><th>NPV P50</th><th>NPV P90</th><th>mean</th><th>P(NPV&gt;0)</th><th>IRR P10</th><th>IRR P50</th><th>IRR P90</th><th>paths with IRR</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>How often hybrid beats each alternative</h2>
<table><thead><tr><th>alternative</th><th>P(hybrid NPV &gt; alternative NPV), same path</th><th>mean NPV gain, USD M</th></tr></thead><tbody>
${beats}
</tbody></table>
${fig('NPV distribution', page.npvSvg)}
<h2>Cumulative cash flow by strategy</h2>
<div class="grid">${page.fans.join('\n')}</div>
<h2>Simulated drivers</h2>
<div class="grid">${page.drivers.map((d) => d.svg).join('\n')}</div>
<h2>Fitted on shipped history</h2><ul>${li(fittedRows(page.fitted))}</ul>
<h2>Assumptions</h2><ul>${li(page.assumptions.map((a) => [a.input, a.assumed]))}</ul>
<h2>Scenario as used</h2><pre>${esc(JSON.stringify(page.scenario, null, 2))}</pre>
</body></html>
`;
}
