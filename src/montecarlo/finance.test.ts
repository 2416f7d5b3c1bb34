/**
 * A simulated path's NPV is exactly `npv` (economics/finance) of its annual flows, and its IRR is the root
 * `irr` finds wherever that root is unique.
 */
import { describe, expect, it } from 'vitest';
import { loadSiteFile } from '../config/load.ts';
import { irr } from '../economics/finance/irr.ts';
import { npv } from '../economics/finance/npv.ts';
import { loadInputsFor } from '../montecarlo-run/load-inputs.ts';
import { simulateRange } from './engine.ts';
import { irrOf } from './finance.ts';
import { allocateBuffers, pathFlowsUsd, viewResults } from './layout.ts';
import { rngFor, uniformOpen } from './rng.ts';

describe('path valuation', () => {
  const { inputs } = loadInputsFor(loadSiteFile('examples/site-20mw.yaml'), 4);
  const shape = { paths: 12, strategies: inputs.sites.length, years: inputs.years };
  const results = viewResults(shape, allocateBuffers(shape, false));
  simulateRange(inputs, 9, 0, shape.paths, results);

  it('NPV of every path and strategy equals npv(rate, its flows) to the last bit', () => {
    for (let s = 0; s < shape.strategies; s++) {
      for (let p = 0; p < shape.paths; p++) {
        const flows = pathFlowsUsd(results, s, p);
        expect(flows).toHaveLength(inputs.years + 1);
        expect(results.npvUsd[s * shape.paths + p]).toBe(npv(inputs.discountRatePerYear, flows));
      }
    }
  });

  it('IRR of every path matches irr() where it is unique (1e-9), and is NaN where irr() finds no sign change', () => {
    for (let s = 0; s < shape.strategies; s++) {
      for (let p = 0; p < shape.paths; p++) {
        const reference = irr(pathFlowsUsd(results, s, p));
        const ours = results.irr[s * shape.paths + p]!;
        if (reference.ok && !reference.multipleRoots)
          expect(Math.abs(ours - reference.rate)).toBeLessThan(1e-9);
        if (!reference.ok && reference.reason === 'noSignChange') expect(ours).toBeNaN();
      }
    }
  });
});

describe('irrOf on random conventional flows', () => {
  it.each(Array.from({ length: 40 }, (_, i) => [i]))('case %i agrees with irr()', (seed) => {
    const g = rngFor(seed, 1);
    const flows = [-1000 * uniformOpen(g), ...Array.from({ length: 10 }, () => 400 * uniformOpen(g) - 50)];
    const reference = irr(flows);
    const ours = irrOf(Float64Array.from(flows), 0, flows.length);
    if (reference.ok && !reference.multipleRoots) expect(Math.abs(ours - reference.rate)).toBeLessThan(1e-9);
    else expect(reference.ok ? reference.multipleRoots : true).toBe(true);
  });
});
