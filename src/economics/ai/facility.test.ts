import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.ts';
import { HOURS_PER_YEAR } from '../../units/index.ts';
import { findAiServer } from '../hardware/index.ts';
import { gpusPerFacilityMW } from './facility.ts';
import { gpuRentalRevenueUsd } from './rental.ts';

interface CheckCase {
  readonly name: string;
  readonly source: string;
  readonly expected: number;
  readonly tolerance: number;
  readonly expression: number;
  readonly actual: () => number;
}

const dgxH100 = findAiServer('dgx-h100');
const perMW = () =>
  gpusPerFacilityMW({ serverPowerW: dgxH100.serverPowerW, gpusPerServer: dgxH100.gpuCount, pue: 1.3 });

const CHECKS: readonly CheckCase[] = [
  {
    name: 'DGX H100 nodes per facility MW at PUE 1.30',
    source: 'ECONOMICS.md §4.1 [C] 1e6/1.30/10200 (printed 75.4 and 75.41)',
    expected: 75.41,
    tolerance: 0.005,
    expression: 1e6 / 1.3 / 10200,
    actual: () => perMW().serversPerMW,
  },
  {
    name: 'H100 GPUs per facility MW at PUE 1.30',
    source: 'ECONOMICS.md §4.1 [C] 75.41*8',
    expected: 603.3,
    tolerance: 0.05,
    expression: (1e6 / 1.3 / 10200) * 8,
    actual: () => perMW().gpusPerMW,
  },
  {
    name: 'AI rental revenue per facility MW-year, H100 at $2.00/GPU-h, 80 % utilization',
    source: 'ECONOMICS.md §7 [C] 603.32*2.0*0.8*8760 → $8.456 M/yr',
    expected: 8.456e6,
    tolerance: 0.0005e6,
    // The document multiplies the rounded 603.32; the unrounded GPU count differs by < 1e-5 relative.
    expression: (1e6 / 1.3 / 10200) * 8 * 2.0 * 0.8 * 8760,
    actual: () =>
      gpuRentalRevenueUsd({
        gpuCount: perMW().gpusPerMW,
        priceUsdPerGpuHour: 2.0,
        durationH: HOURS_PER_YEAR,
        utilization: 0.8,
      }),
  },
];

describe('ECONOMICS.md check values (facility)', () => {
  it.each(CHECKS)('$name ($source)', ({ expected, tolerance, expression, actual }) => {
    const value = actual();
    expect(Math.abs(value - expected)).toBeLessThanOrEqual(tolerance);
    expect(Math.abs(value - expression) / Math.abs(expression)).toBeLessThanOrEqual(1e-9);
  });

  it('the §7 line with its own rounded count reproduces to 1e-9', () => {
    const value = gpuRentalRevenueUsd({
      gpuCount: 603.32,
      priceUsdPerGpuHour: 2,
      durationH: 8760,
      utilization: 0.8,
    });
    expect(Math.abs(value - 603.32 * 2.0 * 0.8 * 8760) / value).toBeLessThanOrEqual(1e-9);
  });
});

describe('gpusPerFacilityMW', () => {
  it('reports the IT power left after PUE', () => {
    expect(perMW().itPowerW).toBeCloseTo(1e6 / 1.3, 6);
  });

  it.each([
    [{ serverPowerW: 10_200, gpusPerServer: 8, pue: 0.95 }, 'pue'],
    [{ serverPowerW: 0, gpusPerServer: 8, pue: 1.3 }, 'serverPowerW'],
    [{ serverPowerW: 10_200, gpusPerServer: -8, pue: 1.3 }, 'gpusPerServer'],
  ])('rejects %o', (input, field) => {
    try {
      gpusPerFacilityMW(input);
      expect.unreachable('input should be rejected');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.field).toBe(field);
    }
  });
});
