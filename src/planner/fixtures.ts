/**
 * @module planner/fixtures
 * Small sites and windows for hand-solvable planner tests and benchmarks: every default is a round number so an
 * objective can be worked out on paper. Not used by the planner itself.
 */
import type { PlannerSite, PlannerState, PlanningWindow } from './problem.ts';

type SiteOverrides = Partial<Omit<PlannerSite, 'mining' | 'ai'>> & {
  readonly mining?: Partial<PlannerSite['mining']>;
  readonly ai?: Partial<PlannerSite['ai']>;
};

/**
 * 10 MW connection, no overhead, PUE 1, one 20 MW mining segment at nameplate, no AI, real-time power. The fleet
 * is larger than the connection so the import limit, not the fleet size, is what binds.
 */
export function testSite(overrides: SiteOverrides = {}): PlannerSite {
  const { mining, ai, ...rest } = overrides;
  return {
    importLimitMW: 10,
    overheadMW: 0,
    miningPue: 1,
    aiPue: 1,
    power: { kind: 'real-time', adderUsdPerMWh: 0 },
    fourCpChargeUsdPerMWh: 0,
    ...rest,
    mining: {
      segments: [{ widthMW: 20, revenueFactor: 1 }],
      rampMWPerInterval: Number.POSITIVE_INFINITY,
      ...mining,
    },
    ai: {
      contractedMW: 0,
      contractUsdPerMWh: 0,
      shortfallPenaltyUsdPerMWh: 0,
      spotMaxMW: 0,
      spotMinOnIntervals: 1,
      spotRestartCostUsd: 0,
      ...ai,
    },
  };
}

const seriesOf = (value: number | readonly number[], length: number): Float64Array =>
  typeof value === 'number' ? new Float64Array(length).fill(value) : Float64Array.from(value);

/** Hourly window from the given prices; the other series default to flat values. */
export function testWindow(spec: {
  readonly priceUsdPerMWh: readonly number[];
  readonly miningUsdPerMWh?: number | readonly number[];
  readonly aiSpotUsdPerMWh?: number | readonly number[];
  readonly fourCpRisk?: readonly number[];
  readonly stepS?: number;
  readonly startMs?: number;
}): PlanningWindow {
  const length = spec.priceUsdPerMWh.length;
  return {
    startMs: spec.startMs ?? 0,
    stepS: spec.stepS ?? 3600,
    priceUsdPerMWh: Float64Array.from(spec.priceUsdPerMWh),
    miningUsdPerMWh: seriesOf(spec.miningUsdPerMWh ?? 0, length),
    aiSpotUsdPerMWh: seriesOf(spec.aiSpotUsdPerMWh ?? 0, length),
    fourCpRisk: Uint8Array.from(spec.fourCpRisk ?? new Array<number>(length).fill(0)),
  };
}

export const coldState: PlannerState = {
  miningMW: 0,
  spotOn: false,
  spotOnForIntervals: 0,
  batteryEnergyMWh: 0,
};

/**
 * A week-long (168 × 1 h) benchmark problem: 4 concave mining segments, a contract, a spot cluster, a battery,
 * 4CP flags and deterministic price shapes (no randomness). `commitment` adds a 4-interval minimum on-time, a
 * $500 restart cost and a 3 MW minimum load, which makes it a MILP.
 */
export function benchmarkProblem(
  intervals = 168,
  commitment = true,
): { site: PlannerSite; window: PlanningWindow; state: PlannerState } {
  const daily = (t: number, phaseH: number) => Math.sin((2 * Math.PI * (t - phaseH)) / 24);
  // A small deterministic ripple so no two days are identical (degenerate ties make solvers look faster).
  const ripple = (t: number) => ((t * 7919) % 23) - 11;
  const site = testSite({
    importLimitMW: 50,
    overheadMW: 2,
    miningPue: 1.05,
    aiPue: 1.3,
    power: { kind: 'real-time', adderUsdPerMWh: 4 },
    fourCpChargeUsdPerMWh: 200,
    mining: {
      segments: [
        { widthMW: 10, revenueFactor: 1.15 },
        { widthMW: 10, revenueFactor: 1.05 },
        { widthMW: 10, revenueFactor: 1 },
        { widthMW: 10, revenueFactor: 0.9 },
      ],
      rampMWPerInterval: 8,
    },
    ai: {
      contractedMW: 10,
      contractUsdPerMWh: 120,
      shortfallPenaltyUsdPerMWh: 300,
      spotMaxMW: 10,
      spotMinOnIntervals: commitment ? 4 : 1,
      spotRestartCostUsd: commitment ? 500 : 0,
      spotMinLoadMW: commitment ? 3 : 0,
    },
    battery: { energyMWh: 20, powerMW: 10, roundTripEfficiency: 0.88, initialEnergyMWh: 10 },
  });
  const hours = Array.from({ length: intervals }, (_, t) => t);
  const window = testWindow({
    priceUsdPerMWh: hours.map((t) => 45 + 25 * daily(t, 12) + ripple(t) + (t % 24 === 18 ? 150 : 0)),
    miningUsdPerMWh: hours.map((t) => 52 + 4 * Math.sin((2 * Math.PI * t) / intervals)),
    aiSpotUsdPerMWh: hours.map((t) => 80 + 35 * daily(t, 8) + ripple(t + 5)),
    fourCpRisk: hours.map((t) => (t % 24 === 17 ? 1 : 0)),
  });
  return { site, window, state: { ...coldState, batteryEnergyMWh: 10 } };
}
