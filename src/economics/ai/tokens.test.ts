import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { energyMWhFromPowerW } from '../../units/index.ts';
import { findAiServer, inferenceThroughput, tokensPerSecPerGpu } from '../hardware/index.ts';
import { energyPerMTokKWh, tokenRevenueSplitUsdPerGpuHour, tokenRevenueUsdPerGpuHour } from './tokens.ts';

interface CheckCase {
  readonly name: string;
  readonly source: string;
  /** As printed; compared within `tolerance` (half a unit of the last printed digit). */
  readonly expected: number;
  readonly tolerance: number;
  /** The source's expression with its exact inputs; compared at relative 1e-9. */
  readonly expression: number;
  readonly actual: () => number;
}

const dgxH100 = findAiServer('dgx-h100');
const llama8bH100 = inferenceThroughput({
  model: 'Llama 3.1 8B',
  gpuId: 'h100-sxm5',
  tp: 1,
  isl: 1000,
  osl: 1000,
});
const llama70bH100x8 = inferenceThroughput({
  model: 'Llama 3.1 70B',
  gpuId: 'h100-sxm5',
  tp: 8,
  isl: 1000,
  osl: 1000,
});

const CHECKS: readonly CheckCase[] = [
  {
    name: '70B on 8×H100 at $0.88/M output tokens, 100 % utilization',
    source: 'ECONOMICS.md §3.4 [C] (11082.48/8)*3600/1e6*0.88',
    expected: 4.389,
    tolerance: 5e-4,
    expression: (((11082.48 / 8) * 3600) / 1e6) * 0.88,
    actual: () =>
      tokenRevenueUsdPerGpuHour({
        tokensPerSecPerGpu: tokensPerSecPerGpu(llama70bH100x8),
        priceUsdPerMTok: 0.88,
        utilization: 1,
      }),
  },
  {
    name: '8B on H100 at $0.18/M, 100 % utilization',
    source: 'ECONOMICS.md §3.4 [C] 15270.02*3600/1e6*0.18',
    expected: 9.895,
    tolerance: 5e-4,
    expression: ((15270.02 * 3600) / 1e6) * 0.18,
    actual: () =>
      tokenRevenueUsdPerGpuHour({
        tokensPerSecPerGpu: tokensPerSecPerGpu(llama8bH100),
        priceUsdPerMTok: 0.18,
        utilization: 1,
      }),
  },
  {
    name: 'kWh per M tokens, 8B on H100 at the DGX maximum',
    source: 'ECONOMICS.md §3.4 [C] 1.275*(1e6/15270.02)/3600',
    expected: 0.0232,
    tolerance: 5e-5,
    expression: (1.275 * (1e6 / 15270.02)) / 3600,
    actual: () =>
      energyPerMTokKWh({
        serverPowerW: dgxH100.serverPowerW,
        gpusPerServer: dgxH100.gpuCount,
        serverLoadFactor: 1,
        tokensPerSecPerGpu: tokensPerSecPerGpu(llama8bH100),
      }),
  },
  {
    name: 'kWh per M tokens, 70B on 8×H100 at the DGX maximum',
    source: 'ECONOMICS.md §3.4 [C] 10.2*(1e6/11082.48)/3600 (also §5.3: 0.256)',
    expected: 0.2557,
    tolerance: 5e-5,
    expression: (10.2 * (1e6 / 11082.48)) / 3600,
    actual: () =>
      energyPerMTokKWh({
        serverPowerW: dgxH100.serverPowerW,
        gpusPerServer: dgxH100.gpuCount,
        serverLoadFactor: 1,
        serverTokensPerS: llama70bH100x8.tokensPerS,
      }),
  },
];

describe('ECONOMICS.md check values (tokens)', () => {
  it.each(CHECKS)('$name ($source)', ({ expected, tolerance, expression, actual }) => {
    const value = actual();
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(value - expression) / Math.abs(expression)).toBeLessThanOrEqual(1e-9);
  });
});

describe('tokenRevenueUsdPerGpuHour', () => {
  it('scales with utilization and serving efficiency', () => {
    const base = { tokensPerSecPerGpu: 1000, priceUsdPerMTok: 1 };
    expect(tokenRevenueUsdPerGpuHour({ ...base, utilization: 1 })).toBeCloseTo(3.6, 12);
    expect(tokenRevenueUsdPerGpuHour({ ...base, utilization: 0.5, servingEfficiency: 0.25 })).toBeCloseTo(
      0.45,
      12,
    );
  });

  it('prices input and output tokens separately', () => {
    const value = tokenRevenueSplitUsdPerGpuHour({
      outputTokensPerSecPerGpu: 1000,
      inputTokensPerOutputToken: 2,
      priceUsdPerMInputTok: 0.1,
      priceUsdPerMOutputTok: 0.4,
      utilization: 1,
    });
    expect(value).toBeCloseTo(3.6 * 0.4 + 7.2 * 0.1, 12);
  });

  it.each([
    [{ utilization: 1.2 }, 'utilization'],
    [{ utilization: -0.1 }, 'utilization'],
    [{ utilization: Number.NaN }, 'utilization'],
    [{ tokensPerSecPerGpu: -1 }, 'tokensPerSecPerGpu'],
    [{ priceUsdPerMTok: Number.POSITIVE_INFINITY }, 'priceUsdPerMTok'],
    [{ servingEfficiency: 2 }, 'servingEfficiency'],
  ])('rejects %o naming the field and a fix', (patch, field) => {
    try {
      tokenRevenueUsdPerGpuHour({ tokensPerSecPerGpu: 1000, priceUsdPerMTok: 1, utilization: 1, ...patch });
      expect.unreachable('input should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      const issue = (error as ValidationError).issues[0];
      expect(issue?.field).toBe(field);
      expect(issue?.fix.length).toBeGreaterThan(0);
    }
  });
});

describe('energyPerMTokKWh', () => {
  it('gives the same answer from per-GPU and whole-server throughput', () => {
    const common = { serverPowerW: 10_200, gpusPerServer: 8, serverLoadFactor: 0.7 };
    expect(energyPerMTokKWh({ ...common, serverTokensPerS: 8000 })).toBeCloseTo(
      energyPerMTokKWh({ ...common, tokensPerSecPerGpu: 1000 }),
      15,
    );
  });

  it('rejects zero throughput and a load factor above 1', () => {
    const common = { serverPowerW: 10_200, gpusPerServer: 8 };
    expect(() => energyPerMTokKWh({ ...common, serverLoadFactor: 1, tokensPerSecPerGpu: 0 })).toThrow(
      ValidationError,
    );
    expect(() => energyPerMTokKWh({ ...common, serverLoadFactor: 1.5, tokensPerSecPerGpu: 1 })).toThrow(
      /serverLoadFactor/,
    );
  });

  it('round-trips units: kWh per M tok × M tok = power × time (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 20_000, noNaN: true }),
        fc.integer({ min: 1, max: 16 }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 1, max: 50_000, noNaN: true }),
        fc.double({ min: 0.01, max: 10_000, noNaN: true }),
        (serverPowerW, gpusPerServer, serverLoadFactor, tokensPerSecPerGpu, durationH) => {
          const kWhPerMTok = energyPerMTokKWh({
            serverPowerW,
            gpusPerServer,
            serverLoadFactor,
            tokensPerSecPerGpu,
          });
          const mTok = (tokensPerSecPerGpu * 3600 * durationH) / 1e6;
          const perGpuW = (serverPowerW * serverLoadFactor) / gpusPerServer;
          const kWh = energyMWhFromPowerW(perGpuW, durationH) * 1000;
          expect(Math.abs(kWhPerMTok * mTok - kWh) / kWh).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
