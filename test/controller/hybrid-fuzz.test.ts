/**
 * Fuzzed replies on a whole hybrid site: every BMC, the Kubernetes API, the meter, the VTN and the market
 * server answer garbage, errors and stale sessions in random combinations. A cycle must always complete, no
 * safety limit may be broken by trusting a bad reply, and once the faults clear the site must recover.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Hybrid, startHybrid } from './hybrid-harness.ts';

let site: Hybrid;
beforeAll(async () => {
  // At rated the site would draw 5 + 12.9 + 39.8 = 57.7 kW: a 45 kW limit has the controller shedding throughout.
  site = await startHybrid({ miners: 4, gpus: 3, importLimitW: 45_000 });
  await site.cycles(2);
});
afterAll(() => site.close());

const bmcFaults = fc.record({
  errorStatus: fc.constantFrom(null, 400, 404, 500, 503),
  malformed: fc.boolean(),
  sessionExpired: fc.boolean(),
  omitEtag: fc.boolean(),
  delayMs: fc.constantFrom(0, 20),
});

const siteFaults = fc.record({
  bmcs: fc.array(bmcFaults, { minLength: 3, maxLength: 3 }),
  kubernetes: fc.record({
    errorStatus: fc.constantFrom(null, 403, 409, 500),
    malformed: fc.boolean(),
    conflict: fc.boolean(),
  }),
  meter: fc.record({
    exceptionCode: fc.constantFrom(null, 2, 4, 6),
    wrongMarker: fc.boolean(),
  }),
  vtn: fc.record(
    { errorStatus: fc.constantFrom(400, 500), malformed: fc.boolean() },
    { requiredKeys: ['malformed'] },
  ),
  market: fc.record(
    { status: fc.constantFrom(429, 500), malformed: fc.boolean() },
    { requiredKeys: ['malformed'] },
  ),
});

function clearFaults(h: Hybrid): void {
  for (const s of h.ai.servers)
    Object.assign(s.bmc.faults, {
      errorStatus: null,
      malformed: false,
      sessionExpired: false,
      omitEtag: false,
      delayMs: 0,
    });
  Object.assign(h.ai.scheduler.faults, { errorStatus: null, malformed: false, conflict: false });
  Object.assign(h.meter.faults, { exceptionCode: null, wrongMarker: false });
  h.ai.vtn.faults = {};
  h.market.faults = {};
}

it('property: no fault combination crashes a cycle or lifts the site over its import limit', async () => {
  await fc.assert(
    fc.asyncProperty(siteFaults, async (faults) => {
      for (const [i, f] of faults.bmcs.entries()) Object.assign(site.ai.servers[i]!.bmc.faults, f);
      Object.assign(site.ai.scheduler.faults, faults.kubernetes);
      Object.assign(site.meter.faults, faults.meter);
      site.ai.vtn.faults = { ...faults.vtn };
      site.market.faults = { ...faults.market };
      const report = await site.cycles(2);
      expect(report.cycleId).toBeGreaterThan(0);
      // What reaches the meter may exceed the limit only by the margin the controller keeps (5 %).
      expect(site.trueImportW()).toBeLessThanOrEqual(45_000);
      clearFaults(site);
    }),
    { numRuns: 25 },
  );
  // Faults gone: within a few cycles every machine is known again and every feed healthy.
  await site.cycles(8);
  const last = site.reports.at(-1)!;
  expect(last.counts.unknown).toBe(0);
  expect(last.feeds).toEqual({ market: true, vtn: true });
  expect(last.meteredImportW).toBeDefined();
}, 120_000);
