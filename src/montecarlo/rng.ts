/**
 * @module montecarlo/rng
 * Seeded random streams, one per path: path i draws from xoroshiro128+ seeded with `seed` and jumped i times
 * (each jump skips 2^64 draws, so streams never overlap). A path's numbers depend only on (seed, i), never on
 * how paths are split over threads. Draws take one 32-bit output each: 2^-32 resolution is far below any
 * Monte-Carlo error here, and it halves the cost of `uniformFloat64`.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import { ValidationError } from '../errors.ts';

export type Rng = JumpableRandomGenerator;

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
  const g = xoroshiro128plus(requireSeed(seed));
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
