/**
 * @module report/montecarlo-charts
 * The Monte-Carlo charts as SVG (echarts, server-side): a fan of cumulative cash flow per strategy, the NPV
 * distribution of every strategy on one axis, and fans of the simulated drivers.
 */
import * as echarts from 'echarts';
import { type Band, type McSummary, npvHistogram, type StrategySummary } from '../montecarlo/aggregate.ts';
import type { McResults } from '../montecarlo/layout.ts';

const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 12 };
const COLORS = ['#f0a30a', '#4f81bd', '#9bbb59', '#8064a2', '#c0504d', '#4bacc6'];

function svg(option: echarts.EChartsCoreOption, width = 960, height = 340): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: FONT, color: COLORS, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const round2 = (v: number): number => Math.round(v * 100) / 100;

/** P10-P90 as a shaded band (a transparent base plus the band's height, stacked) and the median as a line. */
function fanSeries(bands: readonly Band[], scale: number, color: string, name = 'P50'): object[] {
  return [
    {
      name: 'P10',
      type: 'line',
      stack: 'band',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      data: bands.map((b) => round2(b.p10 / scale)),
    },
    {
      name: 'P10-P90',
      type: 'line',
      stack: 'band',
      symbol: 'none',
      lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.25 },
      data: bands.map((b) => round2((b.p90 - b.p10) / scale)),
    },
    {
      name,
      type: 'line',
      symbol: 'circle',
      symbolSize: 5,
      itemStyle: { color },
      lineStyle: { color, width: 2 },
      data: bands.map((b) => round2(b.p50 / scale)),
    },
  ];
}

export function cashFanSvg(
  s: StrategySummary,
  index: number,
  sharedRange: { min: number; max: number },
): string {
  const years = s.cumulativeFanUsd.map((_, y) => (y === 0 ? 'start' : `year ${y}`));
  return svg(
    {
      title: {
        text: s.name,
        subtext: 'cumulative cash flow, USD M: P10-P90 band, P50 line',
        left: 'center',
        textStyle: { fontSize: 13 },
      },
      grid: { left: 70, right: 20, top: 60, bottom: 30 },
      xAxis: { type: 'category', data: years, boundaryGap: false },
      yAxis: {
        type: 'value',
        name: 'USD M',
        min: Math.floor(sharedRange.min / 1e6),
        max: Math.ceil(sharedRange.max / 1e6),
      },
      series: fanSeries(s.cumulativeFanUsd, 1e6, COLORS[index % COLORS.length]!),
    },
    470,
    260,
  );
}

/** A shared y-range makes the fans comparable side by side. */
export function cashFanRange(summary: McSummary): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const s of summary.strategies)
    for (const b of s.cumulativeFanUsd) {
      min = Math.min(min, b.p10);
      max = Math.max(max, b.p90);
    }
  return { min, max };
}

/** Histogram of NPV per strategy over common bins, as lines so overlapping distributions stay readable. */
export function npvDistributionSvg(results: McResults, names: readonly string[], bins = 40): string {
  const { minUsd, binWidthUsd, counts } = npvHistogram(results, bins);
  const centres = Array.from({ length: bins }, (_, i) => round2((minUsd + (i + 0.5) * binWidthUsd) / 1e6));
  const series = names.map((name, s) => ({
    name,
    type: 'line',
    symbol: 'none',
    step: 'middle',
    data: counts[s]!.map((c) => round2((100 * c) / results.paths)),
  }));
  return svg({
    title: {
      text: 'NPV distribution by strategy (share of paths per bin)',
      left: 'center',
      textStyle: { fontSize: 14 },
    },
    legend: { bottom: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 70 },
    xAxis: { type: 'category', data: centres, name: 'NPV, USD M', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'value', name: '% of paths' },
    series,
  });
}

const DRIVER_CHARTS: readonly [keyof McSummary['drivers'], string, number][] = [
  ['btcPriceUsd', 'BTC price at year end, USD k', 1e3],
  ['difficulty', 'Difficulty at year end, T', 1e12],
  ['hashpriceUsdPerPhDay', 'Hashprice, year mean, USD/PH/day', 1],
  ['electricityUsdPerMWh', 'Real-time price, year mean, USD/MWh', 1],
  ['gpuRentalIndex', 'GPU rent, % of quoted price, year mean', 0.01],
];

export function driverFanSvgs(summary: McSummary): { title: string; svg: string }[] {
  return DRIVER_CHARTS.map(([key, title, scale], i) => ({
    title,
    svg: svg(
      {
        title: {
          text: title,
          subtext: 'P10-P90 band, P50 line',
          left: 'center',
          textStyle: { fontSize: 13 },
        },
        grid: { left: 70, right: 20, top: 60, bottom: 30 },
        xAxis: {
          type: 'category',
          data: summary.drivers[key].map((_, y) => `year ${y + 1}`),
          boundaryGap: false,
        },
        yAxis: { type: 'value' },
        series: fanSeries(summary.drivers[key], scale, COLORS[(i + 1) % COLORS.length]!),
      },
      470,
      260,
    ),
  }));
}
