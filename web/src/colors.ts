/**
 * One palette for charts and page alike (main.tsx copies it into CSS custom properties): a workload keeps its
 * colour on every view, so an operator reads a chart by colour before reading its legend.
 */
export const COLORS = {
  mining: '#e8a93a',
  ai: '#4f8ff7',
  curtailed: '#8b95a3',
  idle: '#4b5563',
  unknown: '#ef5a3c',
  price: '#c084fc',
  metered: '#34c77b',
  expected: '#9ec5ff',
  limit: '#f4f4f5',
  good: '#34c77b',
  warn: '#f0b429',
  bad: '#ef5a3c',
  text: '#e6e9ef',
  muted: '#97a1b0',
  grid: '#2a313c',
  panel: '#161b22',
  bg: '#0d1117',
} as const;

/** Strategies of backtests and simulations: the single-workload ones wear their workload's colour. */
const STRATEGY_COLORS: Record<string, string> = {
  'mining-only': COLORS.mining,
  'ai-only': COLORS.ai,
  'static-split': '#2dd4bf',
  'price-threshold': '#f472b6',
  'optimizer-forecast': COLORS.price,
  'optimizer-perfect': '#38bdf8',
  hybrid: '#a3e635',
};
const SPARE = ['#fb923c', '#facc15', '#e879f9'];

export const strategyColor = (name: string, index: number): string =>
  STRATEGY_COLORS[name] ?? SPARE[index % SPARE.length]!;
