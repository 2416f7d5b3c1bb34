/** Machines by kind and state, as the store last read them: running in the workload's colour. */
import { useMemo } from 'preact/hooks';
import { COLORS } from '../colors.ts';
import type { Machine } from '../types.ts';
import { Chart } from './Chart.tsx';
import { GRID, LEGEND } from './parts.ts';

const KINDS = [
  { kind: 'miner', label: 'Miners', running: COLORS.mining },
  { kind: 'gpu-server', label: 'GPU servers', running: COLORS.ai },
] as const;
const STATES = [
  { state: 'running', label: 'Running' },
  { state: 'curtailed', label: 'Curtailed', color: COLORS.curtailed },
  { state: 'off', label: 'Off', color: COLORS.idle },
  { state: 'unknown', label: 'Unknown', color: COLORS.unknown },
] as const;

export function MachinesChart({ machines }: { readonly machines: readonly Machine[] }) {
  const option = useMemo(() => {
    // A machine with no reading yet is unknown: that is what the controller makes of it too.
    const count = (kind: string, state: string) =>
      machines.filter((m) => m.kind === kind && (m.latest?.state ?? 'unknown') === state).length;
    return {
      grid: { ...GRID, top: 28 },
      // Running wears each kind's workload colour, so the legend names only the states that share one.
      legend: { ...LEGEND, data: STATES.filter((s) => 'color' in s).map((s) => s.label) },
      tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const }, confine: true },
      xAxis: { type: 'value' as const, minInterval: 1 },
      yAxis: { type: 'category' as const, data: KINDS.map((k) => k.label), inverse: true },
      series: STATES.map((s) => ({
        type: 'bar' as const,
        name: s.label,
        stack: 'machines',
        barWidth: 18,
        color: 'color' in s ? s.color : COLORS.text,
        data: KINDS.map((k) => ({
          value: count(k.kind, s.state),
          itemStyle: { color: 'color' in s ? s.color : k.running },
        })),
      })),
    };
  }, [machines]);
  return (
    <Chart
      testId="chart-machines"
      option={option}
      points={machines.length}
      label="Machines by kind and state"
      height={140}
    />
  );
}
