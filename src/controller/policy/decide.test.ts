import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { miner, POLICY_CONFIG } from '../../../test/helpers/policy-site.ts';
import { decide } from './decide.ts';
import { totalExpectedDrawW } from './draw.ts';
import type { DecideConfig, DecideInput, MachineView } from './types.ts';

const AT_MS = 1_732_530_000_000;

/** A miner of the shared policy site with continuous power targets, worth 100 USD/MWh. */
const machine = (i: number, over: Partial<MachineView> = {}): MachineView =>
  miner(i, { leverCostUsdPerMWh: { sleep: 100, trim: 100 }, canSetPowerTarget: true, ...over });

const fleet = (n: number, over: Partial<MachineView> = {}) =>
  Array.from({ length: n }, (_, i) => machine(i, over));

/** A band of a whole 3 kW machine and a minute of dwell, on the shared policy site's config. */
const CONFIG: DecideConfig = { ...POLICY_CONFIG, hysteresisW: 3000, minDwellMs: 60_000 };

const input = (
  over: Omit<Partial<DecideInput>, 'config'> & { machines?: MachineView[]; config?: Partial<DecideConfig> },
) => ({
  snapshot: { cycleId: 1, atMs: AT_MS, machines: over.machines ?? fleet(10) },
  planMiningW: over.planMiningW === undefined ? 30_000 : over.planMiningW,
  feeds: over.feeds ?? { market: true, store: true, vtn: true },
  gridEvents: over.gridEvents ?? [],
  config: { ...CONFIG, ...over.config },
  ramp: over.ramp ?? { lastBatchAtMs: null },
  ...(over.meterCorrectionW === undefined ? {} : { meterCorrectionW: over.meterCorrectionW }),
});

const summary = (d: ReturnType<typeof decide>) =>
  d.commands.map(
    (c) => `${c.machineId}:${c.command.kind}${c.command.kind === 'power-target' ? c.command.powerW : ''}`,
  );

describe('decide: plan following', () => {
  it('sleeps the machines beyond the plan, keeping the lowest ids running', () => {
    const d = decide(input({ planMiningW: 15_000 }));
    expect(d.bindingPolicy).toBe('plan');
    expect(summary(d)).toEqual(['m05:sleep', 'm06:sleep', 'm07:sleep', 'm08:sleep', 'm09:sleep']);
    expect(d.expectedMiningW).toBe(15_000);
  });

  it('a band of half a machine still lets the last machine go to sleep', () => {
    const d = decide(input({ machines: fleet(1), planMiningW: 0, config: { hysteresisW: 1500 } }));
    expect(summary(d)).toEqual(['m00:sleep']);
  });

  it('does nothing inside the hysteresis band', () => {
    expect(decide(input({ planMiningW: 27_500 })).commands).toEqual([]);
  });

  it('wakes curtailed machines when the plan rises, after any reductions', () => {
    const machines = fleet(6).map((m, i) => (i >= 3 ? { ...m, state: 'curtailed' as const, powerW: 20 } : m));
    // A sleeping miner still draws its control board (20 W here); each wake adds the rest of its target.
    const d = decide(input({ machines, planMiningW: 15_100 }));
    expect(summary(d)).toEqual(['m03:wake', 'm04:wake']);
    expect(d.expectedMiningW).toBe(15_020);
    // An increase never takes the expected draw above the target: at 15,000 W the second wake waits.
    expect(summary(decide(input({ machines, planMiningW: 15_000 })))).toEqual(['m03:wake']);
  });

  it('sends at most one batch per spacing', () => {
    const first = decide(input({ planMiningW: 0, config: { batchSize: 3, batchSpacingMs: 5000 } }));
    expect(summary(first)).toEqual(['m00:sleep', 'm01:sleep', 'm02:sleep']);
    expect(first.ramp.lastBatchAtMs).toBe(AT_MS);
    const tooSoon = decide(
      input({
        planMiningW: 0,
        config: { batchSize: 3, batchSpacingMs: 5000 },
        ramp: { lastBatchAtMs: AT_MS - 1000 },
      }),
    );
    expect(tooSoon.commands).toEqual([]);
    expect(tooSoon.notes).toContain('waiting for the batch spacing');
  });

  it('leaves a machine alone within its minimum dwell', () => {
    const machines = fleet(4).map((m, i) =>
      i === 3 ? { ...m, state: 'curtailed' as const, powerW: 20, lastChangeAtMs: AT_MS - 10_000 } : m,
    );
    const config = { hysteresisW: 1000 };
    expect(decide(input({ machines, planMiningW: 12_000, config })).commands).toEqual([]);
    const later = machines.map((m) => ({ ...m, lastChangeAtMs: AT_MS - 61_000 }));
    expect(summary(decide(input({ machines: later, planMiningW: 12_000, config })))).toEqual(['m03:wake']);
  });

  it('with power targets, spreads the plan over as many machines as the firmware floor allows', () => {
    const spread = decide(input({ planMiningW: 15_000, config: { usePowerTargets: true } }));
    expect(summary(spread)).toEqual(fleet(10).map((m) => `${m.machineId}:power-target1500`));
    const fewer = decide(input({ planMiningW: 9000, config: { usePowerTargets: true } }));
    expect(summary(fewer)).toEqual([
      ...['m00', 'm01', 'm02', 'm03', 'm04', 'm05'].map((id) => `${id}:power-target1500`),
      ...['m06', 'm07', 'm08', 'm09'].map((id) => `${id}:sleep`),
    ]);
    // Power targets ramp down over minutes: until a read shows it, each counts at what it draws now.
    expect(fewer.expectedMiningW).toBe(18_000);
  });

  it('a sleeping machine above its wanted level is lowered before it wakes; one at or below it wakes at once', () => {
    const asleep = (i: number, powerTargetW: number) =>
      machine(i, { state: 'curtailed', powerW: 20, powerTargetW, sleepW: 20 });
    // Plan 4.5 kW over three sleeping 3 kW miners with a 1.5 kW floor: 1.5 kW each.
    const high = fleet(3).map((m) => asleep(Number(m.machineId.slice(1)), 3000));
    expect(
      summary(decide(input({ machines: high, planMiningW: 4500, config: { usePowerTargets: true } }))),
    ).toEqual(['m00:power-target1500', 'm01:power-target1500', 'm02:power-target1500']);
    // Asleep at 1.5 kW and now wanted at 3 kW each: wake now (drawing less than planned), raise once running.
    const low = fleet(3).map((m) => asleep(Number(m.machineId.slice(1)), 1500));
    expect(
      summary(decide(input({ machines: low, planMiningW: 9000, config: { usePowerTargets: true } }))),
    ).toEqual(['m00:wake', 'm01:wake', 'm02:wake']);
    const running = low.map((m) => ({ ...m, state: 'running' as const, powerW: 1500 }));
    expect(
      summary(decide(input({ machines: running, planMiningW: 9000, config: { usePowerTargets: true } }))),
    ).toEqual(['m00:power-target3000', 'm01:power-target3000', 'm02:power-target3000']);
  });

  it('does not command a machine in back-off; it keeps its last known draw', () => {
    const machines = fleet(3).map((m, i) => (i === 2 ? { ...m, backedOff: true } : m));
    const d = decide(input({ machines, planMiningW: 0 }));
    expect(summary(d)).toEqual(['m00:sleep', 'm01:sleep']);
    expect(d.expectedMiningW).toBe(3000);
  });

  it('never wakes a machine that has no sleep lever (found by the property below)', () => {
    const machines = [
      machine(0, { state: 'off', powerW: 0, canSleep: false }),
      machine(1, { canSleep: false }),
      machine(2, { canSleep: false }),
    ];
    const d = decide(input({ machines, config: { importLimitW: 8231 } }));
    expect(d.commands).toEqual([]);
    expect(d.expectedMiningW).toBe(6000);
  });

  it('never commands a machine with a command in flight, and counts it as already obeying', () => {
    const machines = fleet(4).map((m, i) => (i === 0 ? { ...m, inFlight: { kind: 'sleep' as const } } : m));
    const d = decide(input({ machines, planMiningW: 6000, config: { hysteresisW: 1000 } }));
    expect(summary(d)).toEqual(['m03:sleep']);
  });
});

describe('decide: priority of the safety policies', () => {
  it('import limit: sheds at once with sleep, ignoring dwell and batches', () => {
    const machines = fleet(10, { lastChangeAtMs: AT_MS });
    const d = decide(
      input({ machines, config: { importLimitW: 20_000, overheadW: 1000, miningPue: 1.1, batchSize: 1 } }),
    );
    expect(d.bindingPolicy).toBe('import-limit');
    expect(d.miningTargetW).toBeCloseTo(19_000 / 1.1, 6);
    expect(summary(d)).toEqual(['m00:sleep', 'm01:sleep', 'm02:sleep', 'm03:sleep', 'm04:sleep']);
  });

  it('safety supersedes a wake in flight with a sleep', () => {
    const machines = fleet(2).map((m) => ({
      ...m,
      state: 'curtailed' as const,
      inFlight: { kind: 'wake' as const },
    }));
    expect(summary(decide(input({ machines, config: { importLimitW: 3000 } })))).toEqual(['m00:sleep']);
  });

  it('a grid event narrows below the import limit; an expired one is ignored', () => {
    const gridEvents = [
      { eventId: 'ev1', importLimitW: 9000, startMs: AT_MS, endMs: AT_MS + 60_000, priceUsdPerMWh: null },
      { eventId: 'old', importLimitW: 0, startMs: AT_MS - 60_000, endMs: AT_MS, priceUsdPerMWh: null },
    ];
    const d = decide(input({ gridEvents, config: { importLimitW: 20_000 } }));
    expect(d.bindingPolicy).toBe('grid-event');
    expect(d.miningTargetW).toBe(9000);
    expect(d.commands).toHaveLength(7);
  });

  it('an unknown machine counts at rated power and is never commanded', () => {
    const machines = fleet(4).map((m, i) =>
      i === 0 ? { ...m, state: 'unknown' as const, powerW: null } : m,
    );
    const d = decide(input({ machines, config: { importLimitW: 9000 } }));
    expect(summary(d)).toEqual(['m01:sleep']);
  });

  it('plan lost: the configured safe state applies, the most conservative of the lost feeds wins', () => {
    const hold = decide(input({ planMiningW: null }));
    expect(hold.bindingPolicy).toBe('hold');
    expect(hold.commands).toEqual([]);
    const curtail = decide(
      input({
        planMiningW: null,
        feeds: { market: true, store: false, vtn: true },
        config: {
          safeState: {
            planLost: 'curtail-mining',
            marketLost: 'hold',
            storeLost: 'run-all',
            vtnLost: 'hold',
          },
        },
      }),
    );
    expect(curtail.bindingPolicy).toBe('failsafe');
    expect(curtail.commands).toHaveLength(10);
    expect(curtail.notes[0]).toBe('store, plan lost: safe state curtail-mining');
  });

  it('the site meter corrects the firmware estimates: 2 kW under-reported lowers the cap by 2 kW of facility power', () => {
    const config = { importLimitW: 20_000, miningPue: 1.25 };
    const plain = decide(input({ config }));
    const metered = decide(input({ config, meterCorrectionW: 2000 }));
    expect(plain.miningTargetW).toBe(16_000);
    expect(metered.miningTargetW).toBe(14_400);
    expect(metered.bindingPolicy).toBe('import-limit');
    expect(metered.expectedMiningW).toBeLessThanOrEqual(14_400);
  });

  it('a hold still obeys the import limit', () => {
    const d = decide(input({ planMiningW: null, config: { importLimitW: 15_000 } }));
    expect(d.bindingPolicy).toBe('import-limit');
    expect(d.commands).toHaveLength(5);
  });

  it('property: commands respect unknown and in-flight machines, safety gets under the cap or sheds all it can, and no decision raises the draw above the target', () => {
    const view = fc.record({
      state: fc.constantFrom('running', 'curtailed', 'off', 'unknown'),
      ratedPowerW: fc.integer({ min: 500, max: 5000 }),
      minFraction: fc.double({ min: 0.3, max: 1, noNaN: true }),
      canSleep: fc.boolean(),
      canSetPowerTarget: fc.boolean(),
      backedOff: fc.boolean(),
      inFlight: fc.constantFrom(null, { kind: 'sleep' as const }, { kind: 'wake' as const }),
      powerTargetFraction: fc.double({ min: 0.3, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(view, { maxLength: 40 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.boolean(),
        (views, limitW, planW, usePowerTargets) => {
          const machines = views.map((v, i) => {
            const targetW = Math.max(v.minFraction, v.powerTargetFraction) * v.ratedPowerW;
            return machine(i, {
              state: v.state,
              ratedPowerW: v.ratedPowerW,
              minPowerW: v.minFraction * v.ratedPowerW,
              powerTargetW: targetW,
              powerW: v.state === 'running' ? targetW : v.state === 'curtailed' ? 20 : 0,
              canSleep: v.canSleep,
              canSetPowerTarget: v.canSetPowerTarget,
              backedOff: v.backedOff,
              inFlight: v.inFlight,
            });
          });
          const config = {
            importLimitW: limitW,
            overheadW: 100,
            miningPue: 1.05,
            hysteresisW: 500,
            usePowerTargets,
          };
          const d = decide(input({ machines, planMiningW: planW, config }));
          const beforeW = totalExpectedDrawW(machines);
          const commanded = new Set(d.commands.map((c) => c.machineId));
          for (const m of machines)
            if (m.state === 'unknown' || m.backedOff || m.inFlight?.kind === 'sleep')
              expect(commanded.has(m.machineId)).toBe(false);
          expect(d.miningTargetW).toBeLessThanOrEqual(Math.max(0, (limitW - 100) / 1.05) + 1e-6);
          // Safety works on the facility import: after its commands the site fits under the limit, or every machine
          // it could shed was shed.
          if (d.bindingPolicy === 'import-limit' && 100 + d.expectedMiningW * 1.05 > limitW + 1e-6) {
            const sheddable = machines.filter(
              (m) =>
                m.state !== 'unknown' &&
                !m.backedOff &&
                m.canSleep &&
                (m.inFlight ? m.inFlight.kind !== 'sleep' : m.state === 'running'),
            );
            expect(sheddable.every((m) => commanded.has(m.machineId))).toBe(true);
          }
          expect(d.expectedMiningW).toBeLessThanOrEqual(Math.max(beforeW, d.miningTargetW) + 1e-6);
        },
      ),
      { numRuns: 500 },
    );
  });
});
