/**
 * The pieces charts share: axes, grid, legend and the axis tooltip, so a time axis or a tooltip reads the same
 * on every view and a change of style is made once.
 */
import type { TooltipComponentOption } from 'echarts/components';
import { COLORS } from '../colors.ts';
import { formatPower, formatTime, formatUtc, type PowerUnit } from '../format.ts';
import type { OptionPart } from './echarts.ts';

export const GRID: OptionPart<'grid'> = { left: 8, right: 16, top: 44, bottom: 20 };

export const LEGEND: OptionPart<'legend'> = { top: 0, left: 0, type: 'scroll', itemWidth: 14, itemHeight: 8 };

/** echarts' own time labels: they switch between minutes and seconds with the span shown. */
export const timeAxis = (): OptionPart<'xAxis'> => ({
  type: 'time',
  axisLabel: { color: COLORS.muted, hideOverlap: true },
});

export const valueAxis = (name: string, format: (v: number) => string = String): OptionPart<'yAxis'> => ({
  type: 'value',
  name,
  nameGap: 10,
  nameTextStyle: { align: 'left', color: COLORS.muted },
  axisLabel: { color: COLORS.muted, formatter: format },
});

/** A power axis in the unit its largest value reads best in, labelled with that unit. */
export const powerAxis = (unit: PowerUnit): OptionPart<'yAxis'> =>
  valueAxis(unit.label, (w) => (w * unit.perW).toLocaleString(undefined, { maximumFractionDigits: 1 }));

/** A line over wall time, one point per row (null leaves a gap); callers add stacking, steps and styles. */
export const timeLine = <Row extends { readonly atMs: number }>(
  name: string,
  color: string,
  rows: readonly Row[],
  pick: (row: Row) => number | null,
) => ({
  type: 'line' as const,
  name,
  color,
  showSymbol: false,
  data: rows.map((row) => [row.atMs, pick(row)]),
});

/** Each bar's value above it, in units. */
export const barLabel = (format: (v: number) => string) => ({
  show: true,
  position: 'top' as const,
  color: COLORS.muted,
  fontSize: 11,
  formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? format(p.value) : '—'),
});

interface AxisParam {
  readonly marker?: string;
  readonly seriesName?: string;
  readonly dataIndex: number;
  readonly value: unknown;
  readonly axisValue?: string | number;
}

/** The y value of an axis-tooltip row, whether the data are [x, y] pairs or plain values. */
const yOf = (value: unknown): number | null => {
  const y = Array.isArray(value) ? value[1] : value;
  return typeof y === 'number' ? y : null;
};

/**
 * One tooltip for all series at the pointer: the title (wall time unless `title` says otherwise, and the
 * replayed historical time when there is one), then a row per series with its value in units.
 */
export function axisTooltip(options: {
  readonly format: (v: number) => string;
  readonly title?: (first: AxisParam) => string;
  readonly historicalAt?: (dataIndex: number) => number | null;
  readonly footer?: (params: readonly AxisParam[]) => string;
}): TooltipComponentOption {
  return {
    trigger: 'axis',
    confine: true,
    formatter: (raw) => {
      const params = (Array.isArray(raw) ? raw : [raw]) as unknown as AxisParam[];
      const first = params[0];
      if (first === undefined) return '';
      const atMs = Array.isArray(first.value) ? Number(first.value[0]) : Number(first.axisValue);
      const historicalMs = options.historicalAt?.(first.dataIndex) ?? null;
      const title = options.title?.(first) ?? formatTime(atMs);
      const replay =
        historicalMs === null ? '' : `<div class="tt-sub">replayed ${formatUtc(historicalMs)}</div>`;
      const rows = params
        .map((p) => {
          const y = yOf(p.value);
          const value = y === null ? '—' : options.format(y);
          return `<div class="tt-row">${p.marker ?? ''}<span>${p.seriesName ?? ''}</span><b>${value}</b></div>`;
        })
        .join('');
      return `<div class="tt"><div class="tt-title">${title}</div>${replay}${rows}${options.footer?.(params) ?? ''}</div>`;
    },
  };
}

/**
 * The frame of a chart of site power over time: grid, legend, time and power axes, and a tooltip in the chart's
 * unit that also names the replayed historical instant of the point.
 */
export const powerOverTime = (
  points: readonly { readonly historicalMs: number | null }[],
  unit: PowerUnit,
) => ({
  grid: GRID,
  legend: LEGEND,
  xAxis: timeAxis(),
  yAxis: powerAxis(unit),
  tooltip: axisTooltip({
    format: (w) => formatPower(w, unit),
    historicalAt: (i) => points[i]?.historicalMs ?? null,
  }),
});
