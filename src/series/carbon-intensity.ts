/**
 * @module series/carbon-intensity
 * Annual grid carbon intensity by region and the lookup reports use.
 */

import { NotFoundError } from '../errors.ts';

export type CarbonIntensityBasis = 'electricity_maps_lifecycle_consumption' | 'ember_country_generation';

export interface CarbonIntensityRow {
  /** Electricity Maps zone (`US-TEX-ERCO`, `DE`) or Ember ISO-3 country (`USA`, `DEU`, `World`). */
  readonly regionCode: string;
  readonly regionName: string;
  readonly year: number;
  readonly intensityGPerKWh: number;
  /** Electricity Maps only; absent for Ember rows. */
  readonly renewablePct?: number;
  readonly carbonFreePct?: number;
  readonly basis: CarbonIntensityBasis;
  /** `repo@commit:path` the row was taken from. */
  readonly source: string;
}

/** The row for `regionCode` and `year`; throws `NotFoundError` listing what is available instead. */
export function findCarbonIntensity(
  rows: readonly CarbonIntensityRow[],
  regionCode: string,
  year: number,
): CarbonIntensityRow {
  const ofRegion = rows.filter((row) => row.regionCode === regionCode);
  const found = ofRegion.find((row) => row.year === year);
  if (found !== undefined) return found;
  if (ofRegion.length > 0) {
    const years = ofRegion.map((row) => row.year).sort((a, b) => a - b);
    throw new NotFoundError(
      `no carbon intensity for ${regionCode} in ${year}; years available: ${years.join(', ')}`,
    );
  }
  const regions = [...new Set(rows.map((row) => row.regionCode))].sort();
  throw new NotFoundError(
    `no carbon intensity for region ${JSON.stringify(regionCode)}; regions available: ${regions.join(', ')}`,
  );
}
