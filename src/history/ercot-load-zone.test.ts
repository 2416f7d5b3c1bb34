/** Checks from data/SOURCES.md, file 4; local hour beginning (Central time) to UTC. */
import { describe, expect, it } from 'vitest';
import { frameSeries } from '../series/frame.ts';
import { countGaps, sliceByTime, valueAt } from '../series/series.ts';
import { parseErcotLoadZoneRt } from './ercot-load-zone.ts';
import { loadErcotLoadZoneRt2023 } from './load.ts';

const utc = (month: number, day: number, hour: number): number => Date.UTC(2023, month - 1, day, hour);
const frame = loadErcotLoadZoneRt2023();
const houston = frameSeries(frame, 'LZ_HOUSTON');

describe('ercot_loadzone_rt_hourly_2023.csv as loaded', () => {
  it('spans the 8,760 UTC hours of local 2023 with one hole: the repeated 01:00 of 2023-11-05', () => {
    expect(frame.startMs).toBe(utc(1, 1, 6));
    expect(frame.length).toBe(8_760);
    expect(countGaps(houston)).toBe(1);
    expect(valueAt(houston, utc(11, 5, 7))).toBeUndefined();
    expect(frame.irregularities).toEqual([
      {
        atMs: utc(11, 5, 7),
        kind: 'missingRepeatedHour',
        where: 'data/ercot_loadzone_rt_hourly_2023.csv:7394',
      },
    ]);
    // The single 01:00 row sits on the first (CDT) occurrence; 02:00 CST follows at 08:00Z.
    expect(valueAt(houston, utc(11, 5, 6))).toBe(22.7);
    expect(valueAt(houston, utc(11, 5, 8))).toBe(24.9925);
  });

  it('skips no UTC hour at the 2023-03-12 spring-forward (01:00 CST then 03:00 CDT)', () => {
    expect(valueAt(houston, utc(3, 12, 7))).toBe(18.365);
    expect(valueAt(houston, utc(3, 12, 8))).toBe(22.7475);
  });

  it('has the summer-2023 scarcity maxima at their local hours', () => {
    // 19:00 CDT = 00:00Z next day.
    expect(valueAt(houston, utc(9, 7, 0))).toBeCloseTo(5_113.68, 2);
    expect(Math.max(...houston.values.filter((price) => !Number.isNaN(price)))).toBeCloseTo(5_113.68, 2);
    expect(valueAt(frameSeries(frame, 'LZ_WEST'), utc(9, 7, 0))).toBeCloseTo(5_260.94, 2);
    expect(valueAt(frameSeries(frame, 'LZ_CPS'), utc(8, 18, 0))).toBeCloseTo(5_497.9, 2);
    // 09:00 CST = 15:00Z.
    expect(valueAt(frameSeries(frame, 'LZ_SOUTH'), utc(2, 6, 15))).toBeCloseTo(-126.57, 2);
  });

  it('has an LZ_HOUSTON August mean of 198.71 with 42 hours above 1,000', () => {
    const august = sliceByTime(houston, utc(8, 1, 5), utc(9, 1, 5)).values;
    expect(august.length).toBe(744);
    expect(august.reduce((sum, price) => sum + price, 0) / august.length).toBeCloseTo(198.71, 2);
    expect(august.filter((price) => price > 1_000).length).toBe(42);
  });
});

describe('parseErcotLoadZoneRt on bad text', () => {
  const HEADER =
    'hour_beginning_local_cpt,lz_aen_usd_per_mwh,lz_cps_usd_per_mwh,lz_houston_usd_per_mwh,lz_lcra_usd_per_mwh,lz_north_usd_per_mwh,lz_raybn_usd_per_mwh,lz_south_usd_per_mwh,lz_west_usd_per_mwh';
  it('rejects the nonexistent 02:00 of a spring-forward day and a minute other than :00', () => {
    expect(() => parseErcotLoadZoneRt(`${HEADER}\n2023-03-12 02:00,1,1,1,1,1,1,1,1\n`, 'z.csv')).toThrow(
      'z.csv:line 2: hour_beginning_local_cpt: does not exist in Central time',
    );
    expect(() => parseErcotLoadZoneRt(`${HEADER}\n2023-03-12 01:30,1,1,1,1,1,1,1,1\n`, 'z.csv')).toThrow(
      'hour_beginning_local_cpt: must be a whole local hour written YYYY-MM-DD HH:00',
    );
  });
});
