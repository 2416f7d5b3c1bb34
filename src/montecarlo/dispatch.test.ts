/**
 * The hybrid's greedy daily dispatch equals the planner's LP optimum (solvePlan, HiGHS) on a one-interval daily
 * window, on random sites and days; and it is never worse than the rule strategies on the same day.
 */
import { describe, expect, it } from 'vitest';
import { loadHighs } from '../planner/highs.ts';
import type { PlannerSite } from '../planner/problem.ts';
import { solvePlan } from '../planner/solve.ts';
import { DayMarket, DayOutcome, StrategyKernel } from './dispatch.ts';
import { RULE_ALWAYS_ON, RULE_GREEDY, RULE_THRESHOLD } from './inputs.ts';
import { rngFor, uniformOpen } from './rng.ts';
import { daySite } from './sites.ts';

const cold = { miningMW: 0, spotOn: false, spotOnForIntervals: 0, batteryEnergyMWh: 0 };

function randomCase(seed: number) {
  const g = rngFor(seed, 0);
  const u = (low: number, high: number) => low + (high - low) * uniformOpen(g);
  const segments = Array.from({ length: 1 + Math.floor(u(0, 4)) }, () => ({
    widthMW: u(0, 15),
    revenueFactor: u(0.7, 1.3),
  }));
  segments.sort((a, b) => b.revenueFactor - a.revenueFactor);
  const powerPick = u(0, 3);
  const power: PlannerSite['power'] =
    powerPick < 1
      ? { kind: 'real-time', adderUsdPerMWh: u(0, 10) }
      : { kind: 'ppa', priceUsdPerMWh: u(20, 60), volumeMW: u(5, 40), resale: powerPick < 2 };
  const site: PlannerSite = {
    importLimitMW: u(5, 50),
    overheadMW: u(0, 2),
    miningPue: u(1.02, 1.2),
    aiPue: u(1.1, 1.5),
    mining: { segments, rampMWPerInterval: Number.POSITIVE_INFINITY },
    ai: {
      contractedMW: u(0, 1) < 0.3 ? 0 : u(0, 12),
      contractUsdPerMWh: u(0, 2500),
      shortfallPenaltyUsdPerMWh: u(0, 200),
      spotMaxMW: u(0, 1) < 0.3 ? 0 : u(0, 12),
      spotMinOnIntervals: 1,
      spotRestartCostUsd: 0,
    },
    power,
    fourCpChargeUsdPerMWh: 0,
  };
  const day = { priceUsdPerMWh: u(-20, 250), miningUsdPerMWh: u(0, 120), spotUsdPerMWh: u(0, 200) };
  return { site, day };
}

describe('greedy daily dispatch = planner LP', async () => {
  const highs = await loadHighs();
  it.each(Array.from({ length: 60 }, (_, i) => [i]))('random daily case %i', (seed) => {
    const { site, day } = randomCase(seed);
    const plan = solvePlan(
      highs,
      site,
      {
        startMs: 0,
        stepS: 86_400,
        priceUsdPerMWh: Float64Array.of(day.priceUsdPerMWh),
        miningUsdPerMWh: Float64Array.of(day.miningUsdPerMWh),
        aiSpotUsdPerMWh: Float64Array.of(day.spotUsdPerMWh),
        fourCpRisk: Uint8Array.of(0),
      },
      cold,
    );
    expect(plan.status).toBe('optimal');
    const value = (rule: number) => {
      const kernel = new StrategyKernel(daySite('hybrid', rule, site, day.spotUsdPerMWh, 5));
      kernel.reset();
      const out = new DayOutcome();
      const market = new DayMarket();
      market.priceUsdPerMWh = day.priceUsdPerMWh;
      market.miningUsdPerMWh = day.miningUsdPerMWh;
      kernel.day(market, out);
      expect(out.importMW).toBeLessThanOrEqual(Math.max(site.importLimitMW, site.overheadMW) + 1e-9);
      return out.valueUsd;
    };
    const greedy = value(RULE_GREEDY);
    // Same objective to 1e-9 relative (HiGHS' optimality tolerance is 1e-7 on reduced costs, so allow 1e-6 USD/MWh-day).
    expect(Math.abs(greedy - plan.objectiveUsd)).toBeLessThan(1e-6 * (1 + Math.abs(plan.objectiveUsd)));
    expect(greedy).toBeGreaterThanOrEqual(value(RULE_ALWAYS_ON) - 1e-6);
    expect(greedy).toBeGreaterThanOrEqual(value(RULE_THRESHOLD) - 1e-6);
  });
});
