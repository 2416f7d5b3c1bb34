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

/**
 * One miner behind one protocol. `apply` resolves when the device acknowledged the command; acknowledgement
 * is not application — the controller confirms by a later `read`. Failures throw `ProtocolError` or
 * `DeviceTimeoutError` (never hang past the configured timeout).
 */
export interface MinerDriver {
  readonly firmware: MinerFirmware;
  read(): Promise<MinerReading>;
  capabilities(): Promise<MinerCapabilities>;
  /** Resolves with the command as the device took it (a power target clamped to its range or rounded to a step). */
  apply(command: MinerCommand): Promise<MinerCommand>;
  close(): Promise<void>;
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
      return (
        reading.state === 'running' && targetTaken && Math.abs(reading.powerW - command.powerW) <= toleranceW
      );
    }
  }
}
