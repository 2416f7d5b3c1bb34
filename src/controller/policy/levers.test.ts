import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AT_MS,
  commandSummary,
  gpu,
  gridEvent,
  HYBRID_SITE,
  miner,
  POLICY_CONFIG,
  policyInput,
} from '../../../test/helpers/policy-site.ts';
import { decide } from './decide.ts';
import { expectedFacilityW } from './draw.ts';

describe('shedding by marginal value', () => {
  it('a grid event sheds mining first (cheapest), and only as much as needed', () => {
    // 32.4 kW now; an event at 26 kW needs 6.4 kW: three miners (9 kW), no AI lever.
    const d = decide(policyInput({ gridEvents: [gridEvent({ importLimitW: 26_000 })] }));
    expect(d.bindingPolicy).toBe('grid-event');
    expect(commandSummary(d)).toEqual(['m00:sleep', 'm01:sleep', 'm02:sleep']);
  });

  it('past all mining, caps the GPU servers before draining any', () => {
    // 32.4 kW → 16 kW: mining gives 12 kW, then one cap 6.2 kW is enough (4.4 kW still needed).
    const d = decide(policyInput({ gridEvents: [gridEvent({ importLimitW: 16_000 })] }));
    expect(commandSummary(d)).toEqual([
      'm00:sleep',
      'm01:sleep',
      'm02:sleep',
      'm03:sleep',
      'g00:power-target4000',
    ]);
  });

  it('drains when caps are not enough, replacing the cap of the same server', () => {
    // 32.4 kW → 3 kW: all mining (12) and both caps (12.4) leave 8 kW; draining both gets to 4 kW, still over.
    const d = decide(policyInput({ gridEvents: [gridEvent({ importLimitW: 3000 })] }));
    expect(commandSummary(d)).toEqual([
      'm00:sleep',
      'm01:sleep',
      'm02:sleep',
      'm03:sleep',
      'g00:sleep',
      'g01:sleep',
    ]);
    expect(d.notes.some((n) => /still \d+ W over/.test(n))).toBe(true);
  });

  it('when draining is worth less than capping (preemptible batch work), drains first', () => {
    const cheapJobs = HYBRID_SITE.map((m) =>
      m.workload === 'ai' ? { ...m, leverCostUsdPerMWh: { sleep: 300, trim: 1113 } } : m,
    );
    const d = decide(
      policyInput({
        snapshot: { cycleId: 1, atMs: AT_MS, machines: cheapJobs },
        gridEvents: [gridEvent({ importLimitW: 16_000 })],
      }),
    );
    // Miners (119) go first, then a drain (300) sheds 8.2 kW, more than a cap's 6.2 kW.
    expect(commandSummary(d)).toEqual(['m00:sleep', 'm01:sleep', 'm02:sleep', 'm03:sleep', 'g00:sleep']);
  });

  it('inefficient miners shed before efficient ones', () => {
    const machines = [miner(0, { leverCostUsdPerMWh: { sleep: 150, trim: 150 } }), miner(1), gpu(0)];
    const d = decide(
      policyInput({
        snapshot: { cycleId: 1, atMs: AT_MS, machines },
        planMiningW: 6000,
        gridEvents: [gridEvent({ importLimitW: 14_000 })],
      }),
    );
    expect(commandSummary(d)).toEqual(['m01:sleep']);
  });

  it('a PRICE event sheds every lever worth less than the price, and no more', () => {
    const d = decide(policyInput({ gridEvents: [gridEvent({ priceUsdPerMWh: 1500 })] }));
    // Miners (119) and caps (1113) are under 1,500 USD/MWh; drains (1951) are not.
    expect(commandSummary(d)).toEqual([
      'm00:sleep',
      'm01:sleep',
      'm02:sleep',
      'm03:sleep',
      'g00:power-target4000',
      'g01:power-target4000',
    ]);
  });

  it('an event counts from its lead time, and not before', () => {
    const soon = gridEvent({ importLimitW: 26_000, startMs: AT_MS + 30_000 });
    expect(decide(policyInput({ gridEvents: [soon] })).commands).toEqual([]);
    expect(
      decide(policyInput({ gridEvents: [soon], config: { eventLeadMs: 60_000 } })).commands,
    ).toHaveLength(3);
  });

  it('a lost VTN applies its safe state', () => {
    const d = decide(
      policyInput({
        feeds: { market: true, store: true, vtn: false },
        config: { safeState: { ...POLICY_CONFIG.safeState, vtnLost: 'curtail-mining' } },
      }),
    );
    expect(d.bindingPolicy).toBe('failsafe');
    expect(commandSummary(d)).toEqual(['m00:sleep', 'm01:sleep', 'm02:sleep', 'm03:sleep']);
  });
});

describe('AI restore', () => {
  const shedSite = [
    ...Array.from({ length: 4 }, (_, i) => miner(i, { state: 'curtailed', powerW: 0 })),
    gpu(0, { state: 'curtailed', powerW: 2000, powerTargetW: 4000 }),
    gpu(1, { powerW: 4000, powerTargetW: 4000 }),
  ];

  it('after the event, AI comes back first: wake the drained server, raise the capped one', () => {
    const d = decide(
      policyInput({ snapshot: { cycleId: 2, atMs: AT_MS, machines: shedSite }, planMiningW: 0 }),
    );
    expect(commandSummary(d)).toEqual(['g00:wake', 'g01:power-target10200']);
    expect(d.commands.every((c) => c.policy === 'ai-restore')).toBe(true);
  });

  it('AI comes back before mining: the miners the plan wants wait a cycle', () => {
    const d = decide(
      policyInput({ snapshot: { cycleId: 2, atMs: AT_MS, machines: shedSite }, planMiningW: 12_000 }),
    );
    expect(commandSummary(d)).toEqual(['g00:wake', 'g01:power-target10200']);
    const next = shedSite.map((m) =>
      m.workload === 'ai' ? { ...m, state: 'running' as const, powerW: 10_200, powerTargetW: null } : m,
    );
    expect(
      commandSummary(decide(policyInput({ snapshot: { cycleId: 3, atMs: AT_MS, machines: next } }))),
    ).toEqual(['m00:wake', 'm01:wake', 'm02:wake', 'm03:wake']);
  });

  it('on a site without miners, AI is restored all the same (nothing competes for the room)', () => {
    const aiOnly = shedSite.filter((m) => m.workload === 'ai');
    const d = decide(
      policyInput({ snapshot: { cycleId: 2, atMs: AT_MS, machines: aiOnly }, planMiningW: 0 }),
    );
    expect(commandSummary(d)).toEqual(['g00:wake', 'g01:power-target10200']);
  });

  it('a cap already at the floor is not sent again while the site stays over', () => {
    const capped = [gpu(0, { powerW: 4050, powerTargetW: 4000 })];
    const d = decide(
      policyInput({
        snapshot: { cycleId: 2, atMs: AT_MS, machines: capped },
        planMiningW: 0,
        gridEvents: [gridEvent({ importLimitW: 3000 })],
      }),
    );
    expect(commandSummary(d)).toEqual(['g00:sleep']);
  });

  it('prices compare per MWh of grid import: a cap worth 1,113 per IT MWh at PUE 1.3 is 856 per import MWh', () => {
    const d = decide(
      policyInput({ gridEvents: [gridEvent({ priceUsdPerMWh: 1000 })], config: { aiPue: 1.3 } }),
    );
    expect(commandSummary(d).filter((c) => c.startsWith('g'))).toEqual([
      'g00:power-target4000',
      'g01:power-target4000',
    ]);
  });

  it('restores only into headroom the site has under the limit in force', () => {
    // 6 kW drawn; a 14 kW limit leaves 8 kW: the wake (+2 kW at its 4 kW cap) fits, the uncap (+6.2 kW) then not.
    const d = decide(
      policyInput({
        snapshot: { cycleId: 2, atMs: AT_MS, machines: shedSite },
        planMiningW: 0,
        config: { importLimitW: 14_000 },
      }),
    );
    expect(commandSummary(d)).toEqual(['g00:wake']);
  });

  it('mining yields its room to AI: its target leaves AI at rated', () => {
    const partlyShed = [
      ...Array.from({ length: 4 }, (_, i) => miner(i)),
      gpu(0, { powerW: 4000, powerTargetW: 4000 }),
    ];
    // Limit 20 kW: AI reserved 10.2 kW → mining 9.8 kW → one miner sleeps first; AI waits for it.
    const d = decide(
      policyInput({
        snapshot: { cycleId: 2, atMs: AT_MS, machines: partlyShed },
        config: { importLimitW: 20_000 },
      }),
    );
    expect(d.miningTargetW).toBeCloseTo(9800, 6);
    expect(commandSummary(d)).toEqual(['m03:sleep']);
  });

  it('no restore during a price event that makes the lever not worth running', () => {
    const d = decide(
      policyInput({
        snapshot: { cycleId: 2, atMs: AT_MS, machines: shedSite },
        planMiningW: 0,
        gridEvents: [gridEvent({ priceUsdPerMWh: 1500 })],
      }),
    );
    // The drain (1951) is worth more than 1,500: g00 wakes to its cap; the caps (1113) stay.
    expect(commandSummary(d)).toEqual(['g00:wake']);
  });
});

describe('property: safety never leaves the site over a limit it could meet', () => {
  it('after the commands land, the expected import is under the tightest limit, or every lever is pulled', () => {
    const machineArb = fc.oneof(
      fc.record({ i: fc.nat(50), kind: fc.constant('m' as const), drawW: fc.integer({ min: 0, max: 3000 }) }),
      fc.record({
        i: fc.nat(50),
        kind: fc.constant('g' as const),
        drawW: fc.integer({ min: 2000, max: 10_200 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(machineArb, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 150_000 }),
        (specs, limitW) => {
          const machines = specs.map((s, n) =>
            s.kind === 'm'
              ? miner(n, { powerW: s.drawW, state: s.drawW === 0 ? 'curtailed' : 'running' })
              : gpu(n, { powerW: s.drawW }),
          );
          const snapshot = { cycleId: 1, atMs: AT_MS, machines };
          const d = decide(policyInput({ snapshot, planMiningW: 1e9, config: { importLimitW: limitW } }));
          const byId = new Map(d.commands.map((c) => [c.machineId, c.command]));
          const after = machines.map((m) => ({ ...m, inFlight: byId.get(m.machineId) ?? null }));
          const floorW = expectedFacilityW(
            machines.map((m) => ({
              ...m,
              inFlight: m.canSleep && m.state === 'running' ? { kind: 'sleep' as const } : null,
            })),
            POLICY_CONFIG,
          );
          const afterW = expectedFacilityW(after, POLICY_CONFIG);
          expect(afterW <= limitW + 1e-6 || afterW <= floorW + 1e-6).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
