/**
 * @module montecarlo/rng
 * Seeded random streams, one per path: path i draws from xoroshiro128+ seeded with `seed` and jumped i times
 * (each jump skips 2^64 draws, so streams never overlap). A path's numbers depend only on (seed, i), never on
 * how paths are split over threads. Draws take one 32-bit output each: 2^-32 resolution is far below any
 * Monte-Carlo error here, and it halves the cost of `uniformFloat64`.
 *
 * The generator is pure-rand's xoroshiro128+ (same seeding, same 32-bit halves of the state, same jump; rng.test.ts
 * checks the streams against pure-rand), written out here with its state in public fields, so the bulk fills
 * (`fillUniformsOpen`, normal.ts `fillStandardNormals`) hold the state in locals for a whole block instead of
 * loading and storing four fields per draw.
 */
import { ValidationError } from '../errors.ts';

/** xoroshiro128+ (Blackman & Vigna 2016) on 32-bit halves: s0 = s01:s00, s1 = s11:s10 (high:low). */
export class Rng {
  constructor(
    public s01: number,
    public s00: number,
    public s11: number,
    public s10: number,
  ) {}

  /** The low 32 bits of s0 + s1, as a signed int32. */
  next(): number {
    const out = (this.s00 + this.s10) | 0;
    const a0 = this.s10 ^ this.s00;
    const a1 = this.s11 ^ this.s01;
    const s00 = this.s00;
    const s01 = this.s01;
    this.s00 = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
    this.s01 = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    this.s10 = (a1 << 5) ^ (a0 >>> 27);
    this.s11 = (a0 << 5) ^ (a1 >>> 27);
    return out;
  }

  clone(): Rng {
    return new Rng(this.s01, this.s00, this.s11, this.s10);
  }

  /** Skips 2^64 draws. */
  jump(): void {
    let ns01 = 0;
    let ns00 = 0;
    let ns11 = 0;
    let ns10 = 0;
    let s01 = this.s01;
    let s00 = this.s00;
    let s11 = this.s11;
    let s10 = this.s10;
    for (const word of JUMP) {
      for (let mask = 1; mask !== 0; mask <<= 1) {
        if (word & mask) {
          ns01 ^= s01;
          ns00 ^= s00;
          ns11 ^= s11;
          ns10 ^= s10;
        }
        const a0 = s10 ^ s00;
        const a1 = s11 ^ s01;
        const t00 = s00;
        const t01 = s01;
        s00 = (t00 << 24) ^ (t01 >>> 8) ^ a0 ^ (a0 << 16);
        s01 = (t01 << 24) ^ (t00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
        s10 = (a1 << 5) ^ (a0 >>> 27);
        s11 = (a0 << 5) ^ (a1 >>> 27);
      }
    }
    this.s01 = ns01;
    this.s00 = ns00;
    this.s11 = ns11;
    this.s10 = ns10;
  }
}

/** xoroshiro128+'s jump polynomial as pure-rand walks it: 32-bit words, each from its lowest bit. */
const JUMP = [0xd8f554a5, 0xdf900294, 0x4b3201fc, 0x170865df] as const;

const TWO_POW_MINUS_32 = 2 ** -32;

export function requireSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new ValidationError([
      {
        field: 'seed',
        problem: 'must be a whole number from 0 to 4294967295',
        value: seed,
        fix: 'e.g. --seed 42',
      },
    ]);
  }
  return seed | 0;
}

/** The reference definition of path i's stream; O(i) jumps, so runners walk paths with `PathStreams` instead. */
export function rngFor(seed: number, pathIndex: number): Rng {
  const s = requireSeed(seed);
  const g = new Rng(-1, ~s, s, 0);
  for (let i = 0; i < pathIndex; i++) g.jump();
  return g;
}

/** Streams of consecutive paths from `firstPath` on, one jump apart: the same streams as `rngFor`, in O(1) each. */
export class PathStreams {
  private readonly start: Rng;
  constructor(seed: number, firstPath: number) {
    this.start = rngFor(seed, firstPath);
  }
  /** The stream of the next path (the first call gives `firstPath`'s). */
  next(): Rng {
    const g = this.start.clone();
    this.start.jump();
    return g;
  }
}

/** Uniform in (0, 1): never 0, so `Math.log(u)` is finite. */
export const uniformOpen = (g: Rng): number => ((g.next() >>> 0) + 0.5) * TWO_POW_MINUS_32;

/** `out[i] = uniformOpen(g)` for every slot, the state in locals (the same draws in the same order). */
export function fillUniformsOpen(g: Rng, out: Float64Array): void {
  let s00 = g.s00 | 0;
  let s01 = g.s01 | 0;
  let s10 = g.s10 | 0;
  let s11 = g.s11 | 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = (((s00 + s10) >>> 0) + 0.5) * TWO_POW_MINUS_32;
    const a0 = s10 ^ s00;
    const a1 = s11 ^ s01;
    const t00 = s00;
    const t01 = s01;
    s00 = (t00 << 24) ^ (t01 >>> 8) ^ a0 ^ (a0 << 16);
    s01 = (t01 << 24) ^ (t00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
    s10 = (a1 << 5) ^ (a0 >>> 27);
    s11 = (a0 << 5) ^ (a1 >>> 27);
  }
  g.s00 = s00;
  g.s01 = s01;
  g.s10 = s10;
  g.s11 = s11;
}
