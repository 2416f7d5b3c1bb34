import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlannerSite, PlanningWindow } from '../planner/problem.ts';
import { initialPlannerState } from '../planner/state.ts';
import { alwaysOn, priceThreshold } from './rules.ts';

const site = (importLimitMW: number): PlannerSite => ({
  importLimitMW,
  overheadMW: 0.5,
  miningPue: 1.1,
  aiPue: 1.3,
  mining: {
    segments: [
      { widthMW: 5, revenueFactor: 1.2 },
      { widthMW: 5, revenueFactor: 0.8 },
    ],
    rampMWPerInterval: 10,
  },
  ai: {
    contractedMW: 3,
    contractUsdPerMWh: 2000,
    shortfallPenaltyUsdPerMWh: 4000,
    spotMaxMW: 2,
    spotMinOnIntervals: 1,
    spotRestartCostUsd: 0,
  },
  power: { kind: 'real-time', adderUsdPerMWh: 0 },
  fourCpChargeUsdPerMWh: 0,
});

const windowOf = (prices: number[], miningUsdPerMWh = 60, spot = 1000): PlanningWindow => ({
  startMs: 0,
  stepS: 3600,
  priceUsdPerMWh: Float64Array.from(prices),
  miningUsdPerMWh: new Float64Array(prices.length).fill(miningUsdPerMWh),
  aiSpotUsdPerMWh: new Float64Array(prices.length).fill(spot),
  fourCpRisk: new Uint8Array(prices.length),
});

describe('rule strategies', () => {
  it('never import more than the limit, and serve the contract first (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 30, noNaN: true }), (limit) => {
        const d = alwaysOn('static', site(limit)).decide(
          windowOf([30]),
          initialPlannerState(site(limit)),
        ).dispatch;
        const roomForContract = Math.max(0, limit - 0.5) / 1.3;
        return (
          d.importMW[0]! <= limit + 1e-9 && Math.abs(d.aiContractMW[0]! - Math.min(3, roomForContract)) < 1e-9
        );
      }),
    );
  });

  it('curtail mining above earnings + band and resume only below earnings − band (hysteresis)', () => {
    // Fleet earns 60 × mean factor 1.0 / PUE 1.1 = 54.5 $/MWh at the meter; band 10.
    const prices = [40, 60, 70, 60, 50, 40];
    const d = priceThreshold(site(30), 10).decide(windowOf(prices), {
      ...initialPlannerState(site(30)),
      miningMW: 10,
    }).dispatch;
    expect([...d.miningMW]).toEqual([10, 10, 0, 0, 0, 10]);
  });
});
