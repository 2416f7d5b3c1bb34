/**
 * @module economics/hardware/power-curve
 * Hash rate versus power target for ASICs whose firmware can underclock (LuxOS, Braiins OS, stock low-power
 * modes), and optionally overclock.
 *
 * Physical model. Dynamic chip power goes as C·V²·f and hash rate as f. Lowering the frequency lets the firmware
 * lower the voltage, so J/TH falls as power falls, and hash rate falls less than in proportion to power. Part of
 * the draw does not scale (leakage, fans, PSU losses, control board), and chips need a minimum voltage. Both
 * limit the gain. The simplest form with that shape is
 *
 *   efficiencyJPerTh(f) = nominalJPerTh × (a + (1 − a) × f^k),   f = powerW / nameplate powerW
 *   hashrateThs(f)      = nameplateThs × f / (a + (1 − a) × f^k)
 *
 * with a = efficiency floor fraction and k = exponent. At f = 1 it returns the nameplate exactly. Hash rate rises
 * with power while a + (1 − a)(1 − k) f^k > 0, which always holds for k ≤ 1 and is checked otherwise.
 * The defaults (a = 0.6, k = 1: at 50 % power, 80 % of nameplate J/TH and 62.5 % of the hash rate) are a
 * model assumption, not a measured curve: calibrate per fleet from metered power and pool-side hash rate. The
 * catalog does not record which models a firmware supports, so the caller owns that choice.
 */
import { ValidationError } from '../../errors.ts';
import { requireFinite, requirePositive } from '../../units/guards.ts';
import type { AsicModel } from './asic-schema.ts';

export interface PowerCurveParams {
  /** `a`: the share of nominal J/TH that does not improve with underclocking, 0 < a ≤ 1. */
  readonly efficiencyFloorFraction: number;
  /** `k`: how fast the scaling part of J/TH falls with the power fraction, > 0. */
  readonly efficiencyExponent: number;
  /** Lowest power target as a fraction of nameplate the firmware allows. */
  readonly minPowerFraction: number;
  readonly source: string;
}

export const DEFAULT_POWER_CURVE_PARAMS: PowerCurveParams = {
  efficiencyFloorFraction: 0.6,
  efficiencyExponent: 1,
  minPowerFraction: 0.5,
  source: 'model assumption, calibrate per fleet (no shipped underclock measurements)',
};

export interface PowerCurveOptions {
  readonly params?: Partial<PowerCurveParams>;
  /** Adds one point above nameplate (e.g. 1.1 for a 10 % overclock) and extends the allowed range to it. */
  readonly overclockPowerFraction?: number;
  /** Points from the minimum to 100 % inclusive, default 11. */
  readonly steps?: number;
}

export interface PowerCurvePoint {
  readonly powerFraction: number;
  readonly powerW: number;
  readonly hashrateThs: number;
}

type Nameplate = Pick<AsicModel, 'id' | 'powerW' | 'hashrateThs'>;

function invalid(field: string, value: unknown, problem: string, fix: string): never {
  throw new ValidationError([{ field, value, problem, fix }]);
}

function resolve(options: PowerCurveOptions | undefined) {
  const params = { ...DEFAULT_POWER_CURVE_PARAMS, ...options?.params };
  const a = requireFinite('params.efficiencyFloorFraction', params.efficiencyFloorFraction, 'use 0 < a <= 1');
  const k = requirePositive('params.efficiencyExponent', params.efficiencyExponent, 'use k > 0, e.g. 1');
  const minFraction = params.minPowerFraction;
  if (!(a > 0 && a <= 1)) invalid('params.efficiencyFloorFraction', a, 'must be in (0, 1]', 'use e.g. 0.6');
  if (!(Number.isFinite(minFraction) && minFraction > 0 && minFraction < 1)) {
    invalid('params.minPowerFraction', minFraction, 'must be in (0, 1)', 'use the firmware floor, e.g. 0.5');
  }
  const over = options?.overclockPowerFraction;
  if (over !== undefined && !(Number.isFinite(over) && over > 1)) {
    invalid(
      'overclockPowerFraction',
      over,
      'must be > 1 (a fraction of nameplate)',
      'use e.g. 1.1, or omit it',
    );
  }
  const maxFraction = over ?? 1;
  // Where the bracket below turns negative, more power would give less hash rate: not a usable curve.
  if (a + (1 - a) * (1 - k) * maxFraction ** k <= 0) {
    invalid(
      'params.efficiencyExponent',
      k,
      `makes hash rate fall as power rises toward ${maxFraction} × nameplate`,
      'use k < 1 / (1 - a)',
    );
  }
  const steps = options?.steps ?? 11;
  if (!(Number.isInteger(steps) && steps >= 2)) {
    invalid('steps', steps, 'must be an integer >= 2', 'use e.g. 11');
  }
  return { a, k, minFraction, maxFraction, over, steps };
}

function hashrateAtFraction(model: Nameplate, fraction: number, a: number, k: number): number {
  return (model.hashrateThs * fraction) / (a + (1 - a) * fraction ** k);
}

/** Points from the firmware minimum to nameplate (then the overclock point, if asked), power ascending. */
export function asicPowerCurve(model: Nameplate, options?: PowerCurveOptions): readonly PowerCurvePoint[] {
  requirePositive('powerW', model.powerW, 'use the nameplate wall power in W');
  requirePositive('hashrateThs', model.hashrateThs, 'use the nameplate hash rate in TH/s');
  const { a, k, minFraction, over, steps } = resolve(options);
  const fractions = Array.from({ length: steps }, (_, i) =>
    i === steps - 1 ? 1 : minFraction + ((1 - minFraction) * i) / (steps - 1),
  );
  if (over !== undefined) fractions.push(over);
  return fractions.map((powerFraction) => ({
    powerFraction,
    powerW: model.powerW * powerFraction,
    hashrateThs: powerFraction === 1 ? model.hashrateThs : hashrateAtFraction(model, powerFraction, a, k),
  }));
}

/** Hash rate at a power target, on the model curve; throws outside [min, max] of the allowed range. */
export function hashrateAtPowerThs(model: Nameplate, powerW: number, options?: PowerCurveOptions): number {
  requirePositive('model.powerW', model.powerW, 'use the nameplate wall power in W');
  requirePositive('model.hashrateThs', model.hashrateThs, 'use the nameplate hash rate in TH/s');
  requireFinite('powerW', powerW, 'pass the power target in W');
  const { a, k, minFraction, maxFraction } = resolve(options);
  const lowW = model.powerW * minFraction;
  const highW = model.powerW * maxFraction;
  if (powerW < lowW || powerW > highW) {
    invalid(
      'powerW',
      powerW,
      `is outside the power-target range of ${model.id}: ${lowW} W to ${highW} W`,
      'clamp the target to that range, or set params.minPowerFraction / overclockPowerFraction',
    );
  }
  return powerW === model.powerW ? model.hashrateThs : hashrateAtFraction(model, powerW / model.powerW, a, k);
}

/**
 * Linear interpolation on any curve (the model's, or one measured on a fleet), power ascending.
 * Throws outside the curve's power range rather than extrapolating.
 */
export function interpolatePowerCurveThs(curve: readonly PowerCurvePoint[], powerW: number): number {
  requireFinite('powerW', powerW, 'pass the power target in W');
  const first = curve[0];
  const last = curve[curve.length - 1];
  if (!first || !last) {
    invalid('curve', curve.length, 'must have at least one point', 'pass asicPowerCurve(model)');
  }
  if (powerW < first.powerW || powerW > last.powerW) {
    invalid(
      'powerW',
      powerW,
      `is outside the curve: ${first.powerW} W to ${last.powerW} W`,
      'clamp the target',
    );
  }
  for (let i = 1; i < curve.length; i++) {
    const lo = curve[i - 1];
    const hi = curve[i];
    if (!lo || !hi) continue;
    if (hi.powerW < lo.powerW) {
      invalid(`curve[${i}].powerW`, hi.powerW, 'is below the previous point', 'sort by power');
    }
    if (powerW <= hi.powerW) {
      const span = hi.powerW - lo.powerW;
      return span === 0
        ? hi.hashrateThs
        : lo.hashrateThs + ((powerW - lo.powerW) / span) * (hi.hashrateThs - lo.hashrateThs);
    }
  }
  return last.hashrateThs;
}
