/**
 * Commanded vs metered import: what the controller's commands add up to once they land, what the meter
 * reads, and the tightest limit in force as a step (a grid event drops it, its end lifts it).
 */
import { useMemo } from 'preact/hooks';
import { COLORS } from '../colors.ts';
import { powerUnitFor } from '../format.ts';
import type { PowerPoint } from '../types.ts';
import { Chart } from './Chart.tsx';
import { powerOverTime, timeLine } from './parts.ts';

export function ImportChart({ points }: { readonly points: readonly PowerPoint[] }) {
  const option = useMemo(() => {
    const unit = powerUnitFor(Math.max(0, ...points.map((p) => p.limitW)));
    return {
      ...powerOverTime(points, unit),
      series: [
        {
          ...timeLine('Commanded import', COLORS.expected, points, (p) => p.expectedImportW),
          lineStyle: { type: 'dashed' as const },
        },
        {
          ...timeLine('Metered import', COLORS.metered, points, (p) => p.meteredImportW),
          lineStyle: { width: 2 },
        },
        {
          ...timeLine('Limit in force', COLORS.limit, points, (p) => p.limitW),
          step: 'end' as const,
          lineStyle: { width: 1 },
        },
      ],
    };
  }, [points]);
  return (
    <Chart
      testId="chart-import"
      option={option}
      points={points.length}
      label="Commanded and metered site import with the import limit in force"
    />
  );
}
