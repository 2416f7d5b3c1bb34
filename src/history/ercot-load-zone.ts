/**
 * @module history/ercot-load-zone
 * `ercot_loadzone_rt_hourly_2023.csv`: real-time load-zone prices stamped in local Central time,
 * hour beginning, without a repeated-hour flag. The source has one 01:00 row on the fall-back day
 * (its values look like the mean over both clock hours); it is placed on the first (CDT) occurrence
 * and the second is a NaN hour listed as an irregularity. Pure.
 */

import type { ErcotLoadZone, ErcotLoadZoneFrame } from '../series/ercot.ts';
import { ERCOT_LOAD_ZONES } from '../series/ercot.ts';
import { anyNumber, localHourStamp, localHourStampMs } from './cells.ts';
import { column, mapToFloat64, readCsvTable } from './csv-table.ts';
import { placeColumn, placeLocalHours } from './ercot-clock.ts';

const priceColumnOf = (zone: ErcotLoadZone): string => `${zone.toLowerCase()}_usd_per_mwh`;

const COLUMNS = [
  column('hour_beginning_local_cpt', localHourStamp),
  ...ERCOT_LOAD_ZONES.map((zone) => column(priceColumnOf(zone), anyNumber(true))),
];

export function parseErcotLoadZoneRt(text: string, sourceName: string): ErcotLoadZoneFrame {
  const table = readCsvTable(text, sourceName, COLUMNS);
  const stamps = table.texts('hour_beginning_local_cpt');
  const wallClockMs = mapToFloat64(stamps, localHourStampMs);
  const placement = placeLocalHours({
    table,
    wallClockMs,
    column: 'hour_beginning_local_cpt',
    labelOf: (row) => stamps[row] ?? '',
    fromRow: 0,
    toRow: table.rowCount,
  });
  const entries = ERCOT_LOAD_ZONES.map(
    (zone) => [zone, placeColumn(placement, table.numbers(priceColumnOf(zone)), 0, 'intensive')] as const,
  );
  return {
    startMs: placement.startMs,
    stepS: 3_600,
    length: placement.length,
    columns: Object.fromEntries(entries) as Record<ErcotLoadZone, Float64Array>,
    irregularities: placement.irregularities,
  };
}
