/**
 * A small hybrid site as decide sees it, for the policy tests: 3 kW miners worth their hashprice (~119 USD/MWh at
 * 50 USD/PH/day and 17.5 J/TH) and 8× H100 servers (10.2 kW rated, 2 kW idle, cap floor 4 kW; cap ≈ 1,113 and
 * drain ≈ 1,951 USD/MWh at 2 USD/GPU-h, see economics/ai/levers.test.ts), with a config of PUE 1 and no margin.
 */
import type { DecideConfig, DecideInput, GridEvent, MachineView } from '../../src/controller/policy/types.ts';

export const AT_MS = 1_732_530_000_000;

export const miner = (i: number, over: Partial<MachineView> = {}): MachineView => ({
  machineId: `m${String(i).padStart(2, '0')}`,
  workload: 'mining',
  state: 'running',
  powerW: 3000,
  powerTargetW: 3000,
  ratedPowerW: 3000,
  minPowerW: 1500,
  sleepW: 0,
  leverCostUsdPerMWh: { sleep: 119, trim: 119 },
  canSleep: true,
  canSetPowerTarget: false,
  powerStepsW: null,
  inFlight: null,
  lastChangeAtMs: null,
  backedOff: false,
  ...over,
});

export const gpu = (i: number, over: Partial<MachineView> = {}): MachineView => ({
  machineId: `g${String(i).padStart(2, '0')}`,
  workload: 'ai',
  state: 'running',
  powerW: 10_200,
  powerTargetW: null,
  ratedPowerW: 10_200,
  minPowerW: 4000,
  sleepW: 2000,
  leverCostUsdPerMWh: { sleep: 1951, trim: 1113 },
  canSleep: true,
  canSetPowerTarget: true,
  powerStepsW: null,
  inFlight: null,
  lastChangeAtMs: null,
  backedOff: false,
  ...over,
});

export const POLICY_CONFIG: DecideConfig = {
  importLimitW: 1e9,
  importMarginFraction: 0,
  overheadW: 0,
  otherLoadW: 0,
  miningPue: 1,
  aiPue: 1,
  eventLeadMs: 0,
  hysteresisW: 1500,
  minDwellMs: 0,
  batchSize: 100,
  batchSpacingMs: 0,
  usePowerTargets: false,
  safeState: { planLost: 'hold', marketLost: 'hold', storeLost: 'hold', vtnLost: 'hold' },
};

/** Four miners (12 kW) and two GPU servers (20.4 kW). */
export const HYBRID_SITE = [...Array.from({ length: 4 }, (_, i) => miner(i)), gpu(0), gpu(1)];

export const policyInput = (
  over: Omit<Partial<DecideInput>, 'config'> & { config?: Partial<DecideConfig> } = {},
): DecideInput => {
  const { config, ...rest } = over;
  return {
    snapshot: { cycleId: 1, atMs: AT_MS, machines: HYBRID_SITE },
    planMiningW: 12_000,
    feeds: { market: true, store: true, vtn: true },
    gridEvents: [],
    ramp: { lastBatchAtMs: null },
    ...rest,
    config: { ...POLICY_CONFIG, ...config },
  };
};

export const gridEvent = (over: Partial<GridEvent>): GridEvent => ({
  eventId: 'ev',
  startMs: AT_MS,
  endMs: AT_MS + 900_000,
  importLimitW: null,
  priceUsdPerMWh: null,
  ...over,
});

/** A decision's commands as `machine:kind[powerW]`, in order. */
export const commandSummary = (d: {
  readonly commands: readonly { machineId: string; command: { kind: string; powerW?: number } }[];
}): string[] =>
  d.commands.map(
    (c) => `${c.machineId}:${c.command.kind}${c.command.kind === 'power-target' ? c.command.powerW : ''}`,
  );
