/**
 * @module planner/model/ai-spot
 * The interruptible spot cluster. Without commitment (see `spotNeedsCommitment`) the spot variable's bounds
 * 0..spotMaxMW are all there is and the model stays an LP. With it, four families tie power to an on/off state:
 * capacity (spot ≤ max·on), minimum load (spot ≥ minLoad·on), start detection (start ≥ on_t − on_{t−1}) and
 * minimum on-time (Σ recent starts ≤ on_t), each continuing from the state carried into the window.
 */
import type { PlannerSite, PlannerState } from '../problem.ts';
import type { ModelBuilder } from './linear-model.ts';
import type { PlannerVariables } from './variables.ts';

interface Commitment {
  readonly spot: readonly number[];
  readonly on: readonly number[];
  readonly start: readonly number[];
}

function commitmentOf(vars: PlannerVariables): Commitment | undefined {
  const { aiSpotMW: spot, aiSpotOn: on, aiSpotStart: start } = vars;
  return spot && on && start ? { spot, on, start } : undefined;
}

export function addAiSpotCapacity(builder: ModelBuilder, site: PlannerSite, vars: PlannerVariables): void {
  const c = commitmentOf(vars);
  if (c === undefined) return;
  for (let t = 0; t < builder.intervals; t++) {
    builder.addConstraint({
      name: `ai_spot_capacity_t${t}`,
      family: 'ai_spot_capacity',
      interval: t,
      lower: Number.NEGATIVE_INFINITY,
      upper: 0,
      terms: [
        { column: c.spot[t]!, coefficient: 1 },
        { column: c.on[t]!, coefficient: -site.ai.spotMaxMW },
      ],
    });
  }
}

export function addAiSpotMinLoad(builder: ModelBuilder, site: PlannerSite, vars: PlannerVariables): void {
  const c = commitmentOf(vars);
  const minLoadMW = site.ai.spotMinLoadMW ?? 0;
  if (c === undefined || minLoadMW <= 0) return;
  for (let t = 0; t < builder.intervals; t++) {
    builder.addConstraint({
      name: `ai_spot_min_load_t${t}`,
      family: 'ai_spot_min_load',
      interval: t,
      lower: 0,
      upper: Number.POSITIVE_INFINITY,
      terms: [
        { column: c.spot[t]!, coefficient: 1 },
        { column: c.on[t]!, coefficient: -minLoadMW },
      ],
    });
  }
}

/** `on_t − on_{t−1} − start_t ≤ 0`; a cluster already on when the window opens does not start again. */
export function addAiSpotStart(builder: ModelBuilder, vars: PlannerVariables, state: PlannerState): void {
  const c = commitmentOf(vars);
  if (c === undefined) return;
  for (let t = 0; t < builder.intervals; t++) {
    const wasOn = t === 0 ? [] : [{ column: c.on[t - 1]!, coefficient: -1 }];
    builder.addConstraint({
      name: `ai_spot_start_t${t}`,
      family: 'ai_spot_start',
      interval: t,
      lower: Number.NEGATIVE_INFINITY,
      upper: t === 0 && state.spotOn ? 1 : 0,
      terms: [{ column: c.on[t]!, coefficient: 1 }, ...wasOn, { column: c.start[t]!, coefficient: -1 }],
    });
  }
}

/**
 * `Σ_{τ=t−L+1..t} start_τ ≤ on_t`: a start keeps the cluster on for L intervals. A cluster that has been on
 * for k < L intervals when the window opens must stay on for the first L − k intervals.
 */
export function addAiSpotMinOn(
  builder: ModelBuilder,
  site: PlannerSite,
  vars: PlannerVariables,
  state: PlannerState,
): void {
  const c = commitmentOf(vars);
  const minOnIntervals = site.ai.spotMinOnIntervals;
  if (c === undefined || minOnIntervals <= 1) return;
  const carriedIntervals = state.spotOn ? Math.max(0, minOnIntervals - state.spotOnForIntervals) : 0;
  for (let t = 0; t < builder.intervals; t++) {
    const name = `ai_spot_min_on_t${t}`;
    if (t < carriedIntervals) {
      const terms = [{ column: c.on[t]!, coefficient: 1 }];
      builder.addConstraint({ name, family: 'ai_spot_min_on', interval: t, lower: 1, upper: 1, terms });
      continue;
    }
    const terms = [{ column: c.on[t]!, coefficient: -1 }];
    for (let tau = Math.max(0, t - minOnIntervals + 1); tau <= t; tau++) {
      terms.push({ column: c.start[tau]!, coefficient: 1 });
    }
    const lower = Number.NEGATIVE_INFINITY;
    builder.addConstraint({ name, family: 'ai_spot_min_on', interval: t, lower, upper: 0, terms });
  }
}
