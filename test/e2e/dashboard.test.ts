/**
 * The dashboard in a real browser against the real demo: a simulated site, the controller, the API and the
 * built dashboard on one port. Each test drives the page as an operator would and checks what the page shows
 * (chart data-points, the operator panel, the binding policy) against what the site did.
 *
 * The replay runs at 60× instead of the demo's 360×, so the May 2024 price spike (which would curtail the
 * miners by itself) starts two minutes in, after these tests: a mining drop seen here is the operator's.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/api/auth.ts';
import { type Demo, startDemo } from '../../src/demo/run.ts';
import { scenarioById } from '../../src/demo/scenarios.ts';
import { launchChromium } from '../helpers/browser.ts';

const SCREENSHOTS = 'test-output/screenshots';
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The newest file under `dir`, ms; 0 when there is none. */
function newestMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The server serves dist-web/: build it when it is missing or older than web/, so the test sees this code. */
async function ensureDashboardBuilt(): Promise<void> {
  let builtMs = 0;
  try {
    builtMs = statSync('dist-web/index.html').mtimeMs;
  } catch {
    // Not built yet.
  }
  if (builtMs >= newestMs('web')) return;
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}

const points = async (page: Page, testId: string): Promise<number> =>
  Number(await page.getByTestId(testId).getAttribute('data-points'));

// The operator test waits on the site itself (miners going to sleep), which takes up to ~25 s.
describe('dashboard', { timeout: 45_000 }, () => {
  let demo: Demo;
  let dir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
    mkdirSync(SCREENSHOTS, { recursive: true });
    const [started] = await Promise.all([
      startDemo({
        scenario: scenarioById('may-2024')!,
        miners: 12,
        gpus: 3,
        port: 0,
        speed: 60,
        dir,
        log: pino({ level: 'silent' }),
      }),
      ensureDashboardBuilt(),
    ]);
    demo = started;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP });
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await demo?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the token from the fragment and takes it out of the address bar', async () => {
    await page.goto(demo.dashboardUrl);
    await expect.poll(() => page.getByTestId('whoami').getAttribute('data-role')).toBe('operator');
    expect(page.url()).not.toContain('token');
    expect(page.url()).toMatch(/#\/live$/);
    expect(await page.evaluate("localStorage.getItem('switchyard.token')")).toBe(demo.token);
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-state')).toBe('live');
  });

  it('draws the live charts and grows them as statuses stream in', async () => {
    await expect.poll(() => points(page, 'chart-power-split'), { timeout: 10_000 }).toBeGreaterThan(0);
    const before = await points(page, 'chart-power-split');
    // The demo's cycle is 2 s: a few more points within 10 s, on both charts.
    await expect
      .poll(() => points(page, 'chart-power-split'), { timeout: 10_000 })
      .toBeGreaterThan(before + 1);
    // Both charts draw the same points: poll until two reads agree, as a status may land between them.
    const both = () => Promise.all([points(page, 'chart-import'), points(page, 'chart-power-split')]);
    await expect.poll(async () => new Set(await both()).size).toBe(1);
    await expect.poll(() => points(page, 'chart-machines')).toBe(15);
    await expect(page.getByTestId('replay').textContent()).resolves.toMatch(
      /replaying 2024-05-08 \d\d:\d\d UTC/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/live-1440.png`, fullPage: true });
  });

  it('holds the mining fleet at 0 kW from the operator panel, and the site follows', async () => {
    const miningW = async () =>
      Number(await page.getByTestId('tile-mining').locator('[data-w]').getAttribute('data-w'));
    await expect.poll(miningW, { timeout: 10_000 }).toBeGreaterThan(10_000);
    await page.getByTestId('override-mining-input').fill('0');
    await page.getByTestId('override-mining-set').click();

    await expect
      .poll(() => page.getByTestId('override-mining-state').getAttribute('data-override-w'))
      .toBe('0');
    await expect
      .poll(() => page.getByTestId('binding-policy').getAttribute('data-policy'), { timeout: 20_000 })
      .toBe('operator');
    // Asleep, a miner draws its control board's 20 W: twelve of them stay under 1 kW.
    await expect.poll(miningW, { timeout: 25_000 }).toBeLessThan(1000);
    await expect(page.getByTestId('operator-updated').textContent()).resolves.toContain('demo-visitor');

    await page.getByTestId('override-mining-clear').click();
    await expect
      .poll(() => page.getByTestId('override-mining-state').getAttribute('data-override-w'))
      .toBe('');
    await expect
      .poll(() => page.getByTestId('binding-policy').getAttribute('data-policy'), { timeout: 10_000 })
      .not.toBe('operator');
  });

  it('shows a refused override beside the control with the server’s fix', async () => {
    await page.getByTestId('override-ai-input').fill('-5');
    await page.getByTestId('override-ai-set').click();
    const error = page.getByTestId('override-ai-error');
    await expect.poll(() => error.getAttribute('data-code')).toBe('VALIDATION');
    await expect(error.textContent()).resolves.toContain('body.powerW');
    await page.getByTestId('override-ai-input').fill('');
  });

  it('switches to manual mode and back', async () => {
    await page.getByTestId('mode-manual').click();
    await expect.poll(() => page.getByTestId('mode-manual').getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() => page.getByTestId('binding-policy').getAttribute('data-policy'), { timeout: 10_000 })
      .toBe('hold');
    await page.getByTestId('mode-auto').click();
    await expect.poll(() => page.getByTestId('mode-auto').getAttribute('aria-pressed')).toBe('true');
    await expect
      .poll(() => page.getByTestId('binding-policy').getAttribute('data-policy'), { timeout: 10_000 })
      .not.toBe('hold');
  });

  it('shows a new alert and acknowledges it', async () => {
    const raised = await demo.store.raiseAlert({
      siteId: 'demo',
      machineId: 'm00001',
      atMs: Date.now(),
      severity: 'warning',
      code: 'e2e-check',
      message: 'raised by the browser test',
    });
    const row = page.locator(`[data-alert-id="${raised.alertId}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId(`alert-ack-${raised.alertId}`).click();
    await expect.poll(() => row.count()).toBe(0);
    const [stored] = (await demo.store.alerts('demo')).filter((a) => a.alertId === raised.alertId);
    expect(stored?.acknowledgedBy).toBe('demo-visitor');
  });

  it('lays the live view out in one column on a phone', async () => {
    await page.setViewportSize(PHONE);
    await expect.poll(() => points(page, 'chart-power-split')).toBeGreaterThan(0);
    const [split, operator] = await Promise.all(
      ['panel-power-split', 'operator-panel'].map((id) => page.getByTestId(id).boundingBox()),
    );
    expect(split!.width).toBeGreaterThan(PHONE.width - 40);
    expect(operator!.y).toBeGreaterThan(split!.y + split!.height - 1);
    await page.screenshot({ path: `${SCREENSHOTS}/live-390.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
  });

  it('draws the economics view', async () => {
    await page.getByTestId('nav-economics').click();
    await expect.poll(() => points(page, 'chart-usd-per-mwh'), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await points(page, 'chart-usd-per-mwh-now')).toBe(4);
    expect(await points(page, 'chart-margin')).toBe(6);
    await page.screenshot({ path: `${SCREENSHOTS}/economics-1440.png`, fullPage: true });
  });

  it('draws the energy and carbon view with the network and compare reports', async () => {
    await page.getByTestId('nav-energy').click();
    await expect.poll(() => points(page, 'chart-site-energy'), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => points(page, 'chart-network-energy'), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => points(page, 'chart-compare'), { timeout: 10_000 }).toBe(6);
    await expect(page.getByTestId('compare-headline').textContent()).resolves.toMatch(
      /a MW of IT capacity earns \$/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/energy-1440.png`, fullPage: true });
  });

  it('starts a two-day backtest and draws its cumulative profit', async () => {
    await page.getByTestId('nav-runs').click();
    await page.getByTestId('run-site').selectOption('site-20mw');
    await page.getByTestId('run-from').fill('2025-06-01');
    await page.getByTestId('run-to').fill('2025-06-02');
    await page.getByTestId('run-start').click();
    await expect
      .poll(() => page.locator('tr[data-status="done"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => points(page, 'chart-backtest-profit'), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('backtest-metrics').locator('tbody tr').count()).toBeGreaterThan(1);
    await page.screenshot({ path: `${SCREENSHOTS}/runs-1440.png`, fullPage: true });
  });

  it('shows a viewer the operator controls disabled, and the server refuses the viewer too', async () => {
    const { token } = await createApiToken(demo.store, 'e2e-viewer', 'viewer');
    const viewer = await browser.newContext({ viewport: DESKTOP });
    const viewerPage = await viewer.newPage();
    await viewerPage.goto(`${demo.url}/#token=${token}`);
    await expect.poll(() => viewerPage.getByTestId('viewer-note').count()).toBe(1);
    for (const id of [
      'mode-auto',
      'mode-manual',
      'override-mining-input',
      'override-mining-set',
      'override-ai-input',
    ])
      expect(await viewerPage.getByTestId(id).isDisabled(), id).toBe(true);
    const refused = await fetch(`${demo.url}/api/v1/operator/mode`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'manual' }),
    });
    expect(refused.status).toBe(403);
    await viewer.close();
  });

  it('sends a refused token back to the sign-in form with the server’s message', async () => {
    const stranger = await browser.newContext({ viewport: DESKTOP });
    const strangerPage = await stranger.newPage();
    await strangerPage.goto(`${demo.url}/#token=sy_${'A'.repeat(43)}`);
    await expect
      .poll(() => strangerPage.getByTestId('signin-message').textContent())
      .toContain('unknown or revoked token');
    expect(await strangerPage.evaluate("localStorage.getItem('switchyard.token')")).toBeNull();
    await stranger.close();
  });
});
