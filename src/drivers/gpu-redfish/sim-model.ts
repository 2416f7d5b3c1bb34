/**
 * @module drivers/gpu-redfish/sim-model
 * The physics behind the Redfish simulator: one GPU server's draw and power state. Powered on, it draws
 * `idleW + (ratedPowerW − idleW) × loadFraction`, limited by an enforced cap; the draw approaches each new
 * level with a first-order response (time constant `capResponseS`, as GPU power capping acts within about a
 * second); switched off it draws `standbyW` (the BMC and fans). A graceful shutdown takes `shutdownS`, a boot
 * `bootS`, both at idle draw. Pure: time is passed in as `atMs`, so the caller's clock (real or injected) rules.
 */

export interface GpuServerSpec {
  /** Nameplate maximum, W (8× H100 SXM server: 10,200 W). */
  readonly ratedPowerW: number;
  readonly idleW: number;
  readonly standbyW: number;
  readonly capResponseS: number;
  readonly shutdownS: number;
  readonly bootS: number;
}

export type SimPowerState = 'On' | 'Off' | 'PoweringOn' | 'PoweringOff';

export class GpuServerModel {
  readonly spec: GpuServerSpec;
  private state: SimPowerState = 'On';
  /** When `PoweringOn`/`PoweringOff` ends, ms. */
  private transitionEndMs = 0;
  private loadFraction = 0;
  private capW: number | null = null;
  private capEnforced = true;
  /** The draw at `anchorMs`; from there it relaxes exponentially toward `targetW()`. */
  private anchorMs: number;
  private anchorW: number;

  /** Starts powered on and settled at `loadFraction` under `capW`. */
  constructor(
    spec: GpuServerSpec,
    atMs: number,
    initial: { loadFraction?: number; capW?: number | null } = {},
  ) {
    this.spec = spec;
    this.loadFraction = clampFraction(initial.loadFraction ?? 0);
    this.capW = initial.capW ?? null;
    this.anchorMs = atMs;
    this.anchorW = this.targetW();
  }

  powerState(atMs: number): SimPowerState {
    this.advance(atMs);
    return this.state;
  }

  drawW(atMs: number): number {
    this.advance(atMs);
    return this.relaxedW(atMs);
  }

  /** The cap the server enforces (null = none), whatever its BMC reports. */
  get enforcedCapW(): number | null {
    return this.capEnforced ? this.capW : null;
  }

  setLoadFraction(fraction: number, atMs: number): void {
    this.settle(atMs);
    this.loadFraction = clampFraction(fraction);
  }

  setCap(capW: number | null, atMs: number): void {
    this.settle(atMs);
    this.capW = capW;
  }

  /** A BMC that takes the cap but never applies it (the `ignoreCap` fault). */
  setCapEnforced(enforced: boolean, atMs: number): void {
    if (enforced === this.capEnforced) return;
    this.settle(atMs);
    this.capEnforced = enforced;
  }

  /**
   * Applies a Redfish `ResetType`. Restarts and power cycles are modelled as a boot from any state; `Nmi`,
   * `Suspend`, `Pause` and `Resume` do not change the power draw here.
   */
  reset(resetType: string, atMs: number): void {
    this.settle(atMs);
    const off = this.state === 'Off' || this.state === 'PoweringOff';
    switch (resetType) {
      case 'On':
      case 'ForceOn':
        if (off) this.transition('PoweringOn', this.spec.bootS, atMs);
        return;
      case 'ForceOff':
        this.state = 'Off';
        return;
      case 'GracefulShutdown':
        if (!off) this.transition('PoweringOff', this.spec.shutdownS, atMs);
        return;
      case 'PushPowerButton':
        if (off) this.transition('PoweringOn', this.spec.bootS, atMs);
        else this.transition('PoweringOff', this.spec.shutdownS, atMs);
        return;
      case 'GracefulRestart':
      case 'ForceRestart':
      case 'PowerCycle':
      case 'FullPowerCycle':
        this.transition('PoweringOn', this.spec.bootS, atMs);
        return;
    }
  }

  private transition(state: 'PoweringOn' | 'PoweringOff', durationS: number, atMs: number): void {
    this.state = state;
    this.transitionEndMs = atMs + durationS * 1000;
    this.advance(atMs);
  }

  /** Completes a transition whose time has come, settling the draw at the moment it ended. */
  private advance(atMs: number): void {
    if ((this.state === 'PoweringOn' || this.state === 'PoweringOff') && atMs >= this.transitionEndMs) {
      this.anchorW = this.relaxedW(this.transitionEndMs);
      this.anchorMs = Math.max(this.anchorMs, this.transitionEndMs);
      this.state = this.state === 'PoweringOn' ? 'On' : 'Off';
    }
  }

  private settle(atMs: number): void {
    this.advance(atMs);
    this.anchorW = this.relaxedW(atMs);
    this.anchorMs = Math.max(this.anchorMs, atMs);
  }

  private relaxedW(atMs: number): number {
    const targetW = this.targetW();
    const tauMs = this.spec.capResponseS * 1000;
    const elapsedMs = Math.max(0, atMs - this.anchorMs);
    if (tauMs <= 0) return targetW;
    return targetW + (this.anchorW - targetW) * Math.exp(-elapsedMs / tauMs);
  }

  private targetW(): number {
    const { idleW, ratedPowerW, standbyW } = this.spec;
    if (this.state === 'Off') return standbyW;
    const demandW = this.state === 'On' ? idleW + (ratedPowerW - idleW) * this.loadFraction : idleW;
    const capW = this.enforcedCapW;
    return capW === null ? demandW : Math.min(demandW, capW);
  }
}

const clampFraction = (fraction: number) =>
  Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
