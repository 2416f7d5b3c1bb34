import { describe, expect, it } from 'vitest';
import { GpuServerModel, type GpuServerSpec } from './sim-model.ts';

const SPEC: GpuServerSpec = {
  ratedPowerW: 10_200,
  idleW: 2_000,
  standbyW: 10,
  capResponseS: 1,
  shutdownS: 120,
  bootS: 60,
};

describe('GPU server power model', () => {
  it('draws idle + (rated − idle) × load once settled', () => {
    const model = new GpuServerModel(SPEC, 0, { loadFraction: 0.5 });
    expect(model.drawW(0)).toBe(6_100);
    model.setLoadFraction(1, 0);
    expect(model.drawW(60_000)).toBeCloseTo(10_200, 6);
    model.setLoadFraction(7, 60_000);
    expect(model.drawW(120_000)).toBeCloseTo(10_200, 6);
  });

  it('follows a cap with a first-order response: 1 − 1/e of the step after one time constant', () => {
    const model = new GpuServerModel(SPEC, 0, { loadFraction: 1 });
    model.setCap(6_000, 0);
    // Step of 4,200 W down; after τ = 1 s the remaining gap is 4,200 / e.
    expect(model.drawW(1_000)).toBeCloseTo(6_000 + 4_200 / Math.E, 6);
    expect(model.drawW(10_000)).toBeCloseTo(6_000, 0);
    model.setCap(null, 10_000);
    expect(model.drawW(20_000)).toBeCloseTo(10_200, 0);
  });

  it('keeps drawing uncapped while the cap is not enforced', () => {
    const model = new GpuServerModel(SPEC, 0, { loadFraction: 1, capW: 5_000 });
    expect(model.drawW(0)).toBe(5_000);
    model.setCapEnforced(false, 0);
    expect(model.enforcedCapW).toBeNull();
    expect(model.drawW(30_000)).toBeCloseTo(10_200, 3);
  });

  it('shuts down gracefully over shutdownS at idle, then draws standby', () => {
    const model = new GpuServerModel(SPEC, 0, { loadFraction: 1 });
    model.reset('GracefulShutdown', 0);
    expect(model.powerState(1_000)).toBe('PoweringOff');
    expect(model.drawW(30_000)).toBeCloseTo(2_000, 0);
    expect(model.powerState(119_999)).toBe('PoweringOff');
    expect(model.powerState(120_000)).toBe('Off');
    // 10 time constants after the switch-off: 1,990 W × e^−10 ≈ 0.09 W above standby.
    expect(model.drawW(130_000)).toBeCloseTo(10, 0);
  });

  it('boots over bootS from off, and ForceOff is immediate', () => {
    const model = new GpuServerModel(SPEC, 0, { loadFraction: 0.5 });
    model.reset('ForceOff', 0);
    expect(model.powerState(0)).toBe('Off');
    model.reset('GracefulShutdown', 10_000);
    expect(model.powerState(10_000)).toBe('Off');
    model.reset('On', 20_000);
    expect(model.powerState(20_000)).toBe('PoweringOn');
    expect(model.powerState(80_000)).toBe('On');
    expect(model.drawW(100_000)).toBeCloseTo(6_100, 0);
    model.reset('PushPowerButton', 100_000);
    expect(model.powerState(100_000)).toBe('PoweringOff');
    model.reset('Nmi', 100_000);
    expect(model.powerState(100_000)).toBe('PoweringOff');
  });
});
