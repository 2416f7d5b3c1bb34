/**
 * @module planner/validate
 * Inputs the planner cannot model at all (wrong lengths, NaN, a PUE below 1, revenue segments that are not
 * concave) are a `ValidationError` listing every issue; inputs that are well formed but cannot be met are an
 * `infeasible` plan instead (consistency.ts).
 */
import { ValidationError, type ValidationIssue } from '../errors.ts';
import type { PlannerSite, PlannerState, PlanningWindow } from './problem.ts';

type Check = (field: string, value: number, problem: string, ok: boolean, fix: string) => void;

function siteIssues(site: PlannerSite, check: Check): void {
  const nonNegative = (field: string, value: number, fix: string): void =>
    check(field, value, 'must be a finite number >= 0', Number.isFinite(value) && value >= 0, fix);
  nonNegative('site.importLimitMW', site.importLimitMW, 'set the contracted facility import limit');
  nonNegative('site.overheadMW', site.overheadMW, 'set the always-on facility load, or 0');
  for (const key of ['miningPue', 'aiPue'] as const) {
    const pue = site[key];
    check(
      `site.${key}`,
      pue,
      'must be a finite number >= 1 (facility over IT energy)',
      Number.isFinite(pue) && pue >= 1,
      'use e.g. 1.10',
    );
  }
  site.mining.segments.forEach((segment, k) => {
    nonNegative(`site.mining.segments[${k}].widthMW`, segment.widthMW, 'give each segment a width >= 0 MW');
    nonNegative(`site.mining.segments[${k}].revenueFactor`, segment.revenueFactor, 'use e.g. 1.0');
    const previous = site.mining.segments[k - 1];
    if (previous !== undefined) {
      check(
        `site.mining.segments[${k}].revenueFactor`,
        segment.revenueFactor,
        `must not exceed the previous segment's ${previous.revenueFactor} (revenue must be concave)`,
        segment.revenueFactor <= previous.revenueFactor,
        'sort the segments by falling revenue factor',
      );
    }
  });
  const ramp = site.mining.rampMWPerInterval;
  check('site.mining.rampMWPerInterval', ramp, 'must be >= 0', ramp >= 0, 'use Infinity for no ramp limit');
  const ai = site.ai;
  nonNegative('site.ai.contractedMW', ai.contractedMW, 'use 0 for no contract');
  nonNegative('site.ai.contractUsdPerMWh', ai.contractUsdPerMWh, 'set the contract rate per IT MWh');
  nonNegative('site.ai.shortfallPenaltyUsdPerMWh', ai.shortfallPenaltyUsdPerMWh, 'use 0 for no penalty');
  nonNegative('site.ai.spotMaxMW', ai.spotMaxMW, 'use 0 for no spot cluster');
  nonNegative('site.ai.spotRestartCostUsd', ai.spotRestartCostUsd, 'use 0 for free restarts');
  const minOn = ai.spotMinOnIntervals;
  check(
    'site.ai.spotMinOnIntervals',
    minOn,
    'must be an integer >= 1',
    Number.isInteger(minOn) && minOn >= 1,
    'use 1',
  );
  const minLoadMW = ai.spotMinLoadMW ?? 0;
  check(
    'site.ai.spotMinLoadMW',
    minLoadMW,
    `must be within 0..spotMaxMW (${ai.spotMaxMW})`,
    minLoadMW >= 0 && minLoadMW <= ai.spotMaxMW,
    'lower it to at most spotMaxMW',
  );
  if (site.power.kind === 'real-time') {
    check(
      'site.power.adderUsdPerMWh',
      site.power.adderUsdPerMWh,
      'must be finite',
      Number.isFinite(site.power.adderUsdPerMWh),
      'use 0',
    );
  } else {
    const ppa = site.power.priceUsdPerMWh;
    check('site.power.priceUsdPerMWh', ppa, 'must be finite', Number.isFinite(ppa), 'set the PPA price');
    nonNegative('site.power.volumeMW', site.power.volumeMW, 'set the contracted PPA volume');
  }
  nonNegative('site.fourCpChargeUsdPerMWh', site.fourCpChargeUsdPerMWh, 'use 0 outside ERCOT');
  const battery = site.battery;
  if (battery !== undefined) {
    nonNegative('site.battery.energyMWh', battery.energyMWh, 'set the usable capacity');
    nonNegative('site.battery.powerMW', battery.powerMW, 'set the inverter rating');
    const eta = battery.roundTripEfficiency;
    check('site.battery.roundTripEfficiency', eta, 'must be in (0, 1]', eta > 0 && eta <= 1, 'use e.g. 0.88');
    nonNegative('site.battery.initialEnergyMWh', battery.initialEnergyMWh, 'use e.g. half the capacity');
  }
}

function windowIssues(window: PlanningWindow, check: Check): void {
  const intervals = window.priceUsdPerMWh.length;
  check(
    'window.priceUsdPerMWh.length',
    intervals,
    'must be >= 1',
    intervals >= 1,
    'pass at least one interval',
  );
  check(
    'window.stepS',
    window.stepS,
    'must be > 0',
    window.stepS > 0 && Number.isFinite(window.stepS),
    'e.g. 3600',
  );
  const series = {
    miningUsdPerMWh: window.miningUsdPerMWh,
    aiSpotUsdPerMWh: window.aiSpotUsdPerMWh,
    fourCpRisk: window.fourCpRisk,
  };
  for (const [name, values] of Object.entries(series)) {
    const fix = 'slice every series of the window to the same intervals';
    check(
      `window.${name}.length`,
      values.length,
      `must equal ${intervals}`,
      values.length === intervals,
      fix,
    );
  }
  for (const [name, values] of Object.entries({ ...series, priceUsdPerMWh: window.priceUsdPerMWh })) {
    const bad = Array.prototype.findIndex.call(values, (v: number) => !Number.isFinite(v));
    if (bad >= 0) check(`window.${name}[${bad}]`, values[bad]!, 'must be finite', false, 'fill gaps first');
  }
}

function stateIssues(state: PlannerState, check: Check): void {
  const { miningMW, spotOnForIntervals } = state;
  check('state.miningMW', miningMW, 'must be >= 0', miningMW >= 0 && Number.isFinite(miningMW), 'use 0');
  const intervals = spotOnForIntervals;
  check(
    'state.spotOnForIntervals',
    intervals,
    'must be an integer >= 0',
    Number.isInteger(intervals) && intervals >= 0,
    'use 0',
  );
  check(
    'state.batteryEnergyMWh',
    state.batteryEnergyMWh,
    'must be finite',
    Number.isFinite(state.batteryEnergyMWh),
    'use 0',
  );
}

/** Throws one `ValidationError` with every malformed field of the site, window and state. */
export function validatePlannerInputs(site: PlannerSite, window: PlanningWindow, state: PlannerState): void {
  const issues: ValidationIssue[] = [];
  const check: Check = (field, value, problem, ok, fix) => {
    if (!ok) issues.push({ field, value, problem, fix });
  };
  siteIssues(site, check);
  windowIssues(window, check);
  stateIssues(state, check);
  if (issues.length > 0) throw new ValidationError(issues);
}
