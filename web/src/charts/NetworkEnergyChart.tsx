/**
 * The Bitcoin network's annual energy, CBECI-style: lower, best and upper bounds (hashrate × fleet J/TH × PUE),
 * each with its Mt CO2, beside the often-quoted "over 150 TWh a year".
 */
import { useMemo } from 'preact/hooks';
import { COLORS } from '../colors.ts';
import { formatNumber } from '../format.ts';
import type { EnergyReport } from '../types.ts';
import { Chart } from './Chart.tsx';
import { GRID, valueAxis } from './parts.ts';

export function NetworkEnergyChart({ report }: { readonly report: EnergyReport }) {
  const option = useMemo(
    () => ({
      grid: { ...GRID, top: 32 },
      tooltip: {
        trigger: 'axis' as const,
        confine: true,
        valueFormatter: (v: unknown) => formatNumber(v as number, 'TWh/yr', 1),
      },
      xAxis: { type: 'category' as const, data: report.bounds.map((b) => b.bound) },
      yAxis: valueAxis('TWh/yr', (v) => v.toLocaleString()),
      series: [
        {
          type: 'bar' as const,
          name: 'Network energy',
          color: COLORS.mining,
          barWidth: '45%',
          data: report.bounds.map((b) => ({
            value: b.energyTWhPerYear,
            itemStyle: { opacity: b.bound === 'best' ? 1 : 0.55 },
          })),
          label: {
            show: true,
            position: 'top' as const,
            color: COLORS.text,
            formatter: (p: { dataIndex: number }) => {
              const b = report.bounds[p.dataIndex]!;
              return `${formatNumber(b.energyTWhPerYear, 'TWh', 0)} · ${formatNumber(b.emissionsMtCo2PerYear, 'Mt CO2', 0)}`;
            },
          },
          markLine: {
            symbol: 'none',
            silent: true,
            data: [{ yAxis: report.seedClaim.energyTWhPerYear }],
            lineStyle: { color: COLORS.muted, type: 'dashed' as const },
            label: {
              color: COLORS.muted,
              formatter: `“${report.seedClaim.energyTWhPerYear} TWh”`,
              position: 'insideEndTop' as const,
            },
          },
        },
      ],
    }),
    [report],
  );
  return (
    <Chart
      testId="chart-network-energy"
      option={option}
      points={report.bounds.length}
      label="Bitcoin network energy per year, lower, best and upper bounds, with emissions"
    />
  );
}
