/**
 * @module montecarlo/fast-exp
 * e^x for the daily path loop. V8 compiles `Math.exp` to a call into its C++ fdlibm port that it cannot inline
 * (~15 ns on the bench VM, two a path-day); this one is a few multiplies V8 inlines. Method (Tang 1989, "Table-
 * driven implementation of the exponential function", ACM TOMS 15(2)): x = (256m + j)·ln2/256 + r with
 * |r| ≤ ln2/512, e^x = 2^m · 2^(j/256) · e^r, e^r by its Taylor series to r^4 (truncation r^5/120 < 4e-17). The
 * reduction uses fdlibm's two-part ln2 (the double `Math.LN2` alone would cost 3e-17·|x| relative), so the
 * reduced argument is exact to ~1e-20. Error ≤ 4e-16 relative against
 * `Math.exp` (fast-exp.test.ts); outside |x| ≤ 700 (and for NaN) it defers to `Math.exp`.
 */

const STEPS = 256;
const STEPS_PER_LN2 = STEPS / Math.LN2;
/**
 * ln2/256 as fdlibm's ln2_hi/256 (0x3fe62e42fee00000: 21 low bits zero, so k × it is exact for |k| < 2^21; here
 * |k| ≤ 700·256/ln2 ≈ 258,500) plus ln2_lo/256.
 */
const LN2_STEP_HI = 0.6931471803691238 / STEPS;
const LN2_STEP_LO = 1.9082149292705877e-10 / STEPS;
/** Adding and subtracting 1.5·2^52 rounds a double of magnitude < 2^51 to the nearest integer. */
const ROUND = 1.5 * 2 ** 52;
const MAX_ABS_X = 700;
/** 2^(j/256), j = 0..255. */
const TWO_POW_J = Float64Array.from({ length: STEPS }, (_, j) => 2 ** (j / STEPS));
/** 2^m for m = −1023..1023 (|x| ≤ 700 keeps m within ±1010). */
const POW2_BIAS = 1023;
const TWO_POW_M = Float64Array.from({ length: 2 * POW2_BIAS + 1 }, (_, i) => 2 ** (i - POW2_BIAS));

export function fastExp(x: number): number {
  if (!(x >= -MAX_ABS_X && x <= MAX_ABS_X)) return Math.exp(x);
  const k = x * STEPS_PER_LN2 + ROUND - ROUND;
  const r = x - k * LN2_STEP_HI - k * LN2_STEP_LO;
  const ki = k | 0;
  const j = ki & (STEPS - 1);
  const m = ki >> 8; // floor(ki / 256), so ki = 256m + j

  // e^r − 1 by Horner to r^4: keeping the 1 out until the end keeps the small terms' bits.
  const expm1 = r * (1 + r * (1 / 2 + r * (1 / 6 + r * (1 / 24))));
  const scale = TWO_POW_J[j]! * TWO_POW_M[m + POW2_BIAS]!;
  return scale + scale * expm1;
}
