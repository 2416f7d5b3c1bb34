/**
 * Validation of the backtester on shipped history (issue 4, item 5): independent mining revenue, the optimizer
 * bounding every rule, planner books equal to settlement books, curtailment under a resellable PPA, and a site
 * that cannot be run reported as infeasible with the constraint named.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSiteText } from '../config/load.ts';
import type { Site } from '../config/site.ts';
import { asicModels } from '../economics/hardware/asics.ts';
import { loadBtcNetworkDaily } from '../history/load.ts';
import { loadBacktestSeries } from '../history/load-backtest.ts';
import { type Highs, loadHighs } from '../planner/highs.ts';
import { solvePlan } from '../planner/solve.ts';
import { initialPlannerState } from '../planner/state.ts';
import { ruleStrategy } from '../strategies/catalog.ts';
import { optimizer } from '../strategies/optimizer.ts';
import { resolveSite } from '../strategies/resolve-site.ts';
import { miningUsdPerMWh, planningWindow } from '../strategies/window.ts';
import { strategyMetrics } from './metrics.ts';
import { runStrategy } from './run.ts';
import type { BacktestSeries } from './series.ts';

const siteFrom = (file: string): Site =>
  parseSiteText(readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8'), file);
const DAY_MS = 86_400_000;
let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('mining-only revenue against hashrate × hashprice from the shipped series', () => {
  it('agrees within 0.5 % over June 2024 (20 MW example)', () => {
    const site = siteFrom('site-20mw.yaml');
    const fromMs = Date.UTC(2024, 5, 1);
    const series = loadBacktestSeries({ site, fromMs, toMs: fromMs + 30 * DAY_MS });
    const resolved = resolveSite(site);
    const run = runStrategy({ series, resolved, strategy: ruleStrategy('mining-only', resolved) });
    const backtestUsd = strategyMetrics(run, series).revenueUsd.mining;
    // Independently: the whole connection in the fleet mix at 97 % uptime, TH/s from the catalog, hashprice from
    // the daily row, net of the 2.5 % pool fee and 0.5 % stales.
    const itMW = (20 - 0.2) / 1.1;
    const fleetThs = site.mining.fleet.reduce((s, f) => {
      const m = asicModels.find((a) => a.id === f.model)!;
      return s + ((f.share * itMW * 1e6) / m.powerW) * m.hashrateThs;
    }, 0);
    const network = loadBtcNetworkDaily();
    let expectedUsd = 0;
    for (let d = 0; d < 30; d++) {
      const i = (fromMs + d * DAY_MS - network.startMs) / DAY_MS;
      const blocks = network.blockCount[i]!;
      const reward = (network.issuanceBtc[i]! + network.feesBtc[i]!) / blocks;
      const hashpriceUsdPerPhDay =
        ((1e15 * 86_400) / (network.difficulty[i]! * 2 ** 32)) * reward * network.priceUsd[i]!;
      expectedUsd += (fleetThs / 1000) * hashpriceUsdPerPhDay * 0.97 * (1 - 0.025) * (1 - 0.005);
    }
    expect(Math.abs(backtestUsd / expectedUsd - 1)).toBeLessThan(0.005);
  });
});

/**
 * Profit as the planner values it: settlement charges 4CP at the month's actual peak, the planner the expected
 * charge over risk hours, so that one term is swapped back; everything else is the settlement's own books.
 */
function plannerBasisUsd(
  run: ReturnType<typeof runStrategy>,
  series: BacktestSeries,
  chargeUsdPerMWh: number,
): number {
  let usd = strategyMetrics(run, series).profitUsd;
  for (let t = 0; t < series.length; t++) {
    usd += run.ledger.fourCpChargeUsd[t]!;
    if (series.fourCpRisk[t] === 1) usd -= run.ledger.importMW[t]! * chargeUsdPerMWh;
  }
  return usd;
}

describe('the optimizer with perfect foresight', () => {
  const site = siteFrom('site-20mw.yaml');
  const resolved = resolveSite(site);
  const fromMs = Date.UTC(2024, 7, 18);
  const series = loadBacktestSeries({ site, fromMs, toMs: fromMs + 7 * DAY_MS });

  it('is never worse than a rule strategy on the same week, and its books equal the planner objective', () => {
    const span = series.length;
    const perfect = optimizer({
      name: 'optimizer-perfect',
      site: resolved.planner,
      highs,
      forecast: 'perfect',
      lookaheadIntervals: span,
    });
    const [best, ...rules] = [
      perfect,
      ruleStrategy('static-split', resolved),
      ruleStrategy('price-threshold', resolved),
    ].map((strategy) =>
      plannerBasisUsd(
        runStrategy({ series, resolved, strategy, commitIntervals: span }),
        series,
        resolved.planner.fourCpChargeUsdPerMWh,
      ),
    );
    for (const rule of rules) expect(best!).toBeGreaterThanOrEqual(rule - 1e-6);
    const plan = solvePlan(
      highs,
      resolved.planner,
      planningWindow(series, resolved, 0, span, 'perfect'),
      initialPlannerState(resolved.planner),
    );
    expect(plan.status).toBe('optimal');
    expect(Math.abs(best! / plan.objectiveUsd - 1)).toBeLessThan(1e-6);
  });

  it('also beats the rules with daily re-planning over the same week', () => {
    const rolling = optimizer({
      name: 'optimizer-perfect',
      site: resolved.planner,
      highs,
      forecast: 'perfect',
    });
    const profit = (s: Parameters<typeof runStrategy>[0]['strategy']) =>
      strategyMetrics(runStrategy({ series, resolved, strategy: s }), series).profitUsd;
    const optimized = profit(rolling);
    expect(optimized).toBeGreaterThanOrEqual(profit(ruleStrategy('static-split', resolved)));
    expect(optimized).toBeGreaterThanOrEqual(profit(ruleStrategy('price-threshold', resolved)));
  });
});

describe('books against the planner objective, 100 MW site (resellable PPA, battery, spot commitment)', () => {
  it('agree over three days planned as one window', () => {
    const site = siteFrom('site-100mw.yaml');
    const resolved = resolveSite(site);
    const fromMs = Date.UTC(2024, 7, 19);
    const series = loadBacktestSeries({ site, fromMs, toMs: fromMs + 3 * DAY_MS });
    const span = series.length;
    const strategy = optimizer({
      name: 'opt',
      site: resolved.planner,
      highs,
      forecast: 'perfect',
      lookaheadIntervals: span,
    });
    const run = runStrategy({ series, resolved, strategy, commitIntervals: span });
    const state = initialPlannerState(resolved.planner);
    const plan = solvePlan(
      highs,
      resolved.planner,
      planningWindow(series, resolved, 0, span, 'perfect'),
      state,
    );
    expect(plan.status).toBe('optimal');
    expect(run.ledger.resaleCreditUsd.some((usd) => usd > 0)).toBe(true);
    expect(
      Math.abs(plannerBasisUsd(run, series, resolved.planner.fourCpChargeUsdPerMWh) / plan.objectiveUsd - 1),
    ).toBeLessThan(1e-6);
  });
});

describe('a resellable PPA', () => {
  it('curtails mining in the hours the real-time price beats what mining earns per facility MWh', () => {
    const site = siteFrom('site-100mw.yaml');
    const resolved = resolveSite(site);
    const fromMs = Date.UTC(2024, 7, 20);
    const series = loadBacktestSeries({ site, fromMs, toMs: fromMs + 2 * DAY_MS });
    const run = runStrategy({
      series,
      resolved,
      strategy: optimizer({ name: 'opt', site: resolved.planner, highs, forecast: 'perfect' }),
    });
    const best = Math.max(...resolved.planner.mining.segments.map((s) => s.revenueFactor));
    let spikes = 0;
    for (let t = 0; t < series.length; t++) {
      const miningEarnsUsdPerMWh =
        (best * miningUsdPerMWh(resolved, series.hashpriceUsdPerPhDay[t]!)) / site.mining.pue;
      if (series.priceUsdPerMWh[t]! > miningEarnsUsdPerMWh + 1) {
        spikes++;
        expect(run.ledger.miningMW[t]).toBeLessThan(1e-6);
        expect(run.ledger.resaleCreditUsd[t]).toBeGreaterThan(0);
      }
    }
    expect(spikes).toBeGreaterThan(0);
  });
});

describe('an impossible site', () => {
  it('returns infeasible with the binding constraint named, and the backtest counts it', () => {
    const site = siteFrom('site-20mw.yaml');
    const broken = {
      ...site,
      operations: { ...site.operations!, grid: { importLimitMW: 20, overheadMW: 25 } },
    };
    const resolved = resolveSite(broken);
    const fromMs = Date.UTC(2024, 5, 1);
    const series = loadBacktestSeries({ site: broken, fromMs, toMs: fromMs + DAY_MS });
    const plan = solvePlan(
      highs,
      resolved.planner,
      planningWindow(series, resolved, 0, 24, 'perfect'),
      initialPlannerState(resolved.planner),
    );
    expect(plan.status).toBe('infeasible');
    expect(plan.bindingConstraint).toMatch(
      /import_limit_t0: the overhead alone \(25 MW\) exceeds the import limit \(20 MW\)/,
    );
    const run = runStrategy({
      series,
      resolved,
      strategy: optimizer({ name: 'opt', site: resolved.planner, highs, forecast: 'perfect' }),
    });
    expect(run.statuses.infeasible).toBe(1);
    expect(run.bindingConstraints[0]).toMatch(/import_limit_t0/);
  });
});

describe('backtest inputs', () => {
  it('settle Winter Storm Uri at February 2021 real-time prices, fill the UTC edge hours from day-ahead and say so', () => {
    const site = siteFrom('site-20mw.yaml');
    const fromMs = Date.UTC(2021, 1, 1);
    const series = loadBacktestSeries({ site, fromMs, toMs: Date.UTC(2021, 2, 1) });
    expect(series.priceSource).toBe('ERCOT HB_HUBAVG real-time February 2021');
    expect(series.forecastSource).toBe('ERCOT HB_HUBAVG day-ahead 2019-21');
    expect(series.notes).toContainEqual({
      input: 'price',
      assumed: '6 hours without a real-time price settle at ERCOT HB_HUBAVG day-ahead 2019-21',
    });
    expect(Math.max(...series.priceUsdPerMWh)).toBeGreaterThan(8_990);
    expect(series.carbonAverageBasis).toMatch(/hourly life-cycle estimate from the fuel mix/);
    expect(series.priceUsdPerMWh.every(Number.isFinite)).toBe(true);
  });

  it('names the shipped coverage when no price file covers the range', () => {
    const site = siteFrom('site-20mw.yaml');
    expect(() =>
      loadBacktestSeries({ site, fromMs: Date.UTC(2022, 5, 1), toMs: Date.UTC(2022, 5, 2) }),
    ).toThrow(/real time: HB_HUBAVG 2024-01-01\.\.2025-11-30/);
  });
});
