/**
 * A simulation's cumulative cash per strategy by year: the P10–P90 band (a transparent P10 line with the
 * P90 − P10 gap stacked on it) and the P50 line, all three under the strategy's name so the legend toggles them
 * together.
 */
import { useMemo } from 'preact/hooks';
import { strategyColor } from '../colors.ts';
import { formatUsd } from '../format.ts';
import type { SimulateResult } from '../types.ts';
import { Chart } from './Chart.tsx';
import { GRID, LEGEND, valueAxis } from './parts.ts';

export function FanChart({ result }: { readonly result: SimulateResult }) {
  const { fan } = result;
  const option = useMemo(
    () => ({
      grid: GRID,
      legend: { ...LEGEND, data: fan.byStrategy.map((s) => s.name) },
      xAxis: { type: 'category' as const, data: fan.yearEnds.map((y) => `year ${y}`), boundaryGap: false },
      yAxis: valueAxis('USD, cumulative', formatUsd),
      tooltip: {
        trigger: 'axis' as const,
        confine: true,
        formatter: (raw: unknown) => {
          const index = (raw as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const rows = fan.byStrategy
            .map(
              (s) =>
                `<div class="tt-row"><span>${s.name}</span><b>${formatUsd(s.p50[index])}</b>&nbsp;<span class="muted">(${formatUsd(s.p10[index])} – ${formatUsd(s.p90[index])})</span></div>`,
            )
            .join('');
          return `<div class="tt"><div class="tt-title">end of year ${fan.yearEnds[index]}: P50 (P10 – P90)</div>${rows}</div>`;
        },
      },
      series: fan.byStrategy.flatMap((s, i) => {
        const color = strategyColor(s.name, i);
        const common = { type: 'line' as const, name: s.name, color, showSymbol: false, silent: true };
        return [
          { ...common, stack: s.name, stackStrategy: 'all' as const, lineStyle: { opacity: 0 }, data: s.p10 },
          {
            ...common,
            stack: s.name,
            stackStrategy: 'all' as const,
            lineStyle: { opacity: 0 },
            areaStyle: { color, opacity: 0.14 },
            data: s.p90.map((p90, year) => p90 - s.p10[year]!),
          },
          { ...common, silent: false, lineStyle: { width: 2 }, data: s.p50 },
        ];
      }),
    }),
    [fan],
  );
  return (
    <Chart
      testId="chart-simulate-fan"
      option={option}
      points={fan.yearEnds.length * fan.byStrategy.length}
      label="Cumulative cash per strategy by year: P10 to P90 band and P50 line"
      height={320}
    />
  );
}
