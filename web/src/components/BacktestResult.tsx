/** A backtest's result: cumulative profit per strategy, then the metrics that explain it. */
import { BacktestProfitChart } from '../charts/BacktestProfitChart.tsx';
import { formatNumber, formatPercent, formatUsd, formatUsdPerMWh } from '../format.ts';
import type { BacktestResult } from '../types.ts';

export function BacktestResultView({ result }: { readonly result: BacktestResult }) {
  return (
    <>
      <p class="headline">
        {result.siteName}: {result.from} to {result.to} ({result.dayStartMs.length} days of shipped history)
      </p>
      <BacktestProfitChart result={result} />
      <div class="table-scroll">
        <table data-testid="backtest-metrics">
          <thead>
            <tr>
              <th>Strategy</th>
              <th class="num">Profit</th>
              <th class="num">per MW-year</th>
              <th class="num">Mining revenue</th>
              <th class="num">AI revenue</th>
              <th class="num">Energy cost</th>
              <th class="num">4CP</th>
              <th class="num">Mining $/MWh</th>
              <th class="num">AI $/MWh</th>
              <th class="num">Curtailed</th>
              <th class="num">AI SLA met</th>
              <th class="num">t CO2</th>
            </tr>
          </thead>
          <tbody>
            {result.strategies.map(({ name, label, metrics: m }) => (
              <tr key={name}>
                <td title={`plans on: ${m.forecast}`}>{label}</td>
                <td class={`num ${m.profitUsd < 0 ? 'neg' : ''}`}>{formatUsd(m.profitUsd)}</td>
                <td class="num">{formatUsd(m.profitUsdPerMWYear)}</td>
                <td class="num">{formatUsd(m.revenueUsd.mining)}</td>
                <td class="num">{formatUsd(m.revenueUsd.aiContract + m.revenueUsd.aiSpot)}</td>
                <td class="num">{formatUsd(m.energyCostUsd)}</td>
                <td class="num">{formatUsd(m.fourCpChargeUsd)}</td>
                <td class="num">{formatUsdPerMWh(m.usdPerFacilityMWh.mining)}</td>
                <td class="num">{formatUsdPerMWh(m.usdPerFacilityMWh.ai)}</td>
                <td class="num">
                  {formatNumber(m.curtailedItMWh, 'MWh', 0)} · {formatNumber(m.curtailedHours, 'h', 0)}
                </td>
                <td class="num">{formatPercent(m.aiSlaMet, 1)}</td>
                <td class="num">{formatNumber(m.emissions.averageTonnes, 't', 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted small">
        Profit is operating profit (no capital costs). $/MWh per facility MWh drawn. Prices:{' '}
        {result.sources.price}; forecast: {result.sources.forecast}; 4CP: {result.sources.fourCp}; carbon:{' '}
        {result.sources.carbon}.{result.notes.map((n) => ` ${n.input}: ${n.assumed}.`).join('')}
      </p>
    </>
  );
}
