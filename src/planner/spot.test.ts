/**
 * The spot cluster's commitment: minimum on-time, restart cost and minimum load each change the decision, and the
 * state carried into a window is honoured. Hand-solved 3-interval cases, $40/MWh flat, 5 MW cluster, PUE 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coldState, testSite, testWindow } from './fixtures.ts';
import { type Highs, loadHighs } from './highs.ts';
import { buildModel } from './model/build.ts';
import { isMixedInteger } from './model/linear-model.ts';
import type { PlannerSite } from './problem.ts';
import { solvePlan } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const spotSite = (ai: Partial<PlannerSite['ai']>): PlannerSite =>
  testSite({ mining: { segments: [] }, ai: { spotMaxMW: 5, ...ai } });
const flat40 = (aiSpotUsdPerMWh: number[]) => testWindow({ priceUsdPerMWh: [40, 40, 40], aiSpotUsdPerMWh });

describe('spot commitment', () => {
  it('stays an LP without minimum on-time, restart cost or minimum load', () => {
    expect(isMixedInteger(buildModel(spotSite({}), flat40([0, 0, 0]), coldState).model)).toBe(false);
    expect(
      isMixedInteger(buildModel(spotSite({ spotRestartCostUsd: 1 }), flat40([0, 0, 0]), coldState).model),
    ).toBe(true);
  });

  it('restart cost keeps the cluster running through a loss-making hour', () => {
    // Spot 100, 20, 100. Free restarts: run in 1 and 3, (100−40)·5·2 = 600 USD.
    // Restart $150 with a 5 MW minimum load: on-off-on = 600 − 2·150 = 300; on-on-on = 300 − 100 + 300 − 150 = 350.
    const window = flat40([100, 20, 100]);
    const free = solvePlan(highs, spotSite({}), window, coldState);
    expect(free.objectiveUsd).toBeCloseTo(600, 6);
    expect([...free.dispatch.aiSpotMW]).toEqual([5, 0, 5]);
    const costly = solvePlan(
      highs,
      spotSite({ spotRestartCostUsd: 150, spotMinLoadMW: 5 }),
      window,
      coldState,
    );
    expect(costly.objectiveUsd).toBeCloseTo(350, 6);
    expect([...costly.dispatch.aiSpotMW].map((mw) => Math.round(mw * 1e6) / 1e6)).toEqual([5, 5, 5]);
    expect([...costly.dispatch.aiSpotOn!]).toEqual([1, 1, 1]);
  });

  it('without a minimum load the cluster idles on instead of restarting', () => {
    // Restart $150, idle costs nothing: on at 5, 0, 5 MW and a single start: 600 − 150 = 450 USD.
    const plan = solvePlan(highs, spotSite({ spotRestartCostUsd: 150 }), flat40([100, 20, 100]), coldState);
    expect(plan.objectiveUsd).toBeCloseTo(450, 6);
    expect([...plan.dispatch.aiSpotOn!]).toEqual([1, 1, 1]);
    expect(plan.dispatch.aiSpotMW[1]).toBeCloseTo(0, 6);
  });

  it('a restart cost can stop a start that is barely worth it', () => {
    // Spot 45 in interval 1 only: (45−40)·5 = 25 USD, less than a $30 restart, so it stays off: 0 USD.
    const plan = solvePlan(highs, spotSite({ spotRestartCostUsd: 30 }), flat40([45, 0, 0]), coldState);
    expect(plan.objectiveUsd).toBeCloseTo(0, 6);
    expect([...plan.dispatch.aiSpotMW].every((mw) => Math.abs(mw) < 1e-9)).toBe(true);
  });

  it('minimum on-time of 3 turns a one-hour run into a three-hour one when the first hour pays for it', () => {
    // Spot 100, 20, 20 and 5 MW minimum load. Without a minimum on-time: run 1 h, 60·5 = 300 USD.
    // With 3 intervals: 300 − 20·5 − 20·5 = 100 USD, still better than staying off (0).
    const window = flat40([100, 20, 20]);
    const short = solvePlan(highs, spotSite({ spotMinLoadMW: 5 }), window, coldState);
    expect(short.objectiveUsd).toBeCloseTo(300, 6);
    expect([...short.dispatch.aiSpotOn!]).toEqual([1, 0, 0]);
    const long = solvePlan(highs, spotSite({ spotMinLoadMW: 5, spotMinOnIntervals: 3 }), window, coldState);
    expect(long.objectiveUsd).toBeCloseTo(100, 6);
    expect([...long.dispatch.aiSpotOn!]).toEqual([1, 1, 1]);
  });

  it('honours the carried on-time: a cluster on for 1 of 3 intervals must stay on for 2 more', () => {
    // Spot 20, 20, 100. Free: run only in interval 3, 300 USD. Carried on for 1 interval of a 3-interval
    // minimum: on in 1 and 2 at a loss of 100 each, then 300: 100 USD. No restart is charged (already on).
    const site = spotSite({ spotMinLoadMW: 5, spotMinOnIntervals: 3, spotRestartCostUsd: 50 });
    const window = flat40([20, 20, 100]);
    const cold = solvePlan(highs, site, window, coldState);
    expect(cold.objectiveUsd).toBeCloseTo(300 - 50, 6);
    const carried = solvePlan(highs, site, window, { ...coldState, spotOn: true, spotOnForIntervals: 1 });
    expect(carried.objectiveUsd).toBeCloseTo(100, 6);
    expect([...carried.dispatch.aiSpotOn!]).toEqual([1, 1, 1]);
    const done = solvePlan(highs, site, window, { ...coldState, spotOn: true, spotOnForIntervals: 3 });
    expect(done.objectiveUsd).toBeCloseTo(300 - 50, 6);
  });

  it('reports MILP marginal values from the LP with the commitment fixed', () => {
    // Limit 3 MW below the 5 MW cluster: the limit binds while on; one more MW earns 100 − 40 = 60 USD/MWh.
    const site = { ...spotSite({ spotRestartCostUsd: 10 }), importLimitMW: 3 };
    const plan = solvePlan(highs, site, flat40([100, 100, 100]), coldState);
    expect(plan.objectiveUsd).toBeCloseTo(60 * 3 * 3 - 10, 6);
    expect([...plan.marginalValueUsdPerMWh]).toEqual([60, 60, 60].map((v) => expect.closeTo(v, 6)));
  });
});
