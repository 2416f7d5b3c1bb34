/** A Monte-Carlo result: the cumulative cash fans, NPV and IRR percentiles per strategy, the NPV spread. */
import { FanChart } from '../charts/FanChart.tsx';
import { NpvHistogramChart } from '../charts/NpvHistogramChart.tsx';
import { formatNumber, formatPercent, formatUsd } from '../format.ts';
import type { SimulateResult } from '../types.ts';

export function SimulateResultView({ result }: { readonly result: SimulateResult }) {
  return (
    <>
      <p class="headline">
        {result.siteName}: {result.paths.toLocaleString()} seeded futures over {result.years} years (seed{' '}
        {result.seed}, {formatNumber(result.seconds, 's', 1)} on {result.threads} threads)
      </p>
      <FanChart result={result} />
      <div class="table-scroll">
        <table data-testid="simulate-table">
          <thead>
            <tr>
              <th>Strategy</th>
              <th class="num">NPV P10</th>
              <th class="num">NPV P50</th>
              <th class="num">NPV P90</th>
              <th class="num">NPV mean</th>
              <th class="num">IRR P10</th>
              <th class="num">IRR P50</th>
              <th class="num">IRR P90</th>
              <th class="num">P(hybrid beats it)</th>
            </tr>
          </thead>
          <tbody>
            {result.strategies.map((s) => (
              <tr key={s.name}>
                <td>{s.name}</td>
                <td class="num">{formatUsd(s.npvUsd.p10)}</td>
                <td class={`num ${s.npvUsd.p50 < 0 ? 'neg' : ''}`}>{formatUsd(s.npvUsd.p50)}</td>
                <td class="num">{formatUsd(s.npvUsd.p90)}</td>
                <td class="num">{formatUsd(s.npvUsd.mean)}</td>
                <td class="num">{formatPercent(s.irr.p10, 1)}</td>
                <td class="num">{formatPercent(s.irr.p50, 1)}</td>
                <td class="num">{formatPercent(s.irr.p90, 1)}</td>
                <td class="num">{formatPercent(s.probabilityHybridBeats, 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <NpvHistogramChart result={result} />
    </>
  );
}
