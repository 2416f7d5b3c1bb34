/**
 * @module montecarlo/draws
 * A path's random numbers, drawn in bulk ahead of its day loop (a block of days at a time): a fixed number of
 * normals and uniforms per day, and one normal per hashrate move, in Float64Arrays. The draw order (step
 * normals, then each block's normals and uniforms, with the rare spike sizes drawn as the days run) is part of
 * what makes a seed reproducible. Bulk filling keeps the ziggurat inlined in one tight loop, and the models then read plain
 * array slots: a double returned from (or passed to) a call V8 does not inline is boxed on the heap, which at
 * ~10 draws per path-day was most of the allocation and a third of the time.
 */
import { fillStandardNormals } from './normal.ts';
import { fillUniformsOpen, type Rng } from './rng.ts';

/** Normal slots of a day (the hashrate moves every HASHRATE_STEP_DAYS and draws from `stepNormals`). */
export const Z_FEES = 0;
export const Z_BLOCKS = 1;
export const Z_POWER = 2;
export const Z_GPU = 3;
/** GBM only. */
export const Z_BTC = 4;

/** Uniform slots of a day. */
export const U_FEE_REGIME = 0;
export const U_SPIKE = 1;
/** Bootstrap only: whether a new block starts today and, if so, where (btc-model.ts). */
export const U_BTC_BLOCK = 2;

/**
 * Days between two hashrate moves (chain-model.ts): one epoch of 2016 blocks at 600 s. Each move draws one
 * normal from `stepNormals`.
 */
export const HASHRATE_STEP_DAYS = 14;

/** Per day: normals and uniforms of each BTC model (0 = GBM, 1 = bootstrap). */
export const normalsPerDay = (btcModel: number): number => (btcModel === 0 ? 5 : 4);
export const uniformsPerDay = (btcModel: number): number => (btcModel === 0 ? 2 : 3);

export class DayDraws {
  readonly normals: Float64Array;
  readonly uniforms: Float64Array;
  /** One per hashrate move over all `days`, the k-th move reading slot k. */
  readonly stepNormals: Float64Array;
  /** The day in slot 0: models read day d at (d − firstDay) × perDay + slot. */
  firstDay = 0;

  /**
   * `blockDays` of day slots (default: all `days`). The engine draws a year at a time: ~20 KB of draws instead
   * of ~200 KB per path, so they stay in cache next to the path's market arrays.
   */
  constructor(
    readonly days: number,
    readonly normalsPerDay: number,
    readonly uniformsPerDay: number,
    readonly blockDays = days,
  ) {
    this.normals = new Float64Array(blockDays * normalsPerDay);
    this.uniforms = new Float64Array(blockDays * uniformsPerDay);
    this.stepNormals = new Float64Array(Math.ceil(days / HASHRATE_STEP_DAYS));
  }

  /** Every draw of a path when the block holds all days: step normals, then the days (see `fillBlock`). */
  fill(g: Rng): void {
    this.fillSteps(g);
    this.fillBlock(g, 0);
  }

  /** The path's step normals; drawn first, before any day block. */
  fillSteps(g: Rng): void {
    fillStandardNormals(g, this.stepNormals);
  }

  /** Days firstDay .. firstDay + blockDays − 1: their normals, then their uniforms in (0, 1). */
  fillBlock(g: Rng, firstDay: number): void {
    this.firstDay = firstDay;
    fillStandardNormals(g, this.normals);
    fillUniformsOpen(g, this.uniforms);
  }
}
