/**
 * Mining beside AI on a few money figures (revenue, cost, margin; $/MWh earned and break-even; per MW per day): one
 * bar per workload per figure in the workload's colour, the value over each bar, and optionally the power
 * price across them all.
 */
import { COLORS } from '../colors.ts';
import { formatUsd } from '../format.ts';
import { Chart } from './Chart.tsx';
import { barLabel, GRID, LEGEND, valueAxis } from './parts.ts';

interface WorkloadBarsProps {
  readonly testId: string;
  readonly label: string;
  readonly figures: readonly string[];
  readonly mining: readonly (number | null)[];
  readonly ai: readonly (number | null)[];
  readonly format: (v: number) => string;
  readonly axisName: string;
  readonly priceLine?: { readonly value: number; readonly label: string } | null;
}

export function WorkloadBarsChart(props: WorkloadBarsProps) {
  const { figures, mining, ai, format, axisName, priceLine } = props;
  // Rebuilt on every render: a handful of bars, and the figures are fresh arrays each time anyway.
  const workload = (name: string, color: string, data: readonly (number | null)[]) => ({
    type: 'bar' as const,
    name,
    color,
    data: [...data],
    label: barLabel(format),
  });
  const line = priceLine && {
    symbol: 'none',
    silent: true,
    data: [{ yAxis: priceLine.value }],
    lineStyle: { color: COLORS.price, type: 'solid' as const, width: 2 },
    label: { color: COLORS.price, formatter: priceLine.label, position: 'insideEndTop' as const },
  };
  const option = {
    grid: { ...GRID, top: 52 },
    legend: LEGEND,
    tooltip: { trigger: 'axis' as const, confine: true, valueFormatter: (v: unknown) => format(v as number) },
    // Every figure named, wrapped on a narrow screen rather than dropped.
    xAxis: {
      type: 'category' as const,
      data: [...figures],
      axisLabel: { interval: 0, width: 100, overflow: 'break' as const },
    },
    yAxis: valueAxis(axisName, formatUsd),
    series: [
      { ...workload('Mining', COLORS.mining, mining), ...(line ? { markLine: line } : {}) },
      workload('AI', COLORS.ai, ai),
    ],
  };
  return (
    <Chart
      testId={props.testId}
      option={option}
      points={mining.length + ai.length}
      label={props.label}
      height={280}
    />
  );
}
