/**
 * @module drivers/simulator/miner-model
 * The physics behind every simulated miner, whatever protocol fronts it: power ramps toward the commanded level
 * at the lever's speed (sleep seconds, wake and profile changes minutes), hashrate follows power on a concave
 * curve (underclocked chips are more efficient), temperatures lag power with a first-order time constant, and a
 * reboot restarts the uptime counter. Time is passed in (`atMs`), so tests can step it.
 */

import { MS_PER_DAY } from '../../units/index.ts';

export interface MinerModelSpec {
  readonly model: string;
  readonly ratedPowerW: number;
  readonly ratedHashrateThs: number;
  /** Lowest power target the firmware accepts, W. */
  readonly minPowerW: number;
  /** Draw while asleep (control board only), W. */
  readonly sleepPowerW: number;
  /** Seconds from `sleep` to sleeping power. */
  readonly sleepS: number;
  /** Seconds from `wake` back to the target power (a wake-up is a cold start). */
  readonly wakeS: number;
  /** Seconds for a power-target or profile change to settle. */
  readonly powerTargetS: number;
  /** First-order time constant of chip temperature, s. */
  readonly thermalTauS: number;
  readonly ambientC: number;
}

/** An Antminer S19j Pro-class machine (104 TH/s at 3,068 W), the example replies' model in PROTOCOLS.md. */
export const DEFAULT_MINER_SPEC: MinerModelSpec = {
  model: 'Antminer S19j Pro',
  ratedPowerW: 3068,
  ratedHashrateThs: 104,
  minPowerW: 1500,
  sleepPowerW: 20,
  sleepS: 5,
  wakeS: 90,
  powerTargetS: 60,
  thermalTauS: 90,
  ambientC: 25,
};

/** Hashrate ∝ power^0.75: a 50 % power target keeps ~59 % of the hashrate, as autotuned firmware does. */
const HASHRATE_POWER_EXPONENT = 0.75;
/** Hashrate at a steady draw while mining, TH/s: what a power target or a LuxOS profile yields once settled. */
export function hashrateAtPowerThs(spec: MinerModelSpec, powerW: number): number {
  return spec.ratedHashrateThs * (powerW / spec.ratedPowerW) ** HASHRATE_POWER_EXPONENT;
}

/** Chip temperature rise above ambient at rated power, °C. */
const CHIP_RISE_AT_RATED_C = 48;

export type MinerMode = 'mining' | 'sleeping' | 'paused' | 'stopped';

interface Ramp {
  readonly fromW: number;
  readonly toW: number;
  readonly startMs: number;
  readonly durationMs: number;
}

export class MinerModel {
  readonly spec: MinerModelSpec;
  private modeNow: MinerMode = 'mining';
  private targetW: number;
  private ramp: Ramp;
  private bootAtMs: number;
  private temperatureC: number;
  private temperatureAtMs: number;
  /** Running total of accepted shares, fractional: flooring each poll's increment would lose most at short intervals. */
  private acceptedShares = 0;
  private sharesAtMs: number;

  constructor(spec: MinerModelSpec, atMs: number) {
    this.spec = spec;
    this.targetW = spec.ratedPowerW;
    this.ramp = { fromW: spec.ratedPowerW, toW: spec.ratedPowerW, startMs: atMs, durationMs: 0 };
    this.bootAtMs = atMs - MS_PER_DAY;
    this.temperatureC = spec.ambientC + CHIP_RISE_AT_RATED_C;
    this.temperatureAtMs = atMs;
    this.sharesAtMs = atMs;
  }

  get mode(): MinerMode {
    return this.modeNow;
  }

  /** The commanded power target (what a profile or power-target read reports), W. */
  get powerTargetW(): number {
    return this.targetW;
  }

  powerW(atMs: number): number {
    const { fromW, toW, startMs, durationMs } = this.ramp;
    if (durationMs <= 0 || atMs >= startMs + durationMs) return toW;
    if (atMs <= startMs) return fromW;
    return fromW + ((toW - fromW) * (atMs - startMs)) / durationMs;
  }

  hashrateThs(atMs: number): number {
    if (this.modeNow !== 'mining') return 0;
    const powerW = this.powerW(atMs);
    if (powerW <= this.spec.sleepPowerW) return 0;
    return hashrateAtPowerThs(this.spec, powerW);
  }

  chipTemperatureC(atMs: number): number {
    this.advanceThermal(atMs);
    return this.temperatureC;
  }

  uptimeS(atMs: number): number {
    return Math.max(0, Math.floor((atMs - this.bootAtMs) / 1000));
  }

  acceptedSharesAt(atMs: number): number {
    // One share per 2^32 hashes at difficulty 1 would overflow a display; counts here are at pool difficulty 65,536.
    const dtS = Math.max(0, (atMs - this.sharesAtMs) / 1000);
    this.acceptedShares += (this.hashrateThs(atMs) * 1e12 * dtS) / (65_536 * 2 ** 32);
    this.sharesAtMs = atMs;
    return Math.floor(this.acceptedShares);
  }

  sleep(atMs: number): void {
    this.modeNow = 'sleeping';
    this.rampTo(this.spec.sleepPowerW, this.spec.sleepS, atMs);
  }

  /** Braiins `pause`: hashboards idle, power drops like sleep but the tuner keeps its state. */
  pause(atMs: number): void {
    this.modeNow = 'paused';
    this.rampTo(this.spec.sleepPowerW, this.spec.sleepS, atMs);
  }

  wake(atMs: number): void {
    if (this.modeNow === 'mining') return;
    this.modeNow = 'mining';
    this.rampTo(this.targetW, this.spec.wakeS, atMs);
  }

  /** Clamps to the firmware's range and returns the level taken, W. */
  setPowerTarget(powerW: number, atMs: number): number {
    this.targetW = Math.min(this.spec.ratedPowerW, Math.max(this.spec.minPowerW, powerW));
    if (this.modeNow === 'mining') this.rampTo(this.targetW, this.spec.powerTargetS, atMs);
    return this.targetW;
  }

  /** A reboot: uptime restarts; a sleeping miner stays asleep (LuxOS keeps sleep across reboots). */
  reboot(atMs: number): void {
    this.bootAtMs = atMs;
    if (this.modeNow === 'mining') {
      this.ramp = {
        fromW: this.spec.sleepPowerW,
        toW: this.targetW,
        startMs: atMs,
        durationMs: this.spec.wakeS * 1000,
      };
    }
  }

  private rampTo(toW: number, durationS: number, atMs: number): void {
    this.advanceThermal(atMs);
    this.acceptedSharesAt(atMs);
    this.ramp = { fromW: this.powerW(atMs), toW, startMs: atMs, durationMs: durationS * 1000 };
  }

  private advanceThermal(atMs: number): void {
    const dtS = (atMs - this.temperatureAtMs) / 1000;
    if (dtS <= 0) return;
    const steadyC = this.spec.ambientC + CHIP_RISE_AT_RATED_C * (this.powerW(atMs) / this.spec.ratedPowerW);
    this.temperatureC = steadyC + (this.temperatureC - steadyC) * Math.exp(-dtS / this.spec.thermalTauS);
    this.temperatureAtMs = atMs;
  }
}
