/**
 * The one chart wrapper every chart goes through: it owns the echarts instance (made on mount, disposed on
 * unmount), follows its container's size, and states on the element what it draws: a stable `data-testid`
 * and `data-points`, the number of data points in the current option, which the browser tests read.
 */
import { useEffect, useRef } from 'preact/hooks';
import { type ChartOption, echarts, THEME } from './echarts.ts';

interface ChartProps {
  readonly testId: string;
  readonly option: ChartOption;
  readonly points: number;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  readonly label: string;
  readonly height?: number;
}

export function Chart({ testId, option, points, label, height = 260 }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = element.current!;
    const instance = echarts.init(el, THEME, { renderer: 'canvas' });
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Live charts get a new option every cycle: no animation (it would lag the data), and series that are
    // gone must go, which a merge would keep.
    chart.current?.setOption({ animation: false, ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={element}
      class="chart"
      data-testid={testId}
      data-points={points}
      role="img"
      aria-label={label}
      style={{ height: `${height}px` }}
    />
  );
}
