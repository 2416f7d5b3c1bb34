/** The site's power split over the live window: what each workload draws and what is held back or unseen. */
import { useMemo } from 'preact/hooks';
import { COLORS } from '../colors.ts';
import { powerUnitFor } from '../format.ts';
import type { PowerPoint } from '../types.ts';
import { Chart } from './Chart.tsx';
import { powerOverTime, timeLine } from './parts.ts';

const LAYERS = [
  { key: 'miningW', name: 'Mining', color: COLORS.mining },
  { key: 'aiW', name: 'AI', color: COLORS.ai },
  { key: 'curtailedW', name: 'Curtailed (not drawn)', color: COLORS.curtailed },
  { key: 'idleW', name: 'Off', color: COLORS.idle },
  { key: 'unknownW', name: 'Unknown', color: COLORS.unknown },
] as const;

export function PowerSplitChart({ points }: { readonly points: readonly PowerPoint[] }) {
  const option = useMemo(() => {
    const maxW = Math.max(0, ...points.map((p) => p.miningW + p.aiW + p.curtailedW + p.idleW + p.unknownW));
    const unit = powerUnitFor(maxW);
    return {
      ...powerOverTime(points, unit),
      series: LAYERS.map((layer) => ({
        ...timeLine(layer.name, layer.color, points, (p) => p[layer.key]),
        stack: 'site',
        lineStyle: { width: 0 },
        // The drawn workloads solid, what is held back or unseen paler.
        areaStyle: { opacity: layer.key === 'miningW' || layer.key === 'aiW' ? 0.85 : 0.55 },
      })),
    };
  }, [points]);
  return (
    <Chart
      testId="chart-power-split"
      option={option}
      points={points.length}
      label="Stacked power split over time: mining, AI, curtailed, off and unknown"
    />
  );
}
