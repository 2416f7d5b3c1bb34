/**
 * ERCOT local-time files (hour ending, Central time) on a UTC grid. Figures from data/SOURCES.md,
 * files 8 and 9 ("Verification"); DST instants from the US rule (CST = UTC-6, CDT = UTC-5).
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { dailyMean } from '../series/daily-mean.ts';
import { frameSeries } from '../series/frame.ts';
import type { Series } from '../series/series.ts';
import { countGaps, sliceByTime, valueAt } from '../series/series.ts';
import { parseErcotDamHourly, parseErcotRtmFeb } from './ercot-spp.ts';
import { loadErcotDamHourly, loadErcotRtmFeb } from './load.ts';

const HOUR_MS = 3_600_000;
const utc = (year: number, month: number, day: number, hour: number): number =>
  Date.UTC(year, month - 1, day, hour);
const mean = (values: Float64Array): number => values.reduce((sum, value) => sum + value, 0) / values.length;
/** A local Central day [00:00, 24:00) as UTC bounds: 06:00Z in winter. */
const localWinterDay = (series: Series, year: number, month: number, day: number): Series =>
  sliceByTime(series, utc(year, month, day, 6), utc(year, month, day + 1, 6));

describe('ercot_dam_spp_hourly_2019_2021.csv as loaded', () => {
  const dam = loadErcotDamHourly();
  const hubAvg = frameSeries(dam, 'HB_HUBAVG');

  it('starts at 2019-01-01 HE1 = 06:00Z and ends at 2021-07-24 HE24 = 2021-07-25T05:00Z, without a missing hour', () => {
    expect(dam.startMs).toBe(utc(2019, 1, 1, 6));
    expect(dam.startMs + (dam.length - 1) * HOUR_MS).toBe(utc(2021, 7, 25, 4));
    expect(dam.length).toBe(22_463);
    expect(dam.irregularities).toEqual([]);
    expect(countGaps(hubAvg)).toBe(0);
  });

  it('puts the Uri maximum, 8,995.26 on 2021-02-17 HE1, at 2021-02-17T06:00Z', () => {
    expect(valueAt(hubAvg, utc(2021, 2, 17, 6))).toBe(8_995.26);
    expect(Math.max(...hubAvg.values)).toBe(8_995.26);
    expect(Math.max(...frameSeries(dam, 'HB_NORTH').values)).toBe(8_998.99);
    expect(Math.max(...frameSeries(dam, 'HB_WEST').values)).toBe(9_000.01);
    expect(Math.max(...frameSeries(dam, 'LZ_WEST').values)).toBe(9_026.99);
    const uri = sliceByTime(hubAvg, utc(2021, 2, 14, 6), utc(2021, 2, 20, 6));
    expect(Math.round(mean(uri.values))).toBe(6_612);
    const capped = [...uri.values.keys()].filter((index) => (uri.values[index] ?? 0) >= 8_990);
    expect(capped.map((index) => uri.startMs + index * HOUR_MS)).toEqual(
      [6, 7, 8, 9, 10, 11].map((hour) => utc(2021, 2, 17, hour)),
    );
  });

  it('has the yearly HB_HUBAVG means over local years', () => {
    const y2019 = sliceByTime(hubAvg, utc(2019, 1, 1, 6), utc(2020, 1, 1, 6));
    const y2020 = sliceByTime(hubAvg, utc(2020, 1, 1, 6), utc(2021, 1, 1, 6));
    const y2021 = sliceByTime(hubAvg, utc(2021, 1, 1, 6), utc(2022, 1, 1, 6));
    expect([y2019.values.length, y2020.values.length, y2021.values.length]).toEqual([8_760, 8_784, 4_919]);
    expect(mean(y2019.values)).toBeCloseTo(37.62, 2);
    expect(mean(y2020.values)).toBeCloseTo(21.78, 2);
    expect(mean(y2021.values)).toBeCloseTo(227.01, 2);
  });

  it('leaves HB_PAN empty before 2019-04-06 (2,279 hours) and has the minimum -7.20 at HB_WEST 2020-10-26 HE6', () => {
    const pan = frameSeries(dam, 'HB_PAN');
    expect(countGaps(pan)).toBe(2_279);
    expect(countGaps(sliceByTime(pan, utc(2019, 4, 6, 5), utc(2022, 1, 1, 0)))).toBe(0);
    // HE6 on 2020-10-26 (CDT) starts at 05:00 local = 10:00Z.
    expect(valueAt(frameSeries(dam, 'HB_WEST'), utc(2020, 10, 26, 10))).toBe(-7.2);
  });

  it('maps the 2020-11-01 fall-back day: HE2 twice, N then Y, one UTC hour apart', () => {
    // From the file: HE1 17.26, HE2 N 14.98, HE2 Y 16.85, HE3 14.86.
    expect(valueAt(hubAvg, utc(2020, 11, 1, 5))).toBe(17.26); // 00:00 CDT
    expect(valueAt(hubAvg, utc(2020, 11, 1, 6))).toBe(14.98); // 01:00 CDT
    expect(valueAt(hubAvg, utc(2020, 11, 1, 7))).toBe(16.85); // 01:00 CST, the repeated hour
    expect(valueAt(hubAvg, utc(2020, 11, 1, 8))).toBe(14.86); // 02:00 CST
    // The local day has 25 hours: 05:00Z .. 05:59Z next day.
    expect(sliceByTime(hubAvg, utc(2020, 11, 1, 5), utc(2020, 11, 2, 6)).values.length).toBe(25);
  });

  it('maps the 2020-03-08 spring-forward day: 23 rows, HE3 absent, no gap in UTC', () => {
    // From the file: 2020-03-07 HE24 7.37, HE1 10.40, HE2 6.92, HE4 5.62.
    expect(valueAt(hubAvg, utc(2020, 3, 8, 5))).toBe(7.37);
    expect(valueAt(hubAvg, utc(2020, 3, 8, 6))).toBe(10.4); // 00:00 CST
    expect(valueAt(hubAvg, utc(2020, 3, 8, 7))).toBe(6.92); // 01:00 CST
    expect(valueAt(hubAvg, utc(2020, 3, 8, 8))).toBe(5.62); // 03:00 CDT
    expect(sliceByTime(hubAvg, utc(2020, 3, 8, 6), utc(2020, 3, 9, 5)).values.length).toBe(23);
  });
});

describe('ercot_rtm_spp_hourly_feb_2019_2021.csv as loaded', () => {
  const rtm = loadErcotRtmFeb();

  it('holds one frame per February with 672, 696 and 672 hours', () => {
    expect([...rtm.keys()]).toEqual([2019, 2020, 2021]);
    expect([...rtm.values()].map((frame) => frame.length)).toEqual([672, 696, 672]);
    expect(rtm.get(2021)?.startMs).toBe(utc(2021, 2, 1, 6));
  });

  it('has the February mean real-time HB_HUBAVG prices', () => {
    const febMean = (year: number): number => {
      const frame = rtm.get(year);
      return frame === undefined ? Number.NaN : mean(frame.columns.HB_HUBAVG);
    };
    expect(febMean(2019)).toBeCloseTo(24.04, 2);
    expect(febMean(2020)).toBeCloseTo(18.27, 2);
    expect(febMean(2021)).toBeCloseTo(1_521.84, 2);
  });

  it('shows Winter Storm Uri: hours at the cap, daily means, the 2021-02-17 HE5 maxima', () => {
    const frame = rtm.get(2021);
    if (frame === undefined) throw new Error('no February 2021');
    const hubAvg = frameSeries(frame, 'HB_HUBAVG');
    const stormHours = sliceByTime(hubAvg, utc(2021, 2, 15, 6), utc(2021, 2, 20, 6)).values;
    expect(stormHours.filter((price) => price >= 8_000).length).toBe(95);
    expect(stormHours.filter((price) => price >= 8_990).length).toBe(57);
    const dailyMeans = [14, 15, 16, 17, 18, 19, 20].map((day) =>
      Math.round(mean(localWinterDay(hubAvg, 2021, 2, day).values)),
    );
    expect(dailyMeans).toEqual([2_356, 6_765, 8_970, 9_002, 8_989, 3_411, 9]);
    // HE5 starts at 04:00 CST = 10:00Z.
    expect(valueAt(hubAvg, utc(2021, 2, 17, 10))).toBeCloseTo(9_024.06, 2);
    expect(valueAt(frameSeries(frame, 'HB_NORTH'), utc(2021, 2, 17, 10))).toBeCloseTo(9_203.58, 2);
    expect(valueAt(frameSeries(frame, 'LZ_HOUSTON'), utc(2021, 2, 17, 10))).toBeCloseTo(9_131.23, 2);
    // HE17 on 2021-02-20 starts at 16:00 CST = 22:00Z.
    expect(valueAt(hubAvg, utc(2021, 2, 20, 22))).toBeCloseTo(-31.66, 2);
  });

  it('gives UTC daily means that differ from local-day means (a UTC day starts at 18:00 CST)', () => {
    const frame = rtm.get(2021);
    if (frame === undefined) throw new Error('no February 2021');
    const utcDaily = dailyMean(frameSeries(frame, 'HB_HUBAVG'));
    // 2021-02-01 UTC lacks 00:00Z-05:00Z (still January locally), so it is NaN unless allowed.
    expect(utcDaily.values[0]).toBeNaN();
    expect(valueAt(utcDaily, utc(2021, 2, 17, 0))).not.toBeCloseTo(9_002, 0);
  });
});

const CLOCK = 'date_local_cpt,hour_ending_local_cpt,repeated_hour_flag';
const POINTS =
  'hb_busavg,hb_houston,hb_hubavg,hb_north,hb_pan,hb_south,hb_west,lz_aen,lz_cps,lz_houston,lz_lcra,lz_north,lz_raybn,lz_south,lz_west'
    .split(',')
    .map((point) => `${point}_usd_per_mwh`)
    .join(',');
const prices = (value: number): string => Array.from({ length: 15 }, () => String(value)).join(',');
const damFile = (...rows: [string, number, string, number][]): string =>
  `${CLOCK},${POINTS}\n${rows.map(([date, he, flag, price]) => `${date},${he},${flag},${prices(price)}`).join('\n')}\n`;

function issuesOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected a ValidationError');
}

describe('local-time placement on crafted text', () => {
  it('leaves the second fall-back hour as NaN, listed, when the source gives HE2 once', () => {
    const frame = parseErcotDamHourly(
      damFile(['2020-11-01', 1, 'N', 1], ['2020-11-01', 2, 'N', 2], ['2020-11-01', 3, 'N', 3]),
      'd.csv',
    );
    expect(frame.startMs).toBe(utc(2020, 11, 1, 5));
    expect([...frame.columns.HB_HUBAVG]).toEqual([1, 2, Number.NaN, 3]);
    expect(frame.irregularities).toEqual([
      { atMs: utc(2020, 11, 1, 7), kind: 'missingRepeatedHour', where: 'd.csv:3' },
    ]);
  });

  it('rejects HE3 on a spring-forward day, which does not exist', () => {
    expect(
      issuesOf(() =>
        parseErcotDamHourly(damFile(['2020-03-08', 2, 'N', 1], ['2020-03-08', 3, 'N', 1]), 'd.csv'),
      ),
    ).toContain(
      'd.csv:line 3: hour_ending_local_cpt: does not exist in Central time (clocks jump from 02:00 CST to 03:00 CDT); got "2020-03-08 HE3"',
    );
  });

  it('rejects a repeated flag outside the fall-back hour', () => {
    expect(issuesOf(() => parseErcotDamHourly(damFile(['2020-11-02', 2, 'Y', 1]), 'd.csv'))).toContain(
      'd.csv:line 2: hour_ending_local_cpt: is flagged repeated but is not the fall-back hour; got "2020-11-02 HE2 (repeated)"',
    );
  });

  it('names both lines of a duplicate hour and of a skipped hour', () => {
    const duplicate = damFile(['2020-11-01', 2, 'N', 1], ['2020-11-01', 2, 'N', 1]);
    expect(issuesOf(() => parseErcotDamHourly(duplicate, 'd.csv'))).toContain(
      'd.csv:line 3: hour_ending_local_cpt: repeats or goes back in time after 2020-11-01 HE2 (line 2); got "2020-11-01 HE2"',
    );
    const skipped = damFile(['2020-06-01', 5, 'N', 1], ['2020-06-01', 8, 'N', 1]);
    expect(issuesOf(() => parseErcotDamHourly(skipped, 'd.csv'))).toContain(
      'd.csv:line 3: hour_ending_local_cpt: must be the hour after 2020-06-01 HE5 (line 2); 2 hour(s) missing between them',
    );
  });

  it('refuses local times before 2007 (other DST rules) with the line', () => {
    expect(issuesOf(() => parseErcotDamHourly(damFile(['2006-06-01', 1, 'N', 1]), 'd.csv'))).toContain(
      'd.csv:line 2: hour_ending_local_cpt: is before 2007, whose DST rules are not implemented',
    );
  });

  it('rejects an unknown flag and an hour ending of 25', () => {
    const message = issuesOf(() => parseErcotDamHourly(damFile(['2020-06-01', 25, 'X', 1]), 'd.csv'));
    expect(message).toContain('hour_ending_local_cpt: must be a whole number from 1 to 24; got "25"');
    expect(message).toContain('repeated_hour_flag: must be one of N, Y; got "X"');
  });

  it('refuses a February file where a year starts again after another', () => {
    const header = `${CLOCK},${POINTS},hb_hubavg_max_15min_usd_per_mwh,rt_15min_count`;
    const line = (date: string): string => `${date},1,N,${prices(1)},1,4`;
    const text = `${header}\n${line('2019-02-01')}\n${line('2020-02-01')}\n${line('2019-02-02')}\n`;
    expect(issuesOf(() => parseErcotRtmFeb(text, 'r.csv'))).toContain(
      'r.csv:line 4: date_local_cpt: starts 2019 again',
    );
  });
});
