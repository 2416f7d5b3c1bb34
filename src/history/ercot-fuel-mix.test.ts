/** Checks from data/SOURCES.md, files 5 and 11, on the joined 2016-2022 frame (UTC grid). */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { frameSeries } from '../series/frame.ts';
import { countGaps, sliceByTime, valueAt } from '../series/series.ts';
import { joinFuelMixFrames, parseErcotFuelMixHourly } from './ercot-fuel-mix.ts';
import { loadErcotFuelMixHourly } from './load.ts';

const utc = (year: number, month: number, day: number, hour: number): number =>
  Date.UTC(year, month - 1, day, hour);
const frame = loadErcotFuelMixHourly();
const total = frameSeries(frame, 'totalGenExclStorageMWh');
const intensity = frameSeries(frame, 'estLifecycleIntensityGPerKWh');
const nanSum = (values: Float64Array): number =>
  values.reduce((sum, value) => (Number.isNaN(value) ? sum : sum + value), 0);
/** A local (Central) year as UTC bounds: both Jan-1 midnights are CST, 06:00Z. */
const localYear = (series: typeof total, year: number) =>
  sliceByTime(series, utc(year, 1, 1, 6), utc(year + 1, 1, 1, 6));

describe('ERCOT fuel mix 2016-2022 as loaded', () => {
  it('joins both files into 61,368 UTC hours: 61,361 rows, one two-hour row, six missing repeated hours', () => {
    expect(frame.startMs).toBe(utc(2016, 1, 1, 6));
    expect(frame.length).toBe(61_368);
    expect(countGaps(total)).toBe(6);
    expect(
      frame.irregularities.map((item) => [new Date(item.atMs).toISOString(), item.kind, item.where]),
    ).toEqual([
      ['2016-11-06T06:00:00.000Z', 'twoHourRowSplit', 'data/ercot_fuelmix_hourly_2016_2019.csv:7442'],
      ['2017-11-05T07:00:00.000Z', 'missingRepeatedHour', 'data/ercot_fuelmix_hourly_2016_2019.csv:16177'],
      ['2018-11-04T07:00:00.000Z', 'missingRepeatedHour', 'data/ercot_fuelmix_hourly_2016_2019.csv:24912'],
      ['2019-11-03T07:00:00.000Z', 'missingRepeatedHour', 'data/ercot_fuelmix_hourly_2016_2019.csv:33647'],
      ['2020-11-01T07:00:00.000Z', 'missingRepeatedHour', 'data/ercot_fuelmix_hourly_2020_2022.csv:7322'],
      ['2021-11-07T07:00:00.000Z', 'missingRepeatedHour', 'data/ercot_fuelmix_hourly_2020_2022.csv:16225'],
      ['2022-11-06T07:00:00.000Z', 'missingRepeatedHour', 'data/ercot_fuelmix_hourly_2020_2022.csv:24960'],
    ]);
  });

  it('splits the 2016-11-06 HE2 row (two clock hours) evenly and repeats its intensity', () => {
    // Row: coal 19906.0 ... total 58515.7, intensity 462.1.
    for (const hour of [6, 7]) {
      expect(valueAt(frameSeries(frame, 'coalMWh'), utc(2016, 11, 6, hour))).toBe(19_906 / 2);
      expect(valueAt(total, utc(2016, 11, 6, hour))).toBe(58_515.7 / 2);
      expect(valueAt(intensity, utc(2016, 11, 6, hour))).toBe(462.1);
    }
    expect(valueAt(total, utc(2016, 11, 6, 5))).toBe(29_843); // HE1, 00:00 CDT
    expect(valueAt(total, utc(2016, 11, 6, 8))).toBe(27_298.4); // HE3, 02:00 CST
  });

  it('has the yearly generation and generation-weighted intensity', () => {
    const yearly = (year: number) => {
      const generation = localYear(total, year).values;
      const ci = localYear(intensity, year).values;
      let weighted = 0;
      generation.forEach((mwh, index) => {
        if (!Number.isNaN(mwh)) weighted += mwh * (ci[index] ?? Number.NaN);
      });
      return {
        twh: Math.round(nanSum(generation) / 1e5) / 10,
        ci: Math.round(weighted / nanSum(generation)),
      };
    };
    expect(yearly(2016)).toEqual({ twh: 352.4, ci: 462 });
    expect(yearly(2021)).toEqual({ twh: 391.5, ci: 379 });
    expect(yearly(2022)).toEqual({ twh: 429.1, ci: 365 });
  });

  it('has the hourly intensity range, the solar peak and the Uri demand', () => {
    const ci = intensity.values.filter((value) => !Number.isNaN(value));
    expect([Math.round(Math.min(...ci)), Math.round(Math.max(...ci))]).toEqual([113, 586]);
    // 2022-10-01 HE12 = 11:00 CDT = 16:00Z.
    expect(valueAt(frameSeries(frame, 'solarMWh'), utc(2022, 10, 1, 16))).toBe(10_248.7);
    const dayGWh = (day: number): number =>
      Math.round(nanSum(sliceByTime(total, utc(2021, 2, day, 6), utc(2021, 2, day + 1, 6)).values) / 1e3);
    expect(dayGWh(15)).toBe(1_162);
    expect(dayGWh(8)).toBe(952);
  });
});

describe('fuel-mix parsing on crafted text', () => {
  const HEADER =
    'date_local_cpt,hour_ending_local_cpt,coal_mwh,gas_cc_mwh,gas_mwh,nuclear_mwh,wind_mwh,solar_mwh,hydro_mwh,biomass_mwh,other_mwh,storage_mwh,total_gen_mwh_excl_storage,est_lifecycle_ci_gco2e_per_kwh';
  const row = (date: string, he: number, ci = '400'): string => `${date},${he},1,1,1,1,1,0,1,1,-1,0,7,${ci}`;
  it('rejects a zero intensity', () => {
    expect(() => parseErcotFuelMixHourly(`${HEADER}\n${row('2019-01-01', 1, '0')}\n`, 'f.csv')).toThrow(
      'f.csv:line 2: est_lifecycle_ci_gco2e_per_kwh: must be a positive number; got "0"',
    );
  });
  it('refuses to join files that do not abut', () => {
    const a = parseErcotFuelMixHourly(`${HEADER}\n${row('2019-12-31', 24)}\n`, 'a.csv');
    const b = parseErcotFuelMixHourly(`${HEADER}\n${row('2020-01-01', 2)}\n`, 'b.csv');
    expect(() =>
      joinFuelMixFrames([
        { frame: a, sourceName: 'a.csv' },
        { frame: b, sourceName: 'b.csv' },
      ]),
    ).toThrow(ValidationError);
    expect(() =>
      joinFuelMixFrames([
        { frame: a, sourceName: 'a.csv' },
        { frame: b, sourceName: 'b.csv' },
      ]),
    ).toThrow(
      'b.csv:line 2: date_local_cpt: must start at 2020-01-01T06:00Z, right after a.csv ends; got "2020-01-01T07:00Z"',
    );
  });
});
