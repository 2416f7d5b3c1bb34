/**
 * @module history/grid-carbon
 * `grid_carbon_intensity_annual.csv` into rows. Pure.
 */

import type { ValidationIssue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { CarbonIntensityBasis, CarbonIntensityRow } from '../series/carbon-intensity.ts';
import { label, nonNegativeNumber, oneOf, wholeNumber } from './cells.ts';
import { column, readCsvTable } from './csv-table.ts';

const BASES: readonly CarbonIntensityBasis[] = [
  'electricity_maps_lifecycle_consumption',
  'ember_country_generation',
];

const COLUMNS = [
  column('region_code', label(false)),
  column('region_name', label(false)),
  column('year', wholeNumber(1990, 2100, false)),
  column('ci_gco2e_per_kwh', nonNegativeNumber(false)),
  column('renewable_pct', wholeNumber(0, 100, true)),
  column('carbon_free_pct', wholeNumber(0, 100, true)),
  column('basis', oneOf(BASES)),
  column('source', label(false)),
];

export function parseGridCarbonIntensityAnnual(text: string, sourceName: string): CarbonIntensityRow[] {
  const table = readCsvTable(text, sourceName, COLUMNS);
  const codes = table.texts('region_code');
  const names = table.texts('region_name');
  const years = table.numbers('year');
  const intensity = table.numbers('ci_gco2e_per_kwh');
  const renewable = table.numbers('renewable_pct');
  const carbonFree = table.numbers('carbon_free_pct');
  const bases = table.texts('basis') as readonly CarbonIntensityBasis[];
  const sources = table.texts('source');
  const seen = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  const rows: CarbonIntensityRow[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const key = `${codes[row]} ${years[row]}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      issues.push({
        field: 'region_code',
        problem: `repeats ${key} of line ${table.lines[earlier]}`,
        value: codes[row],
        fix: 'keep one row per region and year',
        source: sourceName,
        line: table.lines[row] ?? 0,
      });
    }
    seen.set(key, row);
    const renewablePct = renewable[row] ?? Number.NaN;
    const carbonFreePct = carbonFree[row] ?? Number.NaN;
    rows.push({
      regionCode: codes[row] ?? '',
      regionName: names[row] ?? '',
      year: years[row] ?? Number.NaN,
      intensityGPerKWh: intensity[row] ?? Number.NaN,
      ...(Number.isNaN(renewablePct) ? {} : { renewablePct }),
      ...(Number.isNaN(carbonFreePct) ? {} : { carbonFreePct }),
      basis: bases[row] ?? 'ember_country_generation',
      source: sources[row] ?? '',
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return rows;
}
