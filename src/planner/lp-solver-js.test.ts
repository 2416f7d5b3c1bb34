/**
 * HiGHS and javascript-lp-solver agree on the objective of random LP-only planner models (an independent solver
 * as the reference, since neither can be checked by hand here). Relative tolerance 1e-6.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { benchmarkProblem, coldState, testSite, testWindow } from './fixtures.ts';
import { type Highs, loadHighs, solveWithHighs } from './highs.ts';
import { solveWithJsLpSolver } from './lp-solver-js.ts';
import { buildModel } from './model/build.ts';
import { isMixedInteger } from './model/linear-model.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const usd = fc.integer({ min: -20, max: 200 });
const randomCase = fc.record({
  prices: fc.array(usd, { minLength: 2, maxLength: 4 }),
  mining: usd,
  spot: usd,
  importLimitMW: fc.integer({ min: 2, max: 30 }),
  overheadMW: fc.integer({ min: 0, max: 2 }),
  miningPue: fc.constantFrom(1, 1.05, 1.2),
  widthsMW: fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 })),
  rampMW: fc.constantFrom(1, 3, Number.POSITIVE_INFINITY),
  contractedMW: fc.integer({ min: 0, max: 6 }),
  spotMaxMW: fc.integer({ min: 0, max: 6 }),
  resale: fc.boolean(),
  withBattery: fc.boolean(),
  carriedMiningMW: fc.integer({ min: 0, max: 2 }),
});

describe('javascript-lp-solver cross-check', () => {
  it('agrees with HiGHS on the objective of random LP-only models', () => {
    fc.assert(
      fc.property(randomCase, (c) => {
        const site = testSite({
          importLimitMW: c.importLimitMW,
          overheadMW: c.overheadMW,
          miningPue: c.miningPue,
          aiPue: 1.3,
          mining: {
            segments: [
              { widthMW: c.widthsMW[0], revenueFactor: 1.1 },
              { widthMW: c.widthsMW[1], revenueFactor: 0.9 },
            ],
            rampMWPerInterval: c.rampMW,
          },
          ai: {
            contractedMW: c.contractedMW,
            contractUsdPerMWh: 90,
            shortfallPenaltyUsdPerMWh: 150,
            spotMaxMW: c.spotMaxMW,
          },
          power: c.resale
            ? { kind: 'ppa', priceUsdPerMWh: 35, volumeMW: 5, resale: true }
            : { kind: 'real-time', adderUsdPerMWh: 3 },
          ...(c.withBattery
            ? { battery: { energyMWh: 4, powerMW: 2, roundTripEfficiency: 0.85, initialEnergyMWh: 1 } }
            : {}),
        });
        const window = testWindow({
          priceUsdPerMWh: c.prices,
          miningUsdPerMWh: c.mining,
          aiSpotUsdPerMWh: c.spot,
        });
        const { model } = buildModel(site, window, {
          ...coldState,
          miningMW: c.carriedMiningMW,
          batteryEnergyMWh: 1,
        });
        expect(isMixedInteger(model)).toBe(false);
        const byHighs = solveWithHighs(highs, model);
        const byJs = solveWithJsLpSolver(model);
        expect(byJs.status).toBe(byHighs.status);
        if (byHighs.status !== 'optimal') return;
        const tolerance = 1e-6 * Math.max(1, Math.abs(byHighs.objectiveUsd));
        expect(Math.abs(byJs.objectiveUsd - byHighs.objectiveUsd)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 40, seed: 20261125 },
    );
  });

  it('agrees with HiGHS on a day of the benchmark MILP (spot commitment, battery, 4 segments)', () => {
    const { site, window, state } = benchmarkProblem(24, true);
    const { model } = buildModel(site, window, state);
    expect(isMixedInteger(model)).toBe(true);
    const byHighs = solveWithHighs(highs, model, { mipRelGap: 1e-9 });
    const byJs = solveWithJsLpSolver(model, { timeoutMs: 20_000 });
    expect(byHighs.status).toBe('optimal');
    expect(byJs.status).toBe('optimal');
    expect(byJs.objectiveUsd).toBeCloseTo(byHighs.objectiveUsd, 4);
  });
});
