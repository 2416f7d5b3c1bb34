import { describe, expect, it } from 'vitest';
import {
  AT_MS,
  commandSummary,
  gpu,
  gridEvent,
  HYBRID_SITE,
  miner,
  policyInput,
} from '../../../test/helpers/policy-site.ts';
import { decide } from './decide.ts';
import type { MachineView, OperatorInput } from './types.ts';

const auto = (over: Partial<OperatorInput> = {}): OperatorInput => ({
  mode: 'auto',
  miningW: null,
  aiW: null,
  ...over,
});
const manual = (over: Partial<OperatorInput> = {}): OperatorInput => auto({ mode: 'manual', ...over });
const site = (machines: MachineView[]) => ({ cycleId: 1, atMs: AT_MS, machines });
/** Both GPU servers capped at their 4 kW floor (a shed earlier), the miners running. */
const CAPPED = [
  ...HYBRID_SITE.filter((m) => m.workload === 'mining'),
  gpu(0, { powerW: 4000, powerTargetW: 4000 }),
  gpu(1, { powerW: 4000, powerTargetW: 4000 }),
];

describe('operator mode and overrides', () => {
  it('a mining override replaces the plan and binds as the operator', () => {
    const d = decide(policyInput({ planMiningW: 12_000, operator: auto({ miningW: 6000 }) }));
    expect(d.bindingPolicy).toBe('operator');
    expect(d.miningTargetW).toBe(6000);
    // Two of the four 3 kW miners sleep (which two is the allocation's choice).
    expect(d.commands.map((c) => c.command.kind)).toEqual(['sleep', 'sleep']);
    expect(d.commands[0]?.reason).toBe('operator: mining 6000 W');
  });

  it('a grid event still narrows a mining override (safety outranks the operator)', () => {
    // The operator asks for all 12 kW of mining; a 26.4 kW event leaves 6 kW beside the GPUs' 20.4 kW.
    const d = decide(
      policyInput({
        operator: auto({ miningW: 12_000 }),
        gridEvents: [gridEvent({ importLimitW: 26_400 })],
      }),
    );
    expect(d.bindingPolicy).toBe('grid-event');
    expect(commandSummary(d)).toEqual(['m00:sleep', 'm01:sleep']);
  });

  it('manual mode holds what runs when the plan moves, and a lost plan is not a reason for its safe state', () => {
    const held = decide(policyInput({ planMiningW: 0, operator: manual() }));
    expect(held.bindingPolicy).toBe('hold');
    expect(held.commands).toEqual([]);
    const lost = decide(
      policyInput({
        planMiningW: null,
        operator: manual(),
        config: { safeState: { ...safeAll('curtail-mining') } },
      }),
    );
    expect(lost.bindingPolicy).toBe('hold');
    expect(lost.commands).toEqual([]);
    expect(lost.notes.join(' ')).not.toMatch(/plan lost/);
    // The same lost plan in auto mode applies its safe state.
    const autoLost = decide(
      policyInput({
        planMiningW: null,
        operator: auto(),
        config: { safeState: { ...safeAll('curtail-mining') } },
      }),
    );
    expect(autoLost.bindingPolicy).toBe('failsafe');
    expect(autoLost.commands).toHaveLength(4);
  });

  it('a run-all safe state never widens what the operator set; curtail-mining still narrows it', () => {
    const marketLost = { market: false, store: true, vtn: true };
    const asleep = HYBRID_SITE.map((m) =>
      m.workload === 'mining' ? { ...m, state: 'curtailed' as const, powerW: 0 } : m,
    );
    for (const operator of [auto({ miningW: 0 }), manual()]) {
      const d = decide(
        policyInput({
          snapshot: site(asleep),
          feeds: marketLost,
          operator,
          config: { safeState: safeAll('run-all') },
        }),
      );
      expect(d.commands).toEqual([]);
      expect(d.bindingPolicy).toBe(operator.mode === 'manual' ? 'hold' : 'operator');
    }
    const narrowed = decide(
      policyInput({
        feeds: marketLost,
        operator: auto({ miningW: 12_000 }),
        config: { safeState: safeAll('curtail-mining') },
      }),
    );
    expect(narrowed.bindingPolicy).toBe('failsafe');
    expect(narrowed.commands.map((c) => c.command.kind)).toEqual(['sleep', 'sleep', 'sleep', 'sleep']);
  });

  it('manual mode still obeys a grid event', () => {
    const d = decide(policyInput({ operator: manual(), gridEvents: [gridEvent({ importLimitW: 26_400 })] }));
    expect(d.bindingPolicy).toBe('grid-event');
    expect(commandSummary(d)).toEqual(['m00:sleep', 'm01:sleep']);
  });

  it('an AI override caps the GPU servers first, then drains, until the AI fleet fits', () => {
    // 20.4 kW of AI under 12 kW: one cap sheds 6.2 kW, two shed 12.4 kW ≥ the 8.4 kW over. No drain.
    const capped = decide(policyInput({ operator: auto({ aiW: 12_000 }) }));
    expect(capped.bindingPolicy).toBe('operator');
    expect(commandSummary(capped)).toEqual(['g00:power-target4000', 'g01:power-target4000']);
    // Under 5 kW: both caps (8 kW left) and both drains (to 2 × 2 kW idle = 4 kW).
    const drained = decide(policyInput({ operator: auto({ aiW: 5000 }) }));
    expect(commandSummary(drained)).toEqual(['g00:sleep', 'g01:sleep']);
    expect(drained.commands.every((c) => c.reason === 'operator override: AI ≤ 5000 W')).toBe(true);
  });

  it('brings AI back only up to the override, in auto and in manual mode', () => {
    // Both capped at 4 kW (8 kW); a 14.2 kW cap on AI leaves room to lift one server to rated (+6.2 kW), not two.
    for (const operator of [auto({ aiW: 14_200 }), manual({ aiW: 14_200 })]) {
      const d = decide(policyInput({ snapshot: site(CAPPED), operator }));
      expect(d.bindingPolicy).toBe(operator.mode === 'manual' ? 'hold' : 'plan');
      expect(commandSummary(d)).toEqual(['g00:power-target10200']);
    }
    // Manual mode without an AI override leaves the caps where they are.
    expect(decide(policyInput({ snapshot: site(CAPPED), operator: manual() })).commands).toEqual([]);
    // Auto mode without one restores both.
    expect(commandSummary(decide(policyInput({ snapshot: site(CAPPED), operator: auto() })))).toEqual([
      'g00:power-target10200',
      'g01:power-target10200',
    ]);
  });
});

describe('the power price (a site that buys at it)', () => {
  it('caps AI work worth less than the price, drains it when even the drain is worth less', () => {
    expect(decide(policyInput({ powerPriceUsdPerMWh: 500 })).commands).toEqual([]);
    const caps = decide(policyInput({ powerPriceUsdPerMWh: 1500 }));
    expect(caps.bindingPolicy).toBe('price');
    expect(commandSummary(caps)).toEqual(['g00:power-target4000', 'g01:power-target4000']);
    expect(caps.commands[0]?.reason).toBe("power price 1500 USD/MWh above the AI work's value");
    expect(commandSummary(decide(policyInput({ powerPriceUsdPerMWh: 2500 })))).toEqual([
      'g00:sleep',
      'g01:sleep',
    ]);
  });

  it('counts the AI hall’s PUE: a MWh of import buys 1/PUE MWh of AI work', () => {
    // Cap value 1,113 USD per IT MWh is 856 per import MWh at PUE 1.3: a 900 USD/MWh price caps.
    const d = decide(policyInput({ powerPriceUsdPerMWh: 900, config: { aiPue: 1.3 } }));
    expect(commandSummary(d)).toEqual(['g00:power-target4000', 'g01:power-target4000']);
  });

  it('leaves servers within their dwell alone, and manual mode ignores the price', () => {
    const recent = HYBRID_SITE.map((m) =>
      m.workload === 'ai' ? { ...m, lastChangeAtMs: AT_MS - 10_000 } : m,
    );
    const dwelling = decide(
      policyInput({ snapshot: site(recent), powerPriceUsdPerMWh: 2500, config: { minDwellMs: 60_000 } }),
    );
    expect(dwelling.commands.filter((c) => c.machineId.startsWith('g'))).toEqual([]);
    expect(decide(policyInput({ powerPriceUsdPerMWh: 2500, operator: manual() })).commands).toEqual([]);
  });

  it('restores AI only to the level the price allows', () => {
    // At 1,500 USD/MWh a cap is worth less than the power (stay at the floor); at 900 the full draw pays.
    expect(decide(policyInput({ snapshot: site(CAPPED), powerPriceUsdPerMWh: 1500 })).commands).toEqual([]);
    expect(commandSummary(decide(policyInput({ snapshot: site(CAPPED), powerPriceUsdPerMWh: 900 })))).toEqual(
      ['g00:power-target10200', 'g01:power-target10200'],
    );
  });
});

describe('what a decision reports of the site', () => {
  it('the expected import after its commands and the tightest limit in force', () => {
    // 32.4 kW and a 500 W meter correction under a 26 kW event: 6.9 kW over, three miners (9 kW) sleep, so
    // 23.4 kW of machines + the 500 W correction are expected.
    const d = decide(
      policyInput({
        gridEvents: [gridEvent({ importLimitW: 26_000 })],
        meterCorrectionW: 500,
        config: { importLimitW: 40_000 },
      }),
    );
    expect(commandSummary(d)).toEqual(['m00:sleep', 'm01:sleep', 'm02:sleep']);
    expect(d.importLimitW).toBe(26_000);
    expect(d.expectedImportW).toBe(23_400 + 500);
    const quiet = decide(policyInput({ snapshot: site([miner(0), gpu(0)]), planMiningW: 3000 }));
    expect(quiet.importLimitW).toBe(1e9);
    expect(quiet.expectedImportW).toBe(13_200);
  });
});

function safeAll(state: 'hold' | 'curtail-mining' | 'run-all') {
  return { planLost: state, marketLost: state, storeLost: state, vtnLost: state };
}
