/**
 * @module history/ercot-spp
 * ERCOT settlement point price files stamped in local Central time, hour ending, with ERCOT's
 * `repeated_hour_flag` (Y = second, standard-time occurrence of the fall-back hour):
 * `ercot_dam_spp_hourly_2019_2021.csv` (day-ahead) and `ercot_rtm_spp_hourly_feb_2019_2021.csv`
 * (real-time, three Februaries). Pure.
 */

import { ValidationError } from '../errors.ts';
import type { ErcotDamFrame, ErcotRtmFrame, ErcotSettlementPoint } from '../series/ercot.ts';
import { ERCOT_SETTLEMENT_POINTS } from '../series/ercot.ts';
import { anyNumber, oneOf, utcDay, wholeNumber } from './cells.ts';
import type { ColumnSpec, CsvTable } from './csv-table.ts';
import { column, mapToFloat64, readCsvTable } from './csv-table.ts';
import type { Placement } from './ercot-clock.ts';
import { hourEndingWallClockMs, placeColumn, placeLocalHours } from './ercot-clock.ts';

const priceColumnOf = (point: ErcotSettlementPoint): string => `${point.toLowerCase()}_usd_per_mwh`;

const CLOCK_COLUMNS: readonly ColumnSpec[] = [
  column('date_local_cpt', utcDay),
  column('hour_ending_local_cpt', wholeNumber(1, 24, false)),
  column('repeated_hour_flag', oneOf(['N', 'Y'])),
];
const PRICE_COLUMNS = ERCOT_SETTLEMENT_POINTS.map((point) => column(priceColumnOf(point), anyNumber(true)));
const DAM_COLUMNS = [...CLOCK_COLUMNS, ...PRICE_COLUMNS];
const RTM_COLUMNS = [
  ...DAM_COLUMNS,
  column('hb_hubavg_max_15min_usd_per_mwh', anyNumber(true)),
  column('rt_15min_count', wholeNumber(0, 4, true)),
];

function placeRows(table: CsvTable, fromRow: number, toRow: number): Placement {
  const dates = table.texts('date_local_cpt');
  const hourEnding = table.numbers('hour_ending_local_cpt');
  const repeated = table.texts('repeated_hour_flag').map((flag) => flag === 'Y');
  return placeLocalHours({
    table,
    wallClockMs: mapToFloat64(dates, (date, row) =>
      hourEndingWallClockMs(date, hourEnding[row] ?? Number.NaN),
    ),
    repeated,
    column: 'hour_ending_local_cpt',
    labelOf: (row) => `${dates[row]} HE${hourEnding[row]}${repeated[row] ? ' (repeated)' : ''}`,
    fromRow,
    toRow,
  });
}

function priceColumns(
  table: CsvTable,
  placement: Placement,
  fromRow: number,
): Record<ErcotSettlementPoint, Float64Array> {
  const entries = ERCOT_SETTLEMENT_POINTS.map(
    (point) =>
      [point, placeColumn(placement, table.numbers(priceColumnOf(point)), fromRow, 'intensive')] as const,
  );
  return Object.fromEntries(entries) as Record<ErcotSettlementPoint, Float64Array>;
}

export function parseErcotDamHourly(text: string, sourceName: string): ErcotDamFrame {
  const table = readCsvTable(text, sourceName, DAM_COLUMNS);
  const placement = placeRows(table, 0, table.rowCount);
  return {
    startMs: placement.startMs,
    stepS: 3_600,
    length: placement.length,
    columns: priceColumns(table, placement, 0),
    irregularities: placement.irregularities,
  };
}

/** One frame per February, keyed by year: the file holds three separate months. */
export function parseErcotRtmFeb(text: string, sourceName: string): ReadonlyMap<number, ErcotRtmFrame> {
  const table = readCsvTable(text, sourceName, RTM_COLUMNS);
  const years = table.texts('date_local_cpt').map((date) => Number(date.slice(0, 4)));
  const frames = new Map<number, ErcotRtmFrame>();
  let fromRow = 0;
  for (let row = 1; row <= table.rowCount; row++) {
    if (row < table.rowCount && years[row] === years[fromRow]) continue;
    const year = years[fromRow] ?? 0;
    if (frames.has(year)) {
      throw new ValidationError([
        {
          field: 'date_local_cpt',
          problem: `starts ${year} again; each year's rows must be together and in order`,
          value: table.texts('date_local_cpt')[fromRow],
          fix: 'sort the rows by date and hour',
          source: sourceName,
          line: table.lines[fromRow] ?? 0,
        },
      ]);
    }
    const placement = placeRows(table, fromRow, row);
    frames.set(year, {
      startMs: placement.startMs,
      stepS: 3_600,
      length: placement.length,
      columns: {
        ...priceColumns(table, placement, fromRow),
        hbHubAvgMax15MinUsdPerMWh: placeColumn(
          placement,
          table.numbers('hb_hubavg_max_15min_usd_per_mwh'),
          fromRow,
          'intensive',
        ),
        rt15MinCount: placeColumn(placement, table.numbers('rt_15min_count'), fromRow, 'intensive'),
      },
      irregularities: placement.irregularities,
    });
    fromRow = row;
  }
  return frames;
}
