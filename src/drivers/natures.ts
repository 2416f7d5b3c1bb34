/**
 * @module drivers/natures
 * Device-independent faces of the machines (OpenEMS "natures"): what the controller reads and commands, in
 * watts and TH/s, whatever protocol a driver speaks underneath. Drivers only map protocol to nature.
 */

export type MinerFirmware = 'cgminer' | 'luxos' | 'braiins';
export const MINER_FIRMWARES: readonly MinerFirmware[] = ['cgminer', 'luxos', 'braiins'];

/** What one read of a miner showed. `unknown` is never a reading: it is what the controller concludes without one. */
export interface MinerReading {
  /** `running` = hashing, `curtailed` = asleep or paused on command, `off` = not hashing and not curtailed. */
  readonly state: 'running' | 'curtailed' | 'off';
  /** The firmware's own estimate of its draw, W (5–20 % off the meter; the meter is issue 6's job). */
  readonly powerW: number;
  readonly hashrateThs: number;
  /** Active power target or profile watts, when the firmware exposes one. */
  readonly powerTargetW: number | null;
  /** Hottest board or chip temperature, °C. */
  readonly temperatureC: number | null;
  /** Seconds since the mining process started; a drop means the miner restarted. */
  readonly uptimeS: number | null;
  readonly model: string | null;
  /**
   * The power target is a ceiling the machine may stay under (a GPU server's draw follows its jobs), not a level
   * it runs at (a miner's profile): a target then counts as applied once the draw is at or below it.
   */
  readonly targetIsCeiling?: boolean;
}

export interface MinerCapabilities {
  readonly canSleep: boolean;
  readonly canSetPowerTarget: boolean;
  /** Power targets the firmware accepts, W (clamp before sending). */
  readonly powerRangeW: { readonly minW: number; readonly maxW: number } | null;
  /** Discrete levels (LuxOS profiles), ascending W; null for continuous targets. */
  readonly powerStepsW: readonly number[] | null;
}

export type MinerCommand =
  | { readonly kind: 'sleep' }
  | { readonly kind: 'wake' }
  | { readonly kind: 'power-target'; readonly powerW: number };

/** What the controller needs of any machine it drives: a miner's driver, or a GPU server with its scheduler. */
export interface MachineDriver {
  read(): Promise<MinerReading>;
  capabilities(): Promise<MinerCapabilities>;
  /** Resolves with the command as the device took it (a power target clamped to its range or rounded to a step). */
  apply(command: MinerCommand): Promise<MinerCommand>;
  close(): Promise<void>;
  /** AI work stopped by the commands applied since the last call (GPU servers only), oldest first. */
  takeInterruptions?(): readonly AiInterruption[];
}

/** One drain of a GPU server: what the work it stopped was worth, for the record and the SLA budget. */
export interface AiInterruption {
  readonly atMs: number;
  readonly podsEvicted: number;
  /** Evictions a disruption budget refused (retried by the next drain). */
  readonly podsBlocked: number;
  /** GPU-seconds of training since each stopped job's last checkpoint, lost. */
  readonly workLostGpuS: number;
}

/**
 * One miner behind one protocol. `apply` resolves when the device acknowledged the command; acknowledgement
 * is not application — the controller confirms by a later `read`. Failures throw `ProtocolError` or
 * `DeviceTimeoutError` (never hang past the configured timeout).
 */
export interface MinerDriver extends MachineDriver {
  readonly firmware: MinerFirmware;
}

export interface MinerEndpoint {
  readonly host: string;
  readonly port: number;
  /** Per request; a control loop cannot wait pyasic's 100 s. */
  readonly timeoutMs: number;
  readonly username?: string;
  readonly password?: string;
}

/** Below this draw a miner that is not hashing counts as asleep (sleep leaves the control board on, ~15–30 W). */
export const SLEEP_POWER_CEILING_W = 100;

/** Firmware power estimates wobble: two figures closer than 5 % (at least 100 W) are the same setting. */
export const powerToleranceW = (powerW: number): number => Math.max(0.05 * powerW, 100);

/**
 * Whether a reading shows a command applied. A power target counts once the firmware reports it as its target
 * and, when hashing, draws within the tolerance of it; a sleeping miner takes a new target without drawing it
 * (it applies at wake-up), which is how a machine is given its level before it is woken.
 */
export function commandApplied(command: MinerCommand, reading: MinerReading): boolean {
  switch (command.kind) {
    case 'sleep':
      return reading.state === 'curtailed';
    case 'wake':
      return reading.state === 'running';
    case 'power-target': {
      const toleranceW = powerToleranceW(command.powerW);
      const targetTaken =
        reading.powerTargetW === null || Math.abs(reading.powerTargetW - command.powerW) <= toleranceW;
      if (reading.state === 'curtailed') return reading.powerTargetW !== null && targetTaken;
      const overW = reading.powerW - command.powerW;
      const drawTaken = reading.targetIsCeiling ? overW <= toleranceW : Math.abs(overW) <= toleranceW;
      return reading.state === 'running' && targetTaken && drawTaken;
    }
  }
}

/*
 * GPU servers (AI). The BMC (Redfish) reads chassis power and caps it; the workload on the server is moved by
 * the AI scheduler (Kubernetes), a separate nature below, because a BMC cannot stop a job and a scheduler cannot
 * read a watt.
 */

export type GpuPowerState = 'on' | 'off' | 'powering-on' | 'powering-off' | 'paused';

/** What one read of a GPU server's BMC showed. */
export interface GpuServerReading {
  readonly powerState: GpuPowerState;
  /** Chassis input power the BMC reports, W (newest schema generation the service has). */
  readonly powerW: number;
  /** Active power cap, W; null when capping is disabled or the service has no cap. */
  readonly powerLimitW: number | null;
  /** `Status.Health` of the system, lower-cased; null when absent. */
  readonly health: 'ok' | 'warning' | 'critical' | null;
  readonly model: string | null;
}

export interface GpuServerCapabilities {
  /** Whether the service exposes a writable power cap (a `Control` or legacy `PowerControl[].PowerLimit`). */
  readonly canCap: boolean;
  /** Caps the BMC accepts, W (clamp before sending); null when it does not say. */
  readonly powerLimitRangeW: { readonly minW: number; readonly maxW: number } | null;
  /** `ResetType` values the service lists (or the safe default `On`/`ForceOff`/`GracefulShutdown`). */
  readonly resetTypes: readonly string[];
}

export type GpuServerCommand =
  | { readonly kind: 'cap'; readonly powerW: number }
  | { readonly kind: 'uncap' }
  | { readonly kind: 'reset'; readonly resetType: string };

/**
 * One GPU server behind its BMC. Same contract as a miner: `apply` resolves when the service acknowledged (the
 * command as taken, a cap clamped to the range); a later `read` confirms. Failures throw `ProtocolError` or
 * `DeviceTimeoutError` within the configured timeout.
 */
export interface GpuServerDriver {
  read(): Promise<GpuServerReading>;
  capabilities(): Promise<GpuServerCapabilities>;
  apply(command: GpuServerCommand): Promise<GpuServerCommand>;
  close(): Promise<void>;
}

/** A workload the AI scheduler runs: an inference Deployment (scaled) or a training/batch Job (suspended). */
export interface AiWorkloadRef {
  readonly kind: 'deployment' | 'job';
  readonly namespace: string;
  readonly name: string;
}

export interface AiWorkloadReading {
  readonly ref: AiWorkloadRef;
  /** Deployment: `spec.replicas`; Job: `spec.parallelism` (1 when absent). */
  readonly desiredReplicas: number;
  /** Pods running now: Deployment `status.readyReplicas`, Job `status.active` (0 when absent). */
  readonly runningReplicas: number;
  /** Job `spec.suspend`; a Deployment counts as suspended at 0 desired replicas. */
  readonly suspended: boolean;
}

export type AiWorkloadCommand =
  | { readonly kind: 'scale'; readonly ref: AiWorkloadRef; readonly replicas: number }
  | { readonly kind: 'suspend'; readonly ref: AiWorkloadRef; readonly suspended: boolean }
  | { readonly kind: 'cordon'; readonly node: string; readonly unschedulable: boolean };

export interface AiPod {
  readonly namespace: string;
  readonly name: string;
  /** `Running`, `Pending`, `Succeeded`, `Failed` or `Unknown` (pod `status.phase`). */
  readonly phase: string;
  /** Whether the pod is being deleted (`metadata.deletionTimestamp` set): it still draws until it is gone. */
  readonly terminating: boolean;
  /** The owning workload's kind and name as the pod's owner references show them (Job, ReplicaSet, DaemonSet). */
  readonly ownerKind: string | null;
  readonly ownerName: string | null;
  /** `status.startTime`, ms since the epoch; null while pending. */
  readonly startedAtMs: number | null;
}

/** How an eviction ended: done, already gone (404), or refused by a disruption budget (429, retry later). */
export type EvictionResult = 'evicted' | 'gone' | 'blocked';

/** The AI scheduler's API (Kubernetes subset of PROTOCOLS.md §3.3). Errors as for the other drivers. */
export interface AiSchedulerDriver {
  readWorkload(ref: AiWorkloadRef): Promise<AiWorkloadReading>;
  readNode(node: string): Promise<{ readonly name: string; readonly unschedulable: boolean }>;
  /** Pods bound to a node (`fieldSelector=spec.nodeName=`), DaemonSet pods included (the caller skips them). */
  listPods(node: string): Promise<readonly AiPod[]>;
  evict(namespace: string, pod: string): Promise<EvictionResult>;
  apply(command: AiWorkloadCommand): Promise<void>;
  close(): Promise<void>;
}
