/**
 * @module history/btc-network
 * `btc_network_daily.csv` (one row per UTC day) into a `DailyNetwork`. Pure: takes the file's text.
 */

import type { ValidationIssue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { DailyNetwork } from '../series/network.ts';
import { endOfDayHeights, HALVING_4_ANCHOR, sourceRuns } from '../series/network.ts';
import { parseUtcDayMs } from '../series/utc-time.ts';
import { MS_PER_DAY, SECONDS_PER_DAY } from '../units/index.ts';
import { label, nonNegativeNumber, positiveNumber, utcDay, wholeNumber } from './cells.ts';
import { column, mapToFloat64, readCsvTable } from './csv-table.ts';
import { checkConsecutive } from './sequence.ts';

// A sanity bound, far above the 692 blocks of 2010-07-13 (the file's maximum), to catch unit slips.
const MAX_BLOCKS_PER_DAY = 10_000;

const COLUMNS = [
  column('date_utc', utcDay),
  column('price_usd', positiveNumber(true)),
  column('difficulty', positiveNumber(true)),
  column('hashrate_ehs', positiveNumber(true)),
  column('block_count', wholeNumber(0, MAX_BLOCKS_PER_DAY, true)),
  column('fees_btc', nonNegativeNumber(true)),
  column('issuance_btc', nonNegativeNumber(true)),
  column('src_price', label(true)),
  column('src_network', label(true)),
  column('src_fees', label(true)),
  column('src_issuance', label(true)),
];

/** Each value column and the `src_*` column that must name its source whenever it has a value. */
const SOURCE_OF: readonly { readonly value: string; readonly source: string }[] = [
  { value: 'price_usd', source: 'src_price' },
  { value: 'difficulty', source: 'src_network' },
  { value: 'hashrate_ehs', source: 'src_network' },
  { value: 'block_count', source: 'src_network' },
  { value: 'fees_btc', source: 'src_fees' },
  { value: 'issuance_btc', source: 'src_issuance' },
];

export function parseBtcNetworkDaily(text: string, sourceName: string): DailyNetwork {
  const table = readCsvTable(text, sourceName, COLUMNS);
  const dates = table.texts('date_utc');
  const dayMs = mapToFloat64(dates, (date) => parseUtcDayMs(date) ?? Number.NaN);
  checkConsecutive({ table, instantsMs: dayMs, stepMs: MS_PER_DAY, column: 'date_utc', unit: 'day' });

  const issues: ValidationIssue[] = [];
  for (const { value, source } of SOURCE_OF) {
    const values = table.texts(value);
    const sources = table.texts(source);
    for (let row = 0; row < values.length && issues.length < 100; row++) {
      if (values[row] === '' || sources[row] !== '') continue;
      issues.push({
        field: source,
        problem: `must name the source, since ${value} has a value`,
        value: '',
        fix: 'fill in the source tag (data/SOURCES.md lists them) or empty the value',
        source: sourceName,
        line: table.lines[row] ?? 0,
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const startMs = dayMs[0] ?? 0;
  const blockCount = table.numbers('block_count');
  const runs = (source: string) => sourceRuns(startMs, MS_PER_DAY, table.texts(source));
  return {
    startMs,
    stepS: SECONDS_PER_DAY,
    length: table.rowCount,
    priceUsd: table.numbers('price_usd'),
    difficulty: table.numbers('difficulty'),
    hashrateEhs: table.numbers('hashrate_ehs'),
    blockCount,
    feesBtc: table.numbers('fees_btc'),
    issuanceBtc: table.numbers('issuance_btc'),
    heightAtEndOfDay: endOfDayHeights(startMs, blockCount, HALVING_4_ANCHOR),
    sources: {
      price: runs('src_price'),
      network: runs('src_network'),
      fees: runs('src_fees'),
      issuance: runs('src_issuance'),
    },
  };
}
