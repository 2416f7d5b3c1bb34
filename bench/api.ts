/**
 * Issue 7's figures against the embedded demo in a second process (bench/api-host.ts, as `npm start` runs it,
 * controller cycling beside the API): GET /api/v1/status under load from this process (autocannon, keep-alive
 * connections, the demo's operator token), and the dashboard's time to its first chart with data in headless
 * Chromium (navigation start to the power-split chart drawing points).
 */
import autocannon from 'autocannon';
import type { Figure } from './backtest.ts';
import { withChildHost } from './child-host.ts';

interface Host {
  readonly url: string;
  readonly token: string;
  readonly dashboardUrl: string;
}

const STATUS_TARGET_RPS = 2_000;
const P99_TARGET_MS = 50;

const withHost = <T>(use: (host: Host) => Promise<T>): Promise<T> =>
  withChildHost(new URL('./api-host.ts', import.meta.url), use);

async function load(host: Host, connections: number, durationS: number) {
  return autocannon({
    url: `${host.url}/api/v1/status`,
    connections,
    duration: durationS,
    headers: { authorization: `Bearer ${host.token}` },
  });
}

async function statusFigures(host: Host): Promise<Figure[]> {
  // The first status needs a cycle; the warm-up also fills the token and operator-state caches.
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  await load(host, 10, 2);
  const figures: Figure[] = [];
  for (const connections of [10, 50]) {
    const r = await load(host, connections, 10);
    const ok = r.non2xx === 0 && r.errors === 0;
    figures.push({
      figure: `GET /api/v1/status, ${connections} connections, 10 s`,
      value: `${Math.round(r.requests.average).toLocaleString('en-US')} req/s`,
      ratio: `${(r.requests.average / STATUS_TARGET_RPS).toFixed(2)}× the 2,000 req/s target; p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${(r.latency.p99 / P99_TARGET_MS).toFixed(2)}× the 50 ms target)${ok ? '' : `; ${r.non2xx} non-2xx, ${r.errors} errors`}`,
    });
  }
  return figures;
}

async function firstChartFigure(host: Host): Promise<Figure> {
  const { launchChromium } = await import('../test/helpers/browser.ts');
  const browser = await launchChromium();
  try {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(host.dashboardUrl, { waitUntil: 'commit' });
      await page.waitForSelector('[data-testid="chart-power-split"]:not([data-points="0"])', {
        timeout: 30_000,
      });
      times.push(await page.evaluate(() => performance.now()));
      await page.close();
    }
    times.sort((a, b) => a - b);
    return {
      figure: 'dashboard: navigation to the first chart with data (headless Chromium, median of 5)',
      value: `${Math.round(times[2]!)} ms`,
      ratio: `min ${Math.round(times[0]!)} ms, max ${Math.round(times[4]!)} ms`,
    };
  } finally {
    await browser.close();
  }
}

export async function apiFigures(): Promise<Figure[]> {
  return withHost(async (host) => [...(await statusFigures(host)), await firstChartFigure(host)]);
}
