/**
 * Rolling horizon: the state carried across windows keeps battery energy, mining ramps and spot on-time continuous,
 * and one window spanning everything reproduces a single solve.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { coldState, testSite, testWindow } from './fixtures.ts';
import { type Highs, loadHighs } from './highs.ts';
import { planRolling, slicesOf } from './rolling.ts';
import { solvePlan } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const battery = { energyMWh: 10, powerMW: 5, roundTripEfficiency: 0.81, initialEnergyMWh: 2 };
const batterySite = testSite({ importLimitMW: 20, overheadMW: 5, mining: { segments: [] }, battery });
const seesaw = testWindow({ priceUsdPerMWh: [20, 80, 20, 80, 20, 80, 20, 80] });

describe('planRolling', () => {
  it('carries battery energy across windows: the SoC equation holds at every boundary', () => {
    const run = planRolling(highs, batterySite, slicesOf(seesaw), {
      totalIntervals: 8,
      horizonIntervals: 4,
      stepIntervals: 2,
    });
    expect(run.status).toBe('optimal');
    expect(run.windows.map((w) => w.startInterval)).toEqual([0, 2, 4, 6]);
    const { batteryChargeMW: c, batteryDischargeMW: d, batteryEnergyMWh: e } = run.dispatch;
    let previousMWh = battery.initialEnergyMWh;
    for (let t = 0; t < 8; t++) {
      expect(e[t]).toBeCloseTo(previousMWh + 0.9 * c[t]! - d[t]! / 0.9, 6);
      previousMWh = e[t]!;
    }
    run.windows.slice(1).forEach((w) => {
      expect(w.stateIn.batteryEnergyMWh).toBeCloseTo(e[w.startInterval - 1]!, 9);
    });
    // It actually cycles: charged in cheap hours of later windows, not only from the initial energy.
    expect(c[2]! + c[4]!).toBeGreaterThan(1);
    expect(run.objectiveUsd).toBeCloseTo(
      run.dispatch.valueUsd!.reduce((s, usd) => s + usd, 0),
      6,
    );
  });

  it('keeps mining within its ramp across window boundaries and from the initial state', () => {
    const site = testSite({ mining: { rampMWPerInterval: 2 } });
    const window = testWindow({ priceUsdPerMWh: [20, 20, 20, 80, 80, 20, 20, 20], miningUsdPerMWh: 60 });
    const run = planRolling(highs, site, slicesOf(window), {
      totalIntervals: 8,
      horizonIntervals: 4,
      stepIntervals: 2,
      initialState: { ...coldState, miningMW: 3 },
    });
    expect(run.status).toBe('optimal');
    const m = run.dispatch.miningMW;
    let previousMW = 3;
    for (let t = 0; t < 8; t++) {
      expect(Math.abs(m[t]! - previousMW)).toBeLessThanOrEqual(2 + 1e-9);
      previousMW = m[t]!;
    }
    // Margins +40 at $20, −20 at $80. Window 0 (t0–3, from 3 MW): climb 5, 7, 9, drop to 7 (commit 5, 7).
    // Window 1 (t2–5, from 7): 9, 7, then 8 so that t5 can reach 10: 40 per MW at t5 beats 20 at t4 (commit 9, 7).
    // Window 2 (t4–7, from 7): 8, 10, 10, 10; window 3 keeps 10.
    expect([...m].map((mw) => Math.round(mw * 1e6) / 1e6)).toEqual([5, 7, 9, 7, 8, 10, 10, 10]);
  });

  it('carries the spot on-time: a start near a window end holds the cluster on in the next window', () => {
    // Minimum on-time 3 with a 5 MW minimum load; spot pays 100 then 20 forever, energy 40.
    // Window 0 (2 intervals) starts the cluster; windows 1 and 2 must keep it on although alone they would not.
    const site = testSite({
      mining: { segments: [] },
      ai: { spotMaxMW: 5, spotMinLoadMW: 5, spotMinOnIntervals: 3 },
    });
    const window = testWindow({ priceUsdPerMWh: [40, 40, 40, 40], aiSpotUsdPerMWh: [100, 20, 20, 20] });
    const run = planRolling(highs, site, slicesOf(window), {
      totalIntervals: 4,
      horizonIntervals: 2,
      stepIntervals: 1,
    });
    expect([...run.dispatch.aiSpotOn!]).toEqual([1, 1, 1, 0]);
    expect(run.windows[2]!.stateIn).toMatchObject({ spotOn: true, spotOnForIntervals: 2 });
    // 300 − 100 − 100 = 100 USD committed.
    expect(run.objectiveUsd).toBeCloseTo(100, 6);
  });

  it('one window over the whole span equals a single solve', () => {
    const single = solvePlan(highs, batterySite, seesaw, { ...coldState, batteryEnergyMWh: 2 });
    const run = planRolling(highs, batterySite, slicesOf(seesaw), {
      totalIntervals: 8,
      horizonIntervals: 8,
      stepIntervals: 8,
    });
    expect(run.objectiveUsd).toBeCloseTo(single.objectiveUsd, 6);
  });

  it('stops at an infeasible window and says why', () => {
    const run = planRolling(highs, testSite({ overheadMW: 11 }), slicesOf(seesaw), {
      totalIntervals: 8,
      horizonIntervals: 4,
      stepIntervals: 2,
    });
    expect(run.status).toBe('infeasible');
    expect(run.bindingConstraint).toMatch(/^import_limit_t0/);
    expect(run.committedIntervals).toBe(0);
    expect(Number.isNaN(run.dispatch.miningMW[0]!)).toBe(true);
  });
});
