/**
 * @module history/ercot-hub-avg
 * `ercot_hb_hubavg_hourly_2024_2025.csv`: HB_HUBAVG day-ahead and real-time prices, stamped in UTC
 * (hour beginning), so rows map one-to-one onto the hourly grid. Pure.
 */

import type { ErcotHubAvgFrame } from '../series/ercot.ts';
import { MS_PER_HOUR } from '../series/utc-time.ts';
import { anyNumber, utcHourStamp, utcHourStampMs, wholeNumber } from './cells.ts';
import { column, mapToFloat64, readCsvTable } from './csv-table.ts';
import { checkConsecutive } from './sequence.ts';

const COLUMNS = [
  column('interval_start_utc', utcHourStamp),
  column('da_spp_usd_per_mwh', anyNumber(true)),
  column('rt_spp_usd_per_mwh', anyNumber(true)),
  column('rt_15min_count', wholeNumber(0, 4, true)),
];

export function parseErcotHubAvgHourly(text: string, sourceName: string): ErcotHubAvgFrame {
  const table = readCsvTable(text, sourceName, COLUMNS);
  const instantsMs = mapToFloat64(table.texts('interval_start_utc'), utcHourStampMs);
  checkConsecutive({ table, instantsMs, stepMs: MS_PER_HOUR, column: 'interval_start_utc', unit: 'hour' });
  return {
    startMs: instantsMs[0] ?? 0,
    stepS: 3_600,
    length: table.rowCount,
    columns: {
      daPriceUsdPerMWh: table.numbers('da_spp_usd_per_mwh'),
      rtPriceUsdPerMWh: table.numbers('rt_spp_usd_per_mwh'),
      rt15MinCount: table.numbers('rt_15min_count'),
    },
    irregularities: [],
  };
}
