/** Checks from data/SOURCES.md, file 11. */
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../errors.ts';
import { parseGridCarbonIntensityAnnual } from './grid-carbon.ts';
import { carbonIntensityFor, loadGridCarbonIntensityAnnual } from './load.ts';

describe('grid_carbon_intensity_annual.csv as loaded', () => {
  const rows = loadGridCarbonIntensityAnnual();

  it('holds 313 rows: 210 Electricity Maps zone-years and 103 Ember country-years', () => {
    expect(rows.length).toBe(313);
    expect(rows.filter((row) => row.basis === 'electricity_maps_lifecycle_consumption').length).toBe(210);
    expect(rows.filter((row) => row.basis === 'ember_country_generation').length).toBe(103);
  });

  it('gives ERCOT 431, 410, 394, 377, 363 gCO2e/kWh for 2021-2025', () => {
    expect(
      [2021, 2022, 2023, 2024, 2025].map((year) => carbonIntensityFor('US-TEX-ERCO', year).intensityGPerKWh),
    ).toEqual([431, 410, 394, 377, 363]);
    const ercot2023 = carbonIntensityFor('US-TEX-ERCO', 2023);
    expect(ercot2023).toMatchObject({
      regionName: 'ERCOT',
      basis: 'electricity_maps_lifecycle_consumption',
      renewablePct: 32,
    });
    expect(ercot2023.source).toBe(
      'thegreenwebfoundation/co2.js@27cbe8328aea:data/output/electricity-maps/yearly_2023.json',
    );
  });

  it('gives the other quoted zones and Ember countries', () => {
    expect([
      carbonIntensityFor('US-MIDA-PJM', 2021).intensityGPerKWh,
      carbonIntensityFor('US-MIDA-PJM', 2025).intensityGPerKWh,
    ]).toEqual([439, 418]);
    expect([
      carbonIntensityFor('US-CAL-CISO', 2021).intensityGPerKWh,
      carbonIntensityFor('US-CAL-CISO', 2025).intensityGPerKWh,
    ]).toEqual([278, 208]);
    expect([
      carbonIntensityFor('US', 2021).intensityGPerKWh,
      carbonIntensityFor('US', 2025).intensityGPerKWh,
    ]).toEqual([444, 414]);
    expect([2021, 2022, 2023, 2024].map((year) => carbonIntensityFor('USA', year).intensityGPerKWh)).toEqual([
      379.4, 386, 392.9, 383.6,
    ]);
    // Ember rows carry no renewable share: the key is absent, not NaN.
    expect('renewablePct' in carbonIntensityFor('USA', 2023)).toBe(false);
  });

  it('holds one Ember row outside 2021-2024: United Arab Emirates 2000 (SOURCES.md says 2021-2024)', () => {
    expect(
      rows.filter((row) => row.year < 2021).map((row) => [row.regionCode, row.year, row.intensityGPerKWh]),
    ).toEqual([['ARE', 2000, 676.8]]);
  });

  it('throws NotFoundError listing what exists', () => {
    expect(() => carbonIntensityFor('US-TEX-ERCO', 2020)).toThrow(NotFoundError);
    expect(() => carbonIntensityFor('US-TEX-ERCO', 2020)).toThrow(
      'years available: 2021, 2022, 2023, 2024, 2025',
    );
    expect(() => carbonIntensityFor('ERCOT', 2023)).toThrow(/regions available: .*US-TEX-ERCO/);
  });
});

describe('parseGridCarbonIntensityAnnual on bad text', () => {
  const HEADER = 'region_code,region_name,year,ci_gco2e_per_kwh,renewable_pct,carbon_free_pct,basis,source';
  it('rejects an unknown basis and names both lines of a repeated region-year', () => {
    const text = `${HEADER}\nDE,Germany,2021,400,40,50,electricity_maps_lifecycle_consumption,s\nDE,Germany,2021,401,,,ember,s\n`;
    expect(() => parseGridCarbonIntensityAnnual(text, 'c.csv')).toThrow(
      'c.csv:line 3: basis: must be one of electricity_maps_lifecycle_consumption, ember_country_generation; got "ember"',
    );
    const repeated = text.replace(',ember,', ',ember_country_generation,');
    expect(() => parseGridCarbonIntensityAnnual(repeated, 'c.csv')).toThrow(
      'c.csv:line 3: region_code: repeats DE 2021 of line 2',
    );
  });
});
