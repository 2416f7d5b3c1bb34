import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.ts';
import type { CarbonIntensityRow } from './carbon-intensity.ts';
import { findCarbonIntensity } from './carbon-intensity.ts';

const row = (regionCode: string, year: number, intensityGPerKWh: number): CarbonIntensityRow => ({
  regionCode,
  regionName: regionCode,
  year,
  intensityGPerKWh,
  basis: 'electricity_maps_lifecycle_consumption',
  source: 'test',
});
const rows = [row('US-TEX-ERCO', 2022, 410), row('US-TEX-ERCO', 2021, 431), row('DE', 2021, 400)];

describe('findCarbonIntensity', () => {
  it('finds the row of a region and year', () => {
    expect(findCarbonIntensity(rows, 'US-TEX-ERCO', 2022).intensityGPerKWh).toBe(410);
  });
  it('lists the years of a known region when the year is missing', () => {
    expect(() => findCarbonIntensity(rows, 'US-TEX-ERCO', 2019)).toThrow(NotFoundError);
    expect(() => findCarbonIntensity(rows, 'US-TEX-ERCO', 2019)).toThrow(/years available: 2021, 2022$/);
  });
  it('lists the regions when the region is unknown', () => {
    expect(() => findCarbonIntensity(rows, 'ERCOT', 2021)).toThrow(
      /region "ERCOT"; regions available: DE, US-TEX-ERCO$/,
    );
  });
});
