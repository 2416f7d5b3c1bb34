/**
 * @module report/backtest-charts
 * The backtest's charts as SVG (echarts, server-side): power split over time, cumulative profit per strategy,
 * revenue per facility MWh by workload, and price against the decision for the busiest week.
 */
import * as echarts from 'echarts';
import type { StrategyMetrics } from '../backtest/metrics.ts';
import { profitUsdAt, type StrategyRun } from '../backtest/run.ts';
import type { BacktestSeries } from '../backtest/series.ts';

const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 12 };
const COLORS = ['#f0a30a', '#4f81bd', '#9bbb59', '#8064a2', '#c0504d', '#4bacc6', '#7f7f7f'];

function svg(option: echarts.EChartsCoreOption, width = 960, height = 360): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: FONT, color: COLORS, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const dayLabels = (series: BacktestSeries): string[] =>
  Array.from({ length: Math.floor(series.length / 24) }, (_, d) =>
    new Date(series.startMs + d * 86_400_000).toISOString().slice(0, 10),
  );

/** Daily means keep a two-year chart readable and its SVG small. */
function dailyMean(values: Float64Array): number[] {
  const out: number[] = [];
  for (let start = 0; start + 24 <= values.length; start += 24) {
    let s = 0;
    for (let t = start; t < start + 24; t++) s += values[t]!;
    out.push(Math.round((s / 24) * 100) / 100);
  }
  return out;
}

export function powerSplitSvg(run: StrategyRun, series: BacktestSeries): string {
  const l = run.ledger;
  const ai = new Float64Array(series.length).map((_, t) => l.aiContractMW[t]! + l.aiSpotMW[t]!);
  const layers: [string, Float64Array][] = [
    ['mining (IT MW)', l.miningMW],
    ['AI (IT MW)', ai],
    ['curtailed (IT MW)', l.curtailedItMW],
  ];
  return svg({
    title: { text: `Power split, ${run.name} (daily means)`, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 60, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: dayLabels(series) },
    yAxis: { type: 'value', name: 'MW' },
    series: layers.map(([name, values]) => ({
      name,
      type: 'line',
      stack: 'split',
      areaStyle: {},
      symbol: 'none',
      data: dailyMean(values),
    })),
  });
}

export function cumulativeProfitSvg(runs: readonly StrategyRun[], series: BacktestSeries): string {
  return svg({
    title: {
      text: 'Cumulative operating profit by strategy, USD M',
      left: 'center',
      textStyle: { fontSize: 14 },
    },
    legend: { bottom: 0 },
    grid: { left: 70, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: dayLabels(series) },
    yAxis: { type: 'value', name: 'USD M' },
    series: runs.map((run) => {
      let total = 0;
      const data: number[] = [];
      for (let t = 0; t < series.length; t++) {
        total += profitUsdAt(run.ledger, t);
        if (t % 24 === 23) data.push(Math.round(total / 1e4) / 100);
      }
      return { name: run.name, type: 'line', symbol: 'none', data };
    }),
  });
}

export function usdPerMWhSvg(metrics: readonly StrategyMetrics[]): string {
  return svg(
    {
      title: { text: 'Revenue per facility MWh by workload', left: 'center', textStyle: { fontSize: 14 } },
      legend: { bottom: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 60 },
      xAxis: { type: 'category', data: metrics.map((m) => m.name) },
      yAxis: { type: 'value', name: '$/MWh' },
      series: [
        {
          name: 'mining',
          type: 'bar',
          data: metrics.map((m) => Math.round(m.usdPerFacilityMWh.mining ?? 0)),
        },
        { name: 'AI', type: 'bar', data: metrics.map((m) => Math.round(m.usdPerFacilityMWh.ai ?? 0)) },
      ],
    },
    960,
    320,
  );
}

/** The week with the highest price peak: where decisions matter most. */
export function priceVsDecisionSvg(run: StrategyRun, series: BacktestSeries): string {
  let peak = 0;
  for (let t = 0; t < series.length; t++)
    if (series.priceUsdPerMWh[t]! > series.priceUsdPerMWh[peak]!) peak = t;
  const from = Math.max(0, Math.min(series.length - 168, peak - 84));
  const hours = Array.from({ length: Math.min(168, series.length) }, (_, h) => from + h);
  const label = (t: number): string =>
    new Date(series.startMs + t * 3_600_000).toISOString().slice(5, 13).replace('T', ' ');
  return svg({
    title: {
      text: `Price vs decision, ${run.name}, week of the highest price`,
      left: 'center',
      textStyle: { fontSize: 14 },
    },
    legend: { bottom: 0 },
    grid: { left: 70, right: 70, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: hours.map(label) },
    yAxis: [
      { type: 'value', name: 'MW' },
      { type: 'value', name: '$/MWh', position: 'right' },
    ],
    series: [
      {
        name: 'mining MW',
        type: 'line',
        step: 'end',
        symbol: 'none',
        areaStyle: { opacity: 0.3 },
        data: hours.map((t) => run.ledger.miningMW[t]),
      },
      {
        name: 'AI MW',
        type: 'line',
        step: 'end',
        symbol: 'none',
        data: hours.map((t) => run.ledger.aiContractMW[t]! + run.ledger.aiSpotMW[t]!),
      },
      {
        name: 'real-time price',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'none',
        lineStyle: { width: 1 },
        data: hours.map((t) => series.priceUsdPerMWh[t]),
      },
    ],
  });
}
