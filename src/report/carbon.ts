/**
 * @module report/carbon
 * Picks the annual grid intensity a report uses for a date, and says when it had to borrow a year.
 */
import type { CarbonIntensity } from '../economics/carbon/intensity.ts';
import { NotFoundError } from '../errors.ts';
import type { CarbonIntensityRow } from '../series/carbon-intensity.ts';
import type { Assumption } from './market.ts';

export interface ChosenIntensity {
  readonly intensity: CarbonIntensity & { readonly year: number; readonly regionCode: string };
  readonly assumption: Assumption | undefined;
}

/** The region's row for `year`, else the nearest earlier year, else the earliest: borrowed years are stated. */
export function averageIntensityFor(
  rows: readonly CarbonIntensityRow[],
  regionCode: string,
  year: number,
): ChosenIntensity {
  const ofRegion = rows.filter((r) => r.regionCode === regionCode).sort((a, b) => a.year - b.year);
  if (ofRegion.length === 0) {
    const regions = [...new Set(rows.map((r) => r.regionCode))].sort();
    throw new NotFoundError(
      `no carbon intensity for region "${regionCode}"; regions available: ${regions.join(', ')}`,
    );
  }
  const row = ofRegion.filter((r) => r.year <= year).at(-1) ?? ofRegion[0]!;
  return {
    intensity: {
      gPerKWh: row.intensityGPerKWh,
      method: 'average',
      basis: row.basis,
      source: row.source,
      year: row.year,
      regionCode,
    },
    assumption:
      row.year === year
        ? undefined
        : {
            input: 'carbon intensity',
            assumed: `${regionCode} has no ${year} figure; used ${row.year} (${row.intensityGPerKWh} g/kWh, ${row.basis})`,
          },
  };
}
