import { describe, expect, it } from 'vitest';
import { gpuLeverCostsUsdPerMWh, gpuThroughputShare } from './levers.ts';

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

describe('gpuThroughputShare', () => {
  const server = { ratedPowerW: 10_200, idlePowerW: 2000, throughputExponent: 0.4 };
  it('matches the cap model at the floor and is whole at rated (hand-computed)', () => {
    // At the 4 kW floor: (2000/8200)^0.4 = exp(0.4 · ln 0.243902) = 0.568704.
    expect(gpuThroughputShare({ ...server, powerW: 4000 })).toBeCloseTo(0.568704, 5);
    expect(gpuThroughputShare({ ...server, powerW: 10_200 })).toBe(1);
    // A busy server at 92 % of its busy span: 0.92^0.4 = exp(0.4 · ln 0.92) = 0.967197.
    expect(gpuThroughputShare({ ...server, powerW: 2000 + 0.92 * 8200 })).toBeCloseTo(0.967197, 5);
  });
  it('does no work at or under idle and no more above rated', () => {
    expect(gpuThroughputShare({ ...server, powerW: 1500 })).toBe(0);
    expect(gpuThroughputShare({ ...server, powerW: 2000 })).toBe(0);
    expect(gpuThroughputShare({ ...server, powerW: 12_000 })).toBe(1);
  });
  it('refuses an idle draw at or above rated', () => {
    expect(() => gpuThroughputShare({ ...server, idlePowerW: 10_200, powerW: 5000 })).toThrow(/idlePowerW/);
  });
});
