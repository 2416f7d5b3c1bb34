/** How a simulation's NPV spreads over the paths, per strategy, as step outlines on shared bins. */
import { useMemo } from 'preact/hooks';
import { strategyColor } from '../colors.ts';
import { formatUsd } from '../format.ts';
import type { SimulateResult } from '../types.ts';
import { Chart } from './Chart.tsx';
import { axisTooltip, GRID, LEGEND, valueAxis } from './parts.ts';

export function NpvHistogramChart({ result }: { readonly result: SimulateResult }) {
  const histograms = result.npvHistogram;
  const option = useMemo(
    () => ({
      grid: GRID,
      legend: LEGEND,
      xAxis: {
        type: 'value' as const,
        scale: true,
        axisLabel: { formatter: formatUsd, hideOverlap: true },
        name: 'NPV',
        nameLocation: 'middle' as const,
        nameGap: 24,
      },
      yAxis: valueAxis('paths'),
      tooltip: axisTooltip({
        format: (n) => `${n} paths`,
        title: (first) => `NPV from ${formatUsd(Number(first.axisValue))}`,
      }),
      series: histograms.map((h, i) => {
        const color = strategyColor(h.name, i);
        return {
          type: 'line' as const,
          name: h.name,
          color,
          step: 'start' as const,
          showSymbol: false,
          areaStyle: { color, opacity: 0.12 },
          data: h.binStartsUsd.map((usd, bin) => [usd, h.counts[bin]]),
        };
      }),
    }),
    [histograms],
  );
  return (
    <Chart
      testId="chart-npv-histogram"
      option={option}
      points={histograms.reduce((n, h) => n + h.counts.length, 0)}
      label="Distribution of NPV over the simulated paths, per strategy"
      height={280}
    />
  );
}
