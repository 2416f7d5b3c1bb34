/**
 * Real-data checks: the figures printed by tools/data/verify_datasets.py in data/SOURCES.md
 * ("Verification", btc_network_daily.csv) and ECONOMICS.md §6.3, recomputed from the loaded frame.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { networkSeries, sourceAt } from '../series/network.ts';
import { indexOf, lastIndexWithValue, valueAt } from '../series/series.ts';
import { formatUtcDay } from '../series/utc-time.ts';
import { parseBtcNetworkDaily } from './btc-network.ts';
import { loadBtcNetworkDaily } from './load.ts';

const day = (text: string): number => Date.parse(`${text}T00:00:00Z`);
const network = loadBtcNetworkDaily();
const at = (column: Parameters<typeof networkSeries>[1], text: string): number | undefined =>
  valueAt(networkSeries(network, column), day(text));

function argMax(values: Float64Array): number {
  let best = -1;
  values.forEach((value, index) => {
    if (!Number.isNaN(value) && (best < 0 || value > (values[best] ?? 0))) best = index;
  });
  return best;
}
const dayOf = (index: number): string => formatUtcDay(network.startMs + index * 86_400_000);

describe('btc_network_daily.csv as loaded', () => {
  it('covers 6,238 consecutive UTC days, 2009-01-03 .. 2026-01-31', () => {
    expect(network.length).toBe(6_238);
    expect(network.startMs).toBe(day('2009-01-03'));
    expect(dayOf(network.length - 1)).toBe('2026-01-31');
  });

  it('holds the price closes SOURCES.md quotes', () => {
    expect(Math.round(at('priceUsd', '2021-11-10') ?? 0)).toBe(64_756);
    expect(Math.round(at('priceUsd', '2021-11-09') ?? 0)).toBe(67_096);
    expect(Math.round(at('priceUsd', '2017-12-17') ?? 0)).toBe(19_250);
    const max = argMax(network.priceUsd);
    expect(dayOf(max)).toBe('2025-10-06');
    expect(Math.round(network.priceUsd[max] ?? 0)).toBe(124_753);
    // SOURCES.md's "5,379 values" is the first pass (to 2025-04); the shipped second pass has a
    // close on every day 2010-07-18 .. 2026-01-31.
    expect(network.priceUsd.filter((value) => !Number.isNaN(value)).length).toBe(5_677);
    expect(indexOf(networkSeries(network, 'priceUsd'), day('2010-07-18'))).toBe(network.length - 5_677);
    expect(at('priceUsd', '2010-07-17')).toBeUndefined();
    expect(at('priceUsd', '2010-07-25')).toBeCloseTo(0.0505, 4);
  });

  it('holds the halving-day difficulty and ends difficulty on 2025-09-26', () => {
    expect(at('difficulty', '2024-04-20')).toBeCloseTo(86_388_558_925_171, -5);
    expect(Math.abs((at('difficulty', '2024-04-20') ?? 0) / 86_388_558_925_171 - 1)).toBeLessThan(1e-9);
    const last = lastIndexWithValue(networkSeries(network, 'difficulty'));
    expect(last === undefined ? '' : dayOf(last)).toBe('2025-09-26');
    expect((at('difficulty', '2025-09-26') ?? 0) / 1e12).toBeCloseTo(142.34, 2);
    expect(dayOf(argMax(network.hashrateEhs))).toBe('2025-09-19');
    expect(Math.round((network.hashrateEhs[argMax(network.hashrateEhs)] ?? 0) * 10) / 10).toBe(1_188.7);
  });

  it('holds fees, blocks and issuance of the halving day and the spot rows', () => {
    expect(at('feesBtc', '2024-04-20')).toBe(1206.4665844);
    expect(at('blockCount', '2024-04-20')).toBe(135);
    expect(at('issuanceBtc', '2024-04-20')).toBe(135 * 3.125);
    expect(at('blockCount', '2025-09-26')).toBe(132);
    expect(at('feesBtc', '2025-09-26')).toBeCloseTo(4.07, 2);
    expect(at('priceUsd', '2026-01-31')).toBeCloseTo(78_621.12, 2);
    expect(at('blockCount', '2026-01-31')).toBe(138);
    expect(at('issuanceBtc', '2026-01-31')).toBe(431.25);
    expect(dayOf(argMax(network.feesBtc))).toBe('2017-12-22');
    expect(dayOf(argMax(network.blockCount))).toBe('2010-07-13');
    expect(network.blockCount[argMax(network.blockCount)]).toBe(692);
    expect(network.issuanceBtc[argMax(network.issuanceBtc)]).toBe(34_600);
  });

  it('has a fee and a block count on every day; issuance lacks only 2009-01-03 .. 2009-01-08', () => {
    expect(network.feesBtc.some(Number.isNaN)).toBe(false);
    expect(network.blockCount.some(Number.isNaN)).toBe(false);
    const noIssuance = [...network.issuanceBtc.keys()].filter((index) =>
      Number.isNaN(network.issuanceBtc[index]),
    );
    expect(noIssuance.map(dayOf)).toEqual([
      '2009-01-03',
      '2009-01-04',
      '2009-01-05',
      '2009-01-06',
      '2009-01-07',
      '2009-01-08',
    ]);
  });

  it('sums fees by year as SOURCES.md does', () => {
    const feesInYear = (year: number): number => {
      const first = indexOf(networkSeries(network, 'feesBtc'), Date.UTC(year, 0, 1)) ?? 0;
      const end = indexOf(networkSeries(network, 'feesBtc'), Date.UTC(year + 1, 0, 1)) ?? network.length;
      return network.feesBtc.subarray(first, end).reduce((sum, value) => sum + value, 0);
    };
    expect(Math.round(feesInYear(2022))).toBe(5_373);
    expect(Math.round(feesInYear(2023))).toBe(23_445);
    expect(Math.round(feesInYear(2024))).toBe(15_178);
    expect(Math.round(feesInYear(2025))).toBe(1_720);
  });

  it('reproduces the fee shares of ECONOMICS.md §6.3 as fees / (fees + blocks × subsidy)', () => {
    const share = (text: string, subsidyBtc: number): number => {
      const feesBtc = at('feesBtc', text) ?? Number.NaN;
      const blocks = at('blockCount', text) ?? Number.NaN;
      // The shipped issuance agrees with blocks × subsidy on these days (no halving inside them).
      expect(at('issuanceBtc', text)).toBe(blocks * subsidyBtc);
      return feesBtc / (feesBtc + blocks * subsidyBtc);
    };
    expect(share('2024-04-20', 3.125)).toBeCloseTo(1206.4665844 / (1206.4665844 + 135 * 3.125), 12);
    expect(Math.round(share('2024-04-20', 3.125) * 1000) / 10).toBe(74.1);
    expect(share('2023-12-16', 6.25)).toBeCloseTo(568.94621841 / (568.94621841 + 152 * 6.25), 12);
    expect(Math.round(share('2023-12-16', 6.25) * 1000) / 10).toBe(37.5);
    expect(share('2024-11-10', 3.125)).toBeCloseTo(10.40340315 / (10.40340315 + 148 * 3.125), 12);
    expect(Math.round(share('2024-11-10', 3.125) * 1000) / 10).toBe(2.2);
    expect(share('2025-10-10', 3.125)).toBeCloseTo(4.02978368 / (4.02978368 + 132 * 3.125), 12);
    expect(Math.round(share('2025-10-10', 3.125) * 10_000) / 100).toBe(0.97);
  });

  it('cites the source of each value by day', () => {
    expect(sourceAt(network, 'price', day('2021-11-10'))).toBe('coinmetrics');
    expect(sourceAt(network, 'price', day('2025-10-06'))).toBe('yahoo_finance');
    expect(sourceAt(network, 'price', day('2010-01-01'))).toBeUndefined();
    expect(sourceAt(network, 'fees', day('2021-01-01'))).toBe('glassnode');
    expect(sourceAt(network, 'fees', day('2026-01-31'))).toBe('node_rpc_getblockstats');
    const daysBySource = new Map<string, number>();
    for (const run of network.sources.fees) {
      const days = (run.lastDayMs - run.firstDayMs) / 86_400_000 + 1;
      daysBySource.set(run.source, (daysBySource.get(run.source) ?? 0) + days);
    }
    expect(Object.fromEntries(daysBySource)).toEqual({
      coinmetrics: 4_224,
      glassnode: 766,
      coinmetrics_api_usd_div_price: 1_121,
      node_rpc_getblockstats: 127,
    });
  });

  it('is read once per process', () => {
    expect(loadBtcNetworkDaily()).toBe(network);
  });
});

const HEADER =
  'date_utc,price_usd,difficulty,hashrate_ehs,block_count,fees_btc,issuance_btc,src_price,src_network,src_fees,src_issuance';
const row = (date: string, difficulty = '86388558925171.2'): string =>
  `${date},64994.4,${difficulty},558.27,135,1206.47,421.875,yahoo_finance,coinmetrics_api,coinmetrics_api_usd_div_price,derived_from_height`;
const file = (...rows: string[]): string => `${HEADER}\r\n${rows.join('\r\n')}\r\n`;
const SOURCE = 'data/btc_network_daily.csv';

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).message;
  }
  throw new Error('expected a ValidationError');
}

describe('parseBtcNetworkDaily on bad text', () => {
  it('accepts crafted good text and anchors heights only when the halving day is inside', () => {
    const frame = parseBtcNetworkDaily(file(row('2024-04-19'), row('2024-04-20')), SOURCE);
    expect([...frame.heightAtEndOfDay]).toEqual([839_999, 840_134]);
    expect(frame.sources.issuance).toEqual([
      { firstDayMs: day('2024-04-19'), lastDayMs: day('2024-04-20'), source: 'derived_from_height' },
    ]);
  });

  it('names file, line, column, value and fix for a bad number', () => {
    const message = messageOf(() =>
      parseBtcNetworkDaily(file(row('2024-04-19'), row('2024-04-20', 'abc')), SOURCE),
    );
    expect(message).toContain(
      'data/btc_network_daily.csv:line 3: difficulty: must be a positive number; got "abc"; fix: correct the cell or leave it empty to mark a gap',
    );
  });

  it('treats an empty cell as a gap, not an error', () => {
    const frame = parseBtcNetworkDaily(file(row('2024-04-19'), row('2024-04-20', '')), SOURCE);
    expect(frame.difficulty[1]).toBeNaN();
  });

  it('names the expected columns when one is missing', () => {
    const text = file(row('2024-04-19')).replace(',hashrate_ehs', '').replace(',558.27', '');
    expect(messageOf(() => parseBtcNetworkDaily(text, SOURCE))).toContain(
      'data/btc_network_daily.csv:line 1: (header): columns must be exactly date_utc,price_usd,difficulty,hashrate_ehs,block_count,fees_btc,issuance_btc,src_price,src_network,src_fees,src_issuance (missing hashrate_ehs)',
    );
  });

  it('names both lines of a duplicate date', () => {
    const message = messageOf(() =>
      parseBtcNetworkDaily(file(row('2024-04-19'), row('2024-04-20'), row('2024-04-20')), SOURCE),
    );
    expect(message).toContain(
      'data/btc_network_daily.csv:line 4: date_utc: repeats 2024-04-20 (line 3); got "2024-04-20"; fix: delete the duplicate row',
    );
  });

  it('names both lines around a skipped date', () => {
    const message = messageOf(() => parseBtcNetworkDaily(file(row('2024-04-19'), row('2024-04-22')), SOURCE));
    expect(message).toContain(
      'data/btc_network_daily.csv:line 3: date_utc: must be the day after 2024-04-19 (line 2); 2 day(s) missing between them; got "2024-04-22"; fix: restore the missing days as rows',
    );
  });

  it('requires a source tag wherever a value is given', () => {
    const text = file(row('2024-04-19').replace(',yahoo_finance,', ',,'));
    expect(messageOf(() => parseBtcNetworkDaily(text, SOURCE))).toContain(
      'data/btc_network_daily.csv:line 2: src_price: must name the source, since price_usd has a value',
    );
  });
});
