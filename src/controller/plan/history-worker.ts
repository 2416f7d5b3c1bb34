/**
 * Planner thread: loads the site and the shipped history once, then answers one window per request with the
 * same optimizer the backtester runs (realistic forecast: what an operator could have known at the time).
 */
import { parentPort } from 'node:worker_threads';
import { loadSiteFile } from '../../config/load.ts';
import { loadBacktestSeries } from '../../history/load-backtest.ts';
import { loadHighs } from '../../planner/highs.ts';
import { solvePlan } from '../../planner/solve.ts';
import { initialPlannerState } from '../../planner/state.ts';
import { MS_PER_HOUR } from '../../series/utc-time.ts';
import { resolveSite } from '../../strategies/resolve-site.ts';
import { planningWindow } from '../../strategies/window.ts';
import { MS_PER_DAY } from '../../units/index.ts';
import type { PlanReply, PlanRequest } from './protocol.ts';

const port = parentPort!;
const highsReady = loadHighs();

async function solve(request: PlanRequest): Promise<PlanReply> {
  const site = loadSiteFile(request.sitePath);
  const resolved = resolveSite(site);
  // The history loaders work in whole UTC days; the window starts at the requested hour inside them.
  const dayStartMs = Math.floor(request.fromMs / MS_PER_DAY) * MS_PER_DAY;
  const endMs = Math.ceil((request.fromMs + request.horizonH * MS_PER_HOUR) / MS_PER_DAY) * MS_PER_DAY;
  const series = loadBacktestSeries({ site, fromMs: dayStartMs, toMs: endMs });
  const first = (request.fromMs - dayStartMs) / MS_PER_HOUR;
  const window = planningWindow(series, resolved, first, request.horizonH, 'realistic');
  const planner = resolved.planner;
  const plan = solvePlan(await highsReady, planner, window, initialPlannerState(planner));
  const d = plan.dispatch;
  return {
    ok: true,
    window: {
      status: plan.status,
      bindingConstraint: plan.bindingConstraint ?? null,
      objectiveUsd: plan.objectiveUsd,
      startMs: window.startMs,
      stepS: window.stepS,
      installedMiningMW: planner.mining.segments.reduce((sum, s) => sum + s.widthMW, 0),
      miningPue: planner.miningPue,
      miningMW: Array.from(d.miningMW),
      aiMW: Array.from(d.aiContractMW, (mw, i) => mw + d.aiSpotMW[i]!),
      importMW: Array.from(d.importMW),
      // Actual prices and hashprice, not the forecast: they settle what the site earns in each interval.
      priceUsdPerMWh: Array.from(series.priceUsdPerMWh.subarray(first, first + request.horizonH)),
      miningUsdPerMWh: Array.from(
        planningWindow(series, resolved, first, request.horizonH, 'perfect').miningUsdPerMWh,
      ),
    },
  };
}

port.on('message', (request: PlanRequest) => {
  solve(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) =>
      port.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      } satisfies PlanReply),
  );
});
