/**
 * @module montecarlo/draws
 * A path's random numbers, drawn in bulk before its day loop: a fixed number of normals and uniforms per day in
 * two Float64Arrays. Bulk filling keeps the ziggurat inlined in one tight loop, and the models then read plain
 * array slots: a double returned from (or passed to) a call V8 does not inline is boxed on the heap, which at
 * ~10 draws per path-day was most of the allocation and a third of the time.
 */
import { fillStandardNormals } from './normal.ts';
import type { Rng } from './rng.ts';

/** Normal slots of a day. */
export const Z_FEES = 0;
export const Z_BLOCKS = 1;
export const Z_HASHRATE = 2;
export const Z_POWER = 3;
export const Z_GPU = 4;
/** GBM only. */
export const Z_BTC = 5;

/** Uniform slots of a day. */
export const U_FEE_REGIME = 0;
export const U_SPIKE = 1;
/** Bootstrap only. */
export const U_BTC_NEW_BLOCK = 2;
export const U_BTC_INDEX = 3;

const TWO_POW_MINUS_32 = 2 ** -32;

export class DayDraws {
  readonly normals: Float64Array;
  readonly uniforms: Float64Array;

  constructor(
    readonly days: number,
    readonly normalsPerDay: number,
    readonly uniformsPerDay: number,
  ) {
    this.normals = new Float64Array(days * normalsPerDay);
    this.uniforms = new Float64Array(days * uniformsPerDay);
  }

  /** Normals first, then uniforms in (0, 1); the order is part of what makes a seed reproducible. */
  fill(g: Rng): void {
    fillStandardNormals(g, this.normals);
    const uniforms = this.uniforms;
    for (let i = 0; i < uniforms.length; i++) uniforms[i] = ((g.next() >>> 0) + 0.5) * TWO_POW_MINUS_32;
  }
}
