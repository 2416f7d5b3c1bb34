/**
 * @module controller/policy/types
 * The frozen process image one decision reads (OpenEMS): every machine as last read, what is in flight, and
 * the site's limits. Nothing here awaits a device; a policy that needs a value it cannot see treats it as unknown.
 */
import type { MinerCommand } from '../../drivers/natures.ts';
import type { MachineState } from '../../store/types.ts';

/** What a machine's megawatts do: hash (a miner) or serve AI work (a GPU server). */
export type Workload = 'mining' | 'ai';

export interface MachineView {
  readonly machineId: string;
  readonly workload: Workload;
  readonly state: MachineState;
  /** Last read power, W (null when never read). */
  readonly powerW: number | null;
  /** Active power target the firmware reported, W. */
  readonly powerTargetW: number | null;
  readonly ratedPowerW: number;
  /** Lowest power target the firmware takes, W (= rated when it cannot take targets). */
  readonly minPowerW: number;
  /** What it still draws asleep (a miner's control board; a drained GPU server idling), W. */
  readonly sleepW: number;
  /**
   * Revenue each lever gives up per MWh of IT energy it sheds, USD/MWh (ARCHITECTURE.md: marginal value per
   * lever): `sleep` from the current draw to `sleepW`, `trim` from rated power down to `minPowerW`. The cheapest
   * lever sheds first; a price event sheds every lever worth less than the price.
   */
  readonly leverCostUsdPerMWh: { readonly sleep: number; readonly trim: number };
  readonly canSleep: boolean;
  readonly canSetPowerTarget: boolean;
  /** Power levels the firmware has (LuxOS profiles), ascending W; null for continuous targets. */
  readonly powerStepsW: readonly number[] | null;
  /** A command sent and not yet confirmed or given up on: the machine is treated as already obeying it. */
  readonly inFlight: MinerCommand | null;
  /** When the controller last changed this machine's state (for the minimum dwell). */
  readonly lastChangeAtMs: number | null;
  /** The last request to it failed and its back-off has not run out: no command is sent until it answers again. */
  readonly backedOff: boolean;
}

export interface SiteSnapshot {
  readonly cycleId: number;
  readonly atMs: number;
  readonly machines: readonly MachineView[];
}

/** What to do when a feed is lost: keep what runs, shed all mining, or run everything. */
export type SafeState = 'hold' | 'curtail-mining' | 'run-all';

/** The plan's health is `planMiningW` itself (null = lost); these are the other feeds. */
export interface FeedHealth {
  readonly market: boolean;
  readonly store: boolean;
  /** The grid operator's VTN (always true without one). */
  readonly vtn: boolean;
}

/**
 * A grid program's instruction for `startMs`–`endMs`: keep facility import at or below `importLimitW`, and/or
 * shed every lever worth less per MWh than `priceUsdPerMWh` (an OpenADR PRICE or a SIMPLE level mapped to a limit).
 */
export interface GridEvent {
  readonly eventId: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly importLimitW: number | null;
  readonly priceUsdPerMWh: number | null;
}

export interface DecideConfig {
  /** Facility import limit at the meter the controller answers for, W. */
  readonly importLimitW: number;
  /** Share of the import limit kept free for the error of the firmware's power estimates, 0–1. */
  readonly importMarginFraction: number;
  /** Facility load that never switches off, W. */
  readonly overheadW: number;
  /** Other load behind the same meter the controller does not drive, facility W. */
  readonly otherLoadW: number;
  readonly miningPue: number;
  readonly aiPue: number;
  /** Grid events count from this long before their start, so slow levers land in time, ms. */
  readonly eventLeadMs: number;
  /** No plan-following change while the fleet is within this of its target, W. */
  readonly hysteresisW: number;
  /** A machine keeps a new state at least this long before the plan may change it again. */
  readonly minDwellMs: number;
  /** Plan-following commands go out in batches of this many, `batchSpacingMs` apart (inrush, thermal). */
  readonly batchSize: number;
  readonly batchSpacingMs: number;
  /** Spread power over more machines at lower targets (more TH per W) rather than sleeping some. */
  readonly usePowerTargets: boolean;
  readonly safeState: {
    readonly planLost: SafeState;
    readonly marketLost: SafeState;
    readonly storeLost: SafeState;
    readonly vtnLost: SafeState;
  };
}

export type PolicyName =
  | 'failsafe'
  | 'grid-event'
  | 'import-limit'
  | 'operator'
  | 'price'
  | 'plan'
  | 'ai-restore'
  | 'hold';

/** The policies that keep the site inside its limits: they shed at once and may act without a record. */
export const SAFETY_POLICIES: ReadonlySet<PolicyName> = new Set(['failsafe', 'grid-event', 'import-limit']);

export interface MachineCommand {
  readonly machineId: string;
  readonly command: MinerCommand;
  readonly policy: PolicyName;
  readonly reason: string;
}

export interface RampState {
  /** When the last plan-following batch went out. */
  readonly lastBatchAtMs: number | null;
}

/**
 * The operator's standing instructions (API: mode and per-fleet overrides), lapsed overrides already dropped.
 * `manual` holds what runs: only an override changes a fleet. An override replaces the plan for its fleet in
 * either mode; the safety policies still narrow it.
 */
export interface OperatorInput {
  readonly mode: 'auto' | 'manual';
  /** Mining IT power the operator set for the whole fleet, W; null = the plan's (auto) or hold (manual). */
  readonly miningW: number | null;
  /** The most IT power the GPU servers may draw together, W; null = as their value earns (auto) or hold. */
  readonly aiW: number | null;
}

export interface DecideInput {
  readonly snapshot: SiteSnapshot;
  /** The plan's mining IT power for this interval, W; null when the plan is lost. */
  readonly planMiningW: number | null;
  readonly feeds: FeedHealth;
  readonly gridEvents: readonly GridEvent[];
  readonly config: DecideConfig;
  readonly ramp: RampState;
  /**
   * Facility W the site meter shows beyond what the firmware estimates explain (+ when they under-report), from a
   * fresh meter read; absent without a meter, and then only the import margin covers the estimates' error.
   */
  readonly meterCorrectionW?: number;
  /** Absent: `auto` without overrides. */
  readonly operator?: OperatorInput;
  /**
   * The power price of this interval, USD per MWh of grid import, when the site answers to it (it buys at that
   * price): AI work worth less than it sheds, and comes back only where it earns more. Mining already follows it
   * through the plan.
   */
  readonly powerPriceUsdPerMWh?: number;
}

export interface Decision {
  /** Mining IT power aimed at after every policy narrowed it, W. */
  readonly miningTargetW: number;
  /** Mining IT power the fleet will draw once the commands in flight land, W (unknown machines at rated). */
  readonly expectedMiningW: number;
  /**
   * Facility import once this decision's commands and those in flight land, W: every machine × its PUE, the
   * overhead and other load, and the meter's correction. What the controller commands, to set beside the meter.
   */
  readonly expectedImportW: number;
  /** The tightest import limit in force: the connection's or an active grid event's, W (before the margin). */
  readonly importLimitW: number;
  readonly bindingPolicy: PolicyName;
  readonly commands: readonly MachineCommand[];
  readonly ramp: RampState;
  readonly notes: readonly string[];
}
