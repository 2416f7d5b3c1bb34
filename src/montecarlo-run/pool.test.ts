/** The real worker pool: the same seed gives bit-identical results on 1 and 2 threads; another seed does not. */
import { describe, expect, it } from 'vitest';
import { loadSiteFile } from '../config/load.ts';
import { loadInputsFor } from './load-inputs.ts';
import { chunkRanges, runPool } from './pool.ts';

const bytes = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('runPool', () => {
  const { inputs } = loadInputsFor(loadSiteFile('examples/site-20mw.yaml'), 3);

  it('splits paths into contiguous chunks that cover every path once', () => {
    expect(chunkRanges(10, 3)).toEqual([
      { firstPath: 0, count: 4 },
      { firstPath: 4, count: 3 },
      { firstPath: 7, count: 3 },
    ]);
  });

  it('same seed → identical flows, NPVs, IRRs and drivers on 1 and 2 threads', async () => {
    const progress: number[] = [];
    const one = await runPool(inputs, { paths: 41, seed: 123, threads: 1 });
    const two = await runPool(inputs, {
      paths: 41,
      seed: 123,
      threads: 2,
      onProgress: (done) => progress.push(done),
    });
    expect(two.threads).toBe(2);
    for (const key of ['flowsUsd', 'npvUsd', 'irr', 'drivers'] as const) {
      expect(bytes(two.results[key]).equals(bytes(one.results[key]))).toBe(true);
    }
    expect(progress.at(-1)).toBe(41);
    const other = await runPool(inputs, { paths: 41, seed: 124, threads: 2 });
    expect(bytes(other.results.npvUsd).equals(bytes(one.results.npvUsd))).toBe(false);
  }, 60_000);
});
