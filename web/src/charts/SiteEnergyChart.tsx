/**
 * The site's energy over the window, cumulative and stacked: MWh drawn by mining and by AI, and the MWh the
 * curtailed machines' rated power did not draw, so the top of the stack is what the site could have used.
 */
import { useMemo } from 'preact/hooks';
import { COLORS } from '../colors.ts';
import { formatEnergy } from '../format.ts';
import type { EconomicsReply } from '../types.ts';
import { Chart } from './Chart.tsx';
import { axisTooltip, GRID, LEGEND, timeAxis, timeLine, valueAxis } from './parts.ts';

type Bucket = EconomicsReply['series'][number];

const LAYERS = [
  { name: 'Mining', color: COLORS.mining, pick: (b: Bucket) => b.miningEnergyMWh },
  { name: 'AI', color: COLORS.ai, pick: (b: Bucket) => b.aiEnergyMWh },
  { name: 'Curtailed (not drawn)', color: COLORS.curtailed, pick: (b: Bucket) => b.curtailedEnergyMWh },
] as const;

export function SiteEnergyChart({ series }: { readonly series: EconomicsReply['series'] }) {
  const option = useMemo(() => {
    // The axis in kWh until the stack reaches a MWh (the tooltip says each value in its own unit).
    const totalMWh = series.reduce((sum, b) => sum + LAYERS.reduce((s, layer) => s + layer.pick(b), 0), 0);
    const [axisName, perMWh] = totalMWh >= 1 ? ['MWh', 1] : ['kWh', 1000];
    return {
      grid: GRID,
      legend: LEGEND,
      xAxis: timeAxis(),
      yAxis: valueAxis(axisName, (v) => (v * perMWh).toLocaleString()),
      tooltip: axisTooltip({ format: formatEnergy }),
      series: LAYERS.map((layer) => {
        let cumulativeMWh = 0;
        return {
          ...timeLine(layer.name, layer.color, series, (b) => {
            cumulativeMWh += layer.pick(b);
            return cumulativeMWh;
          }),
          stack: 'energy',
          lineStyle: { width: 0 },
          areaStyle: { opacity: 0.8 },
        };
      }),
    };
  }, [series]);
  return (
    <Chart
      testId="chart-site-energy"
      option={option}
      points={series.length}
      label="Cumulative energy of mining, AI and curtailed capacity over the window"
    />
  );
}
