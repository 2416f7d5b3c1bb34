/** Per-path streams are a function of (seed, path) only, and the ziggurat draws a standard normal. */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { fillStandardNormals, standardNormal } from './normal.ts';
import { fillUniformsOpen, PathStreams, rngFor, uniformOpen } from './rng.ts';

const draws = (g: { next(): number }, n: number) => Array.from({ length: n }, () => g.next());

describe('rngFor / PathStreams', () => {
  it('walking paths from any start gives the streams rngFor defines', () => {
    const streams = new PathStreams(42, 5);
    for (let path = 5; path < 9; path++) expect(draws(streams.next(), 8)).toEqual(draws(rngFor(42, path), 8));
  });

  it('is pure-rand xoroshiro128+: same seeding, same draws, same jump', () => {
    for (const seed of [0, 1, 42, 0xffff_ffff]) {
      const reference = xoroshiro128plus(seed | 0);
      reference.jump();
      reference.jump();
      expect(draws(rngFor(seed, 2), 64)).toEqual(draws(reference, 64));
    }
  });

  it('bulk uniforms are the same draws as uniformOpen, and leave the stream where it would be', () => {
    const bulk = rngFor(9, 3);
    const one = rngFor(9, 3);
    const out = new Float64Array(100);
    fillUniformsOpen(bulk, out);
    expect(Array.from(out)).toEqual(Array.from({ length: 100 }, () => uniformOpen(one)));
    expect(draws(bulk, 4)).toEqual(draws(one, 4));
  });

  it('different paths and different seeds draw different numbers', () => {
    expect(draws(rngFor(42, 0), 4)).not.toEqual(draws(rngFor(42, 1), 4));
    expect(draws(rngFor(42, 0), 4)).not.toEqual(draws(rngFor(43, 0), 4));
  });

  it('rejects a seed that is not a 32-bit whole number, naming the fix', () => {
    expect(() => rngFor(1.5, 0)).toThrow(/seed.*e\.g\. --seed 42/);
  });
});

describe('fillStandardNormals', () => {
  it('draws what standardNormal draws, slow paths included, and leaves the stream where it would be', () => {
    const bulk = rngFor(5, 1);
    const one = rngFor(5, 1);
    const out = new Float64Array(20_000);
    fillStandardNormals(bulk, out);
    expect(Array.from(out)).toEqual(Array.from({ length: out.length }, () => standardNormal(one)));
    expect(draws(bulk, 4)).toEqual(draws(one, 4));
  });
});

describe('standardNormal (ziggurat)', () => {
  // 2e6 draws: the standard error of the mean is 7.1e-4, of the variance 1.0e-3, of a tail share p ≈ √(p/n).
  const n = 2_000_000;
  const g = rngFor(7, 0);
  let sum = 0;
  let squares = 0;
  let beyondTwo = 0;
  let beyondThreeHalf = 0;
  for (let i = 0; i < n; i++) {
    const z = standardNormal(g);
    sum += z;
    squares += z * z;
    if (Math.abs(z) > 2) beyondTwo++;
    if (z > 3.5) beyondThreeHalf++;
  }
  it('has mean 0 and variance 1 within 5 standard errors', () => {
    expect(Math.abs(sum / n)).toBeLessThan(5 * Math.sqrt(1 / n));
    expect(Math.abs(squares / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
  it('puts the right mass in the wedges and the tail (P(|Z|>2) = 0.0455003, P(Z>3.5) = 2.326e-4)', () => {
    expect(Math.abs(beyondTwo / n - 0.0455003)).toBeLessThan(5 * Math.sqrt(0.0455 / n));
    expect(Math.abs(beyondThreeHalf / n - 2.326e-4)).toBeLessThan(5 * Math.sqrt(2.326e-4 / n));
  });
});
