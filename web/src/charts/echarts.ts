/**
 * echarts as the dashboard uses it: the core plus only the charts and components drawn here, so the bundle
 * carries a fraction of the library; and one theme, so every chart shares the page's colours and type.
 */
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { COLORS } from '../colors.ts';

echarts.use([
  BarChart,
  LineChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TooltipComponentOption
>;

/** One part of an option (a grid, an axis, a legend), for the shared pieces in parts.ts. */
export type OptionPart<K extends keyof ChartOption> = NonNullable<ChartOption[K]>;

const axis = {
  axisLine: { lineStyle: { color: COLORS.grid } },
  axisTick: { lineStyle: { color: COLORS.grid } },
  axisLabel: { color: COLORS.muted },
  splitLine: { lineStyle: { color: COLORS.grid } },
  nameTextStyle: { color: COLORS.muted },
};

export const THEME = 'switchyard';
echarts.registerTheme(THEME, {
  backgroundColor: 'transparent',
  textStyle: { fontFamily: 'inherit', color: COLORS.text },
  legend: { textStyle: { color: COLORS.muted }, inactiveColor: COLORS.idle },
  tooltip: {
    backgroundColor: COLORS.panel,
    borderColor: COLORS.grid,
    textStyle: { color: COLORS.text, fontSize: 12 },
  },
  categoryAxis: { ...axis, splitLine: { show: false } },
  valueAxis: axis,
  timeAxis: { ...axis, splitLine: { show: false } },
});

export { echarts };
