import { describe, expect, it } from 'vitest';
import { gpuLeverCostsUsdPerMWh } from './levers.ts';

const H100_SERVER = {
  revenueUsdPerHour: 16, // 8 GPUs × 2 USD/GPU-h
  ratedPowerW: 10_200,
  idlePowerW: 2000,
  floorPowerW: 4000,
  throughputExponent: 0.4,
  slaPenaltyUsdPerHour: 0,
};

describe('gpuLeverCostsUsdPerMWh', () => {
  it('prices a cap by the sub-linear throughput loss and a drain by the whole revenue (hand-computed)', () => {
    // floor share f = 2000/8200 = 0.243902; f^0.4 = exp(0.4·ln 0.243902) = exp(−0.564395) = 0.568687;
    // cap: 16 × (1 − 0.568687) / 0.0062 MWh = 1113.07; drain: 16 / 0.0082 = 1951.22.
    const costs = gpuLeverCostsUsdPerMWh(H100_SERVER);
    expect(costs.trimUsdPerMWh).toBeCloseTo(1113.07, 1);
    expect(costs.sleepUsdPerMWh).toBeCloseTo(1951.22, 1);
  });

  it('a linear response makes a watt capped worth as much as a watt drained', () => {
    const costs = gpuLeverCostsUsdPerMWh({ ...H100_SERVER, throughputExponent: 1 });
    expect(costs.trimUsdPerMWh).toBeCloseTo(costs.sleepUsdPerMWh, 9);
  });

  it('adds the SLA penalty to draining only', () => {
    const base = gpuLeverCostsUsdPerMWh(H100_SERVER);
    const withPenalty = gpuLeverCostsUsdPerMWh({ ...H100_SERVER, slaPenaltyUsdPerHour: 8.2 });
    expect(withPenalty.sleepUsdPerMWh - base.sleepUsdPerMWh).toBeCloseTo(1000, 6);
    expect(withPenalty.trimUsdPerMWh).toBe(base.trimUsdPerMWh);
  });

  it('refuses powers out of order and names the fix', () => {
    expect(() => gpuLeverCostsUsdPerMWh({ ...H100_SERVER, floorPowerW: 1000 })).toThrow(
      /idlePowerW 2000 < floorPowerW 1000/,
    );
    expect(() => gpuLeverCostsUsdPerMWh({ ...H100_SERVER, throughputExponent: 0 })).toThrow(/\(0, 1\]/);
  });
});
