/**
 * $/MWh over the window: what a MWh earns mining and serving AI, the power price, and each workload's
 * break-even power price now. A workload loses money whenever the price line is above its break-even line.
 */
import { useMemo } from 'preact/hooks';
import { COLORS } from '../colors.ts';
import { formatUsd, formatUsdPerMWh } from '../format.ts';
import type { EconomicsReply } from '../types.ts';
import { Chart } from './Chart.tsx';
import { axisTooltip, GRID, LEGEND, timeAxis, timeLine, valueAxis } from './parts.ts';

/** A workload's break-even power price now, as a dashed line on its own series (the legend hides both). */
const breakEven = (name: string, value: number | null | undefined, color: string) => ({
  markLine: {
    symbol: 'none',
    silent: true,
    data: value === null || value === undefined ? [] : [{ yAxis: value }],
    lineStyle: { color, type: 'dashed' as const },
    label: { color, formatter: name, position: 'insideEndTop' as const },
  },
});

export function UsdPerMWhChart({ reply }: { readonly reply: EconomicsReply }) {
  const option = useMemo(() => {
    const { series, now } = reply;
    return {
      grid: GRID,
      legend: LEGEND,
      xAxis: timeAxis(),
      yAxis: valueAxis('$/MWh', formatUsd),
      tooltip: axisTooltip({ format: formatUsdPerMWh }),
      series: [
        {
          ...timeLine('Mining earns (IT MWh)', COLORS.mining, series, (b) => b.miningUsdPerMWh),
          ...breakEven('mining break-even', now?.miningBreakEvenUsdPerMWh, COLORS.mining),
        },
        {
          ...timeLine('AI earns (IT MWh)', COLORS.ai, series, (b) => b.aiUsdPerMWh),
          ...breakEven('AI break-even', now?.aiBreakEvenUsdPerMWh, COLORS.ai),
        },
        { ...timeLine('Power price', COLORS.price, series, (b) => b.priceUsdPerMWh), step: 'end' as const },
      ],
    };
  }, [reply]);
  return (
    <Chart
      testId="chart-usd-per-mwh"
      option={option}
      points={reply.series.length}
      label="Revenue per MWh of mining and AI, the power price and the break-even power prices over time"
      height={300}
    />
  );
}
