/** fastExp against Math.exp: relative error within 4e-16 (two ulps) over the range the path loop uses and beyond. */
import { describe, expect, it } from 'vitest';
import { fastExp } from './fast-exp.ts';
import { rngFor, uniformOpen } from './rng.ts';

const relativeError = (x: number): number => Math.abs(fastExp(x) - Math.exp(x)) / Math.exp(x);

describe('fastExp', () => {
  it('is within 4e-16 of Math.exp on 10^6 random points in [−40, 40] and 10^5 in [−700, 700]', () => {
    const g = rngFor(9, 0);
    let worst = 0;
    for (let i = 0; i < 1_000_000; i++) worst = Math.max(worst, relativeError(-40 + 80 * uniformOpen(g)));
    for (let i = 0; i < 100_000; i++) worst = Math.max(worst, relativeError(-700 + 1400 * uniformOpen(g)));
    expect(worst).toBeLessThan(4e-16);
  });

  it('is exact where e^x is: 0 → 1, and at the table points k·ln2/64 it is the table entry', () => {
    expect(fastExp(0)).toBe(1);
    expect(fastExp(-0)).toBe(1);
    expect(relativeError(Math.LN2)).toBeLessThan(2.3e-16);
    expect(relativeError(1)).toBeLessThan(2.3e-16);
  });

  it('defers to Math.exp outside ±700 and for NaN and infinities', () => {
    for (const x of [
      701,
      -745,
      709.7,
      -1e6,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]) {
      expect(Object.is(fastExp(x), Math.exp(x))).toBe(true);
    }
  });
});
