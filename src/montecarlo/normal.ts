/**
 * @module montecarlo/normal
 * Standard normal draws by the ziggurat method (Marsaglia & Tsang 2000, "The Ziggurat Method for Generating
 * Random Variables", J. Stat. Software 5(8), 128 layers). About 99 % of draws cost one 32-bit output and one
 * compare, against a log, a square root and a sine for Box-Muller; the daily path loop draws five normals a day.
 * The layer comes from the top 7 bits and the signed value from the low 25 bits, so they share no bits (the
 * original took both from the same bits, a known correlation).
 */
import { type Rng, uniformOpen } from './rng.ts';

const TAIL_START = 3.442619855899;
const LAYER_AREA = 9.91256303526217e-3;
const SCALE = 2 ** 24;
const LOW_BITS = 0x1ff_ffff;

/** Whole numbers below 2^24, so the fast path compares integers. */
const kn = new Int32Array(128);
const wn = new Float64Array(128);
const fn = new Float64Array(128);

(function buildTables(): void {
  let dn = TAIL_START;
  let tn = dn;
  const q = LAYER_AREA / Math.exp(-0.5 * dn * dn);
  kn[0] = Math.floor((dn / q) * SCALE);
  kn[1] = 0;
  wn[0] = q / SCALE;
  wn[127] = dn / SCALE;
  fn[0] = 1;
  fn[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(LAYER_AREA / dn + Math.exp(-0.5 * dn * dn)));
    kn[i + 1] = Math.floor((dn / tn) * SCALE);
    tn = dn;
    fn[i] = Math.exp(-0.5 * dn * dn);
    wn[i] = dn / SCALE;
  }
})();

export function standardNormal(g: Rng): number {
  const u = g.next();
  const layer = u >>> 25;
  const j = (u & LOW_BITS) - SCALE;
  if (Math.abs(j) < kn[layer]!) return j * wn[layer]!;
  return slowPath(g, layer, j);
}

/**
 * `out[i] = standardNormal(g)` for every slot, with the generator's step and the fast path written out in the
 * loop and the state in locals (stored back around the rare slow path), so nothing is boxed or reloaded.
 */
export function fillStandardNormals(g: Rng, out: Float64Array): void {
  let s00 = g.s00 | 0;
  let s01 = g.s01 | 0;
  let s10 = g.s10 | 0;
  let s11 = g.s11 | 0;
  for (let i = 0; i < out.length; i++) {
    const u = (s00 + s10) | 0;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    const t00 = s00;
    const t01 = s01;
    s00 = (t00 << 24) ^ (t01 >>> 8) ^ a0 ^ (a0 << 16);
    s01 = (t01 << 24) ^ (t00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s10 = (a1 << 5) ^ (a0 >>> 27);
    s11 = (a0 << 5) ^ (a1 >>> 27);
    const layer = u >>> 25;
    const j = (u & LOW_BITS) - SCALE;
    // |j| without a branch: the sign is a coin flip, so `j < 0 ? -j : j` mispredicted half the time.
    const sign = j >> 31;
    if ((j ^ sign) - sign < kn[layer]!) {
      out[i] = j * wn[layer]!;
    } else {
      g.s00 = s00;
      g.s01 = s01;
      g.s10 = s10;
      g.s11 = s11;
      out[i] = slowPath(g, layer, j);
      s00 = g.s00 | 0;
      s01 = g.s01 | 0;
      s10 = g.s10 | 0;
      s11 = g.s11 | 0;
    }
  }
  g.s00 = s00;
  g.s01 = s01;
  g.s10 = s10;
  g.s11 = s11;
}

/** The wedges and the tail beyond 3.44, about 1 % of draws. */
function slowPath(g: Rng, firstLayer: number, firstJ: number): number {
  let layer = firstLayer;
  let j = firstJ;
  for (;;) {
    const x = j * wn[layer]!;
    if (layer === 0) {
      let tail: number;
      let y: number;
      do {
        tail = -Math.log(uniformOpen(g)) / TAIL_START;
        y = -Math.log(uniformOpen(g));
      } while (y + y < tail * tail);
      return j > 0 ? TAIL_START + tail : -TAIL_START - tail;
    }
    if (fn[layer]! + uniformOpen(g) * (fn[layer - 1]! - fn[layer]!) < Math.exp(-0.5 * x * x)) return x;
    const u = g.next();
    layer = u >>> 25;
    j = (u & LOW_BITS) - SCALE;
    if (Math.abs(j) < kn[layer]!) return j * wn[layer]!;
  }
}
