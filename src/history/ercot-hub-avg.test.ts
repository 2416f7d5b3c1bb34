/** Checks from data/SOURCES.md, file 3 ("Verification"). */
import { describe, expect, it } from 'vitest';
import { frameSeries } from '../series/frame.ts';
import { countGaps, indexOf, sliceByTime } from '../series/series.ts';
import { formatUtcMinute } from '../series/utc-time.ts';
import { parseErcotHubAvgHourly } from './ercot-hub-avg.ts';
import { loadErcotHubAvgHourly } from './load.ts';

const frame = loadErcotHubAvgHourly();
const da = frameSeries(frame, 'daPriceUsdPerMWh');
const rt = frameSeries(frame, 'rtPriceUsdPerMWh');

function extreme(values: Float64Array, pick: 'min' | 'max'): { index: number; value: number } {
  let index = 0;
  values.forEach((value, at) => {
    const best = values[index] ?? 0;
    if (pick === 'max' ? value > best : value < best) index = at;
  });
  return { index, value: values[index] ?? Number.NaN };
}
const hourOf = (index: number): string => formatUtcMinute(frame.startMs + index * 3_600_000);
const mean = (values: Float64Array): number => values.reduce((sum, value) => sum + value, 0) / values.length;

describe('ercot_hb_hubavg_hourly_2024_2025.csv as loaded', () => {
  it('covers 16,800 UTC hours from 2024-01-01T00Z without a gap', () => {
    expect(frame.length).toBe(16_800);
    expect(frame.startMs).toBe(Date.UTC(2024, 0, 1));
    expect(hourOf(frame.length - 1)).toBe('2025-11-30T23:00Z');
    expect(countGaps(da) + countGaps(rt)).toBe(0);
    expect(frame.columns.rt15MinCount.every((count) => count === 4)).toBe(true);
  });

  it('has the day-ahead and real-time extremes SOURCES.md quotes', () => {
    const rtMax = extreme(rt.values, 'max');
    expect(hourOf(rtMax.index)).toBe('2024-08-21T00:00Z');
    expect(rtMax.value).toBeCloseTo(3_060.45, 2);
    const rtMin = extreme(rt.values, 'min');
    expect(hourOf(rtMin.index)).toBe('2024-01-12T08:00Z');
    expect(rtMin.value).toBeCloseTo(-31.84, 2);
    const daMax = extreme(da.values, 'max');
    expect([hourOf(daMax.index), daMax.value]).toEqual(['2024-05-09T00:00Z', 2_221.48]);
    const daMin = extreme(da.values, 'min');
    expect([hourOf(daMin.index), daMin.value]).toEqual(['2024-03-29T08:00Z', -2.85]);
  });

  it('has a mean real-time price of 26.80 in 2024 and 32.25 in Jan-Nov 2025', () => {
    const in2024 = sliceByTime(rt, Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1));
    expect(in2024.values.length).toBe(8_784);
    expect(mean(in2024.values)).toBeCloseTo(26.8, 2);
    expect(mean(sliceByTime(rt, Date.UTC(2025, 0, 1), Date.UTC(2025, 11, 1)).values)).toBeCloseTo(32.25, 2);
    expect(indexOf(rt, Date.UTC(2025, 11, 1))).toBeUndefined();
  });
});

describe('parseErcotHubAvgHourly on bad text', () => {
  const HEADER = 'interval_start_utc,da_spp_usd_per_mwh,rt_spp_usd_per_mwh,rt_15min_count';
  it('names both lines of a skipped hour and rejects a local-looking stamp', () => {
    const skipped = `${HEADER}\n2024-01-01T00:00:00Z,1,2,4\n2024-01-01T02:00:00Z,1,2,4\n`;
    expect(() => parseErcotHubAvgHourly(skipped, 'h.csv')).toThrow(
      'h.csv:line 3: interval_start_utc: must be the hour after 2024-01-01T00:00:00Z (line 2); 1 hour(s) missing between them',
    );
    const local = `${HEADER}\n2024-01-01 00:00,1,2,4\n`;
    expect(() => parseErcotHubAvgHourly(local, 'h.csv')).toThrow(
      'interval_start_utc: must be a whole UTC hour written YYYY-MM-DDTHH:00:00Z',
    );
  });
  it('keeps an empty price as a gap and rejects a count above 4', () => {
    const frame = parseErcotHubAvgHourly(`${HEADER}\n2024-01-01T00:00:00Z,,2,4\n`, 'h.csv');
    expect(frame.columns.daPriceUsdPerMWh[0]).toBeNaN();
    expect(() => parseErcotHubAvgHourly(`${HEADER}\n2024-01-01T00:00:00Z,1,2,5\n`, 'h.csv')).toThrow(
      'rt_15min_count: must be a whole number from 0 to 4; got "5"',
    );
  });
});
