import { describe, expect, it } from 'vitest';
import { estimateNextHalving } from './halving.ts';

describe('estimateNextHalving (ECONOMICS.md §1.2)', () => {
  it('from block 840,000 at 600 s lands on 2028-04-17 08:09 UTC [C]', () => {
    const estimate = estimateNextHalving({
      tipHeight: 840_000,
      tipAtMs: 1713571767 * 1000,
      blockIntervalS: 600,
    });
    expect(estimate.height).toBe(1_050_000);
    expect(estimate.blocksRemaining).toBe(210_000);
    expect(new Date(estimate.etaMs).toISOString().slice(0, 16)).toBe('2028-04-17T08:09');
    expect(estimate.subsidyAfterSats).toBe(156_250_000n);
    expect(estimate.earliestMs).toBeLessThan(estimate.etaMs);
    expect(estimate.latestMs).toBeGreaterThan(estimate.etaMs);
  });

  it("faster blocks bring it earlier, as Hashrate Index's April 15, 2028 estimate [P]", () => {
    const estimate = estimateNextHalving({
      tipHeight: 840_000,
      tipAtMs: 1713571767 * 1000,
      blockIntervalS: 599,
    });
    expect(new Date(estimate.etaMs).toISOString().slice(0, 10) < '2028-04-17').toBe(true);
  });
});
