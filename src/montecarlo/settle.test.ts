/**
 * The whole-path settlement (settle.ts) equals the per-day reference `StrategyKernel.day` summed by year: to the
 * last bit for the written-out threshold and greedy loops (same operations, same order), and within 1e-12
 * relative for the linear always-on case (year sums of the market instead of a sum of daily values). Random
 * sites cover every power purchase, with and without room for the whole build; random markets cross every
 * threshold often.
 */
import { describe, expect, it } from 'vitest';
import type { PlannerSite } from '../planner/problem.ts';
import { DayMarket, DayOutcome, StrategyKernel } from './dispatch.ts';
import { RULE_ALWAYS_ON, RULE_GREEDY, RULE_THRESHOLD } from './inputs.ts';
import { type Rng, rngFor, uniformOpen } from './rng.ts';
import { PathMarket, SettleScratch, settlePath } from './settle.ts';
import { daySite } from './sites.ts';

const YEARS = 3;

function randomSite(g: Rng): PlannerSite {
  const u = (low: number, high: number) => low + (high - low) * uniformOpen(g);
  const segments = Array.from({ length: 1 + Math.floor(u(0, 3)) }, () => ({
    widthMW: u(1, 8),
    revenueFactor: u(0.7, 1.3),
  }));
  const pick = u(0, 3);
  return {
    importLimitMW: u(5, 40),
    overheadMW: u(0, 1),
    miningPue: u(1.02, 1.2),
    aiPue: u(1.1, 1.5),
    mining: { segments, rampMWPerInterval: Number.POSITIVE_INFINITY },
    ai: {
      contractedMW: u(0, 1) < 0.3 ? 0 : u(0, 6),
      contractUsdPerMWh: u(0, 400),
      shortfallPenaltyUsdPerMWh: u(0, 200),
      spotMaxMW: u(0, 1) < 0.3 ? 0 : u(0, 6),
      spotMinOnIntervals: 1,
      spotRestartCostUsd: u(0, 500),
    },
    power:
      pick < 1
        ? { kind: 'real-time', adderUsdPerMWh: u(0, 10) }
        : { kind: 'ppa', priceUsdPerMWh: u(20, 60), volumeMW: u(5, 40), resale: pick < 2 },
    fourCpChargeUsdPerMWh: 0,
  };
}

function randomMarket(g: Rng): PathMarket {
  const m = new PathMarket(YEARS);
  for (let d = 0; d < YEARS * 365; d++) {
    m.priceUsdPerMWh[d] = -20 + 200 * uniformOpen(g);
    m.miningUsdPerMWh[d] = 120 * uniformOpen(g);
    m.spotIndex[d] = 0.5 + uniformOpen(g);
    m.contractIndex[d] = d < 400 ? 1 : m.spotIndex[d]!;
  }
  m.sumYears();
  return m;
}

/** The reference: `day` on every day, summed by year. */
function dailyFlows(kernel: StrategyKernel, m: PathMarket): number[] {
  kernel.reset();
  const market = new DayMarket();
  const out = new DayOutcome();
  const flows = new Array<number>(YEARS + 1).fill(0);
  for (let y = 0; y < YEARS; y++) {
    let yearUsd = 0;
    for (let d = y * 365; d < (y + 1) * 365; d++) {
      market.priceUsdPerMWh = m.priceUsdPerMWh[d]!;
      market.miningUsdPerMWh = m.miningUsdPerMWh[d]!;
      market.contractIndex = m.contractIndex[d]!;
      market.spotIndex = m.spotIndex[d]!;
      kernel.day(market, out);
      yearUsd += out.valueUsd;
    }
    flows[y + 1] = yearUsd;
  }
  return flows;
}

describe('settlePath = StrategyKernel.day summed by year', () => {
  const rules = [
    ['always on', RULE_ALWAYS_ON],
    ['threshold', RULE_THRESHOLD],
    ['greedy', RULE_GREEDY],
  ] as const;
  it.each(Array.from({ length: 40 }, (_, i) => [i]))('random site and market %i', (seed) => {
    const g = rngFor(seed, 0);
    const site = randomSite(g);
    const m = randomMarket(g);
    for (const [name, rule] of rules) {
      const kernel = new StrategyKernel(daySite('hybrid', rule, site, 60 + 100 * uniformOpen(g), 8));
      const expected = dailyFlows(kernel, m);
      const flows = new Float64Array(YEARS + 1);
      settlePath(kernel, m, new SettleScratch(), flows, 0);
      const linear = rule === RULE_ALWAYS_ON && kernel.fitsAll;
      for (let y = 1; y <= YEARS; y++) {
        if (linear) {
          // Each year sums ~365 terms of up to ~1e6 USD: 1e-12 relative is far above their rounding.
          expect(Math.abs(flows[y]! - expected[y]!), `${name} year ${y}`).toBeLessThan(
            1e-12 * (1e6 + Math.abs(expected[y]!)),
          );
        } else {
          expect(flows[y], `${name} year ${y}`).toBe(expected[y]);
        }
      }
    }
  });
});
