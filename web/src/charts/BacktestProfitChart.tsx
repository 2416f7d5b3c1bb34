/** A backtest's cumulative operating profit per strategy, day by day over the replayed history. */
import { useMemo } from 'preact/hooks';
import { strategyColor } from '../colors.ts';
import { formatUsd } from '../format.ts';
import type { BacktestResult } from '../types.ts';
import { Chart } from './Chart.tsx';
import { axisTooltip, GRID, LEGEND, valueAxis } from './parts.ts';

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function BacktestProfitChart({ result }: { readonly result: BacktestResult }) {
  const option = useMemo(
    () => ({
      grid: GRID,
      legend: LEGEND,
      // Days of history, not wall time: a category per UTC day reads the same in every time zone.
      xAxis: { type: 'category' as const, data: result.dayStartMs.map(isoDay) },
      yAxis: valueAxis('USD', formatUsd),
      tooltip: axisTooltip({ format: formatUsd, title: (first) => `end of ${String(first.axisValue)} UTC` }),
      series: result.strategies.map((s, i) => ({
        type: 'line' as const,
        name: s.label,
        color: strategyColor(s.name, i),
        showSymbol: result.dayStartMs.length <= 31,
        data: s.cumulativeProfitUsd,
      })),
    }),
    [result],
  );
  return (
    <Chart
      testId="chart-backtest-profit"
      option={option}
      points={result.dayStartMs.length}
      label="Cumulative operating profit per strategy over the backtest"
      height={320}
    />
  );
}
