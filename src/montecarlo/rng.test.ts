/** Per-path streams are a function of (seed, path) only, and the ziggurat draws a standard normal. */
import { describe, expect, it } from 'vitest';
import { standardNormal } from './normal.ts';
import { PathStreams, rngFor } from './rng.ts';

const draws = (g: { next(): number }, n: number) => Array.from({ length: n }, () => g.next());

describe('rngFor / PathStreams', () => {
  it('walking paths from any start gives the streams rngFor defines', () => {
    const streams = new PathStreams(42, 5);
    for (let path = 5; path < 9; path++) expect(draws(streams.next(), 8)).toEqual(draws(rngFor(42, path), 8));
  });

  it('different paths and different seeds draw different numbers', () => {
    expect(draws(rngFor(42, 0), 4)).not.toEqual(draws(rngFor(42, 1), 4));
    expect(draws(rngFor(42, 0), 4)).not.toEqual(draws(rngFor(43, 0), 4));
  });

  it('rejects a seed that is not a 32-bit whole number, naming the fix', () => {
    expect(() => rngFor(1.5, 0)).toThrow(/seed.*e\.g\. --seed 42/);
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
