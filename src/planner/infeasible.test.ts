/**
 * Infeasible sites come back as `infeasible` with the row to blame named, from the consistency check or, for
 * subtler cases, from the elastic filter; malformed input is a ValidationError instead.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { coldState, testSite, testWindow } from './fixtures.ts';
import { type Highs, loadHighs } from './highs.ts';
import { solvePlan } from './solve.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const window = testWindow({ priceUsdPerMWh: [20, 80, 40], miningUsdPerMWh: 60 });

describe('infeasible plans name the constraint', () => {
  it('overhead above the import limit', () => {
    const plan = solvePlan(highs, testSite({ overheadMW: 12 }), window, coldState);
    expect(plan.status).toBe('infeasible');
    expect(plan.bindingConstraint).toMatch(/^import_limit_t0: the overhead alone \(12 MW\)/);
    expect(Number.isNaN(plan.objectiveUsd)).toBe(true);
    expect(Number.isNaN(plan.dispatch.miningMW[0]!)).toBe(true);
  });

  it('battery energy above its capacity', () => {
    const battery = { energyMWh: 10, powerMW: 5, roundTripEfficiency: 0.9, initialEnergyMWh: 5 };
    const plan = solvePlan(highs, testSite({ battery }), window, { ...coldState, batteryEnergyMWh: 12 });
    expect(plan.status).toBe('infeasible');
    expect(plan.bindingConstraint).toMatch(/^battery_soc_t0: the carried battery energy \(12 MWh\)/);
  });

  it('a carried mining power that cannot ramp down to fit the connection (found by the elastic filter)', () => {
    // 10 MW carried, 1 MW/interval ramp, 5 MW limit: interval 1 needs ≥ 9 MW, 4 MW over the limit.
    const site = testSite({ importLimitMW: 5, mining: { rampMWPerInterval: 1 } });
    const plan = solvePlan(highs, site, window, { ...coldState, miningMW: 10 });
    expect(plan.status).toBe('infeasible');
    expect(plan.bindingConstraint).toMatch(/^mining_ramp_t0: cannot hold; it needs 4 MW of slack/);
    expect(plan.bindingConstraint).toMatch(/relaxing import_limit would also do/);
  });

  it('a carried spot commitment with a minimum load above the connection', () => {
    const site = testSite({
      importLimitMW: 4,
      mining: { segments: [] },
      ai: { spotMaxMW: 5, spotMinLoadMW: 5, spotMinOnIntervals: 3 },
    });
    const plan = solvePlan(highs, site, window, { ...coldState, spotOn: true, spotOnForIntervals: 1 });
    expect(plan.status).toBe('infeasible');
    expect(plan.bindingConstraint).toMatch(/^ai_spot_min_on_t[01]: cannot hold/);
  });

  it('the same carried state is feasible once the minimum on-time has passed', () => {
    const site = testSite({
      importLimitMW: 4,
      mining: { segments: [] },
      ai: { spotMaxMW: 5, spotMinLoadMW: 5, spotMinOnIntervals: 3 },
    });
    const plan = solvePlan(highs, site, window, { ...coldState, spotOn: true, spotOnForIntervals: 3 });
    expect(plan.status).toBe('optimal');
    expect(plan.objectiveUsd).toBeCloseTo(0, 6);
  });
});

describe('malformed input throws ValidationError', () => {
  it('non-concave mining segments', () => {
    const site = testSite({
      mining: {
        segments: [
          { widthMW: 5, revenueFactor: 1 },
          { widthMW: 5, revenueFactor: 1.2 },
        ],
      },
    });
    expect(() => solvePlan(highs, site, window, coldState)).toThrow(ValidationError);
    expect(() => solvePlan(highs, site, window, coldState)).toThrow(/segments\[1\]\.revenueFactor.*concave/);
  });

  it('series of different lengths and a PUE below 1, reported together', () => {
    const short = { ...window, miningUsdPerMWh: new Float64Array(2) };
    const call = () => solvePlan(highs, testSite({ aiPue: 0.9 }), short, coldState);
    expect(call).toThrow(/site\.aiPue/);
    expect(call).toThrow(/window\.miningUsdPerMWh\.length/);
  });
});
