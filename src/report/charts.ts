/**
 * @module report/charts
 * SVG charts of report results, rendered server-side with echarts (no browser, no DOM). Loaded lazily by
 * the CLI so plain text reports do not pay for the charting library.
 */
import * as echarts from 'echarts';
import type { InvestReport } from './invest-report.ts';

const FONT = { fontFamily: 'system-ui, sans-serif', fontSize: 12 };

function renderSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: FONT, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

const millions = (usd: number): number => Math.round(usd / 1e4) / 100;

/** Tornado: how far each driver's low and high end move the incremental NPV from the base case. */
export function tornadoSvg(report: InvestReport): string {
  const base = millions(report.result.incremental.npvUsd);
  const rows = [...report.sensitivity].reverse();
  const delta = (npvUsd: number): number => Math.round((millions(npvUsd) - base) * 100) / 100;
  return renderSvg(
    {
      title: {
        text: `Converting ${report.drivers.invest.convertItMW} MW to AI vs staying: NPV sensitivity`,
        subtext: `base case NPV ${base} USD M; bars show the change at each end of a driver's range`,
        left: 'center',
        textStyle: { fontSize: 14 },
      },
      grid: { left: 270, right: 40, top: 90, bottom: 50 },
      legend: { top: 52, data: ['low end', 'high end'] },
      xAxis: { type: 'value', name: 'change in NPV, USD M', nameLocation: 'middle', nameGap: 28 },
      yAxis: { type: 'category', data: rows.map((r) => `${r.driver} (${r.lowLabel} / ${r.highLabel})`) },
      series: [
        {
          name: 'low end',
          type: 'bar',
          stack: 'delta',
          data: rows.map((r) => delta(r.lowNpvUsd)),
          itemStyle: { color: '#c0504d' },
        },
        {
          name: 'high end',
          type: 'bar',
          stack: 'delta',
          data: rows.map((r) => delta(r.highNpvUsd)),
          itemStyle: { color: '#4f81bd' },
        },
      ],
    },
    900,
    140 + rows.length * 32,
  );
}

/** Annual cash flows of both paths and of the difference, with the cumulative difference as a line. */
export function cashflowSvg(report: InvestReport): string {
  const { stay, convert, incremental } = report.result;
  const years = stay.annualUsd.map((_, y) => (y === 0 ? 'now' : `year ${y}`));
  const cumulative: number[] = [];
  incremental.annualUsd.reduce((running, v) => {
    cumulative.push(millions(running + v));
    return running + v;
  }, 0);
  return renderSvg(
    {
      title: { text: 'Annual cash flows, USD M', left: 'center', textStyle: { fontSize: 14 } },
      grid: { left: 70, right: 30, top: 50, bottom: 60 },
      legend: { bottom: 0 },
      tooltip: {},
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', name: 'USD M' },
      series: [
        {
          name: 'stay (mining)',
          type: 'bar',
          data: stay.annualUsd.map(millions),
          itemStyle: { color: '#f0a30a' },
        },
        {
          name: 'convert (AI)',
          type: 'bar',
          data: convert.annualUsd.map(millions),
          itemStyle: { color: '#4f81bd' },
        },
        { name: 'cumulative difference', type: 'line', data: cumulative, itemStyle: { color: '#333' } },
      ],
    },
    900,
    380,
  );
}
