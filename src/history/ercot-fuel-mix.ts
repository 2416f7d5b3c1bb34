/**
 * @module history/ercot-fuel-mix
 * `ercot_fuelmix_hourly_2016_2019.csv` and `ercot_fuelmix_hourly_2020_2022.csv`: ERCOT generation
 * by fuel and our estimated life-cycle intensity, local Central time, hour ending, no repeated-hour
 * flag. Two quirks of the source workbooks (data/SOURCES.md): on 2016-11-06 hour ending 2 holds
 * both fall-back clock hours (its MWh are split evenly over the two UTC hours, the intensity is
 * repeated); from 2017 the repeated hour is simply missing (a NaN hour). Pure.
 */

import { ValidationError } from '../errors.ts';
import type { ErcotFuelMixFrame, FuelMixGenerationColumn } from '../series/ercot.ts';
import { FUEL_MIX_GENERATION_COLUMNS } from '../series/ercot.ts';
import { formatUtcMinute, MS_PER_HOUR } from '../series/utc-time.ts';
import { anyNumber, positiveNumber, utcDay, wholeNumber } from './cells.ts';
import { column, mapToFloat64, readCsvTable } from './csv-table.ts';
import { hourEndingWallClockMs, placeColumn, placeLocalHours } from './ercot-clock.ts';

/** Only the 2016 workbook folded its DST columns into hour ending 2. */
const YEAR_WITH_TWO_HOUR_FALL_BACK_ROW = 2016;

const CSV_COLUMN_OF: Readonly<Record<FuelMixGenerationColumn, string>> = {
  coalMWh: 'coal_mwh',
  gasCcMWh: 'gas_cc_mwh',
  gasMWh: 'gas_mwh',
  nuclearMWh: 'nuclear_mwh',
  windMWh: 'wind_mwh',
  solarMWh: 'solar_mwh',
  hydroMWh: 'hydro_mwh',
  biomassMWh: 'biomass_mwh',
  otherMWh: 'other_mwh',
  storageMWh: 'storage_mwh',
  totalGenExclStorageMWh: 'total_gen_mwh_excl_storage',
};

const COLUMNS = [
  column('date_local_cpt', utcDay),
  column('hour_ending_local_cpt', wholeNumber(1, 24, false)),
  // Net generation can be negative (plant auxiliary load, storage charging).
  ...FUEL_MIX_GENERATION_COLUMNS.map((key) => column(CSV_COLUMN_OF[key], anyNumber(true))),
  column('est_lifecycle_ci_gco2e_per_kwh', positiveNumber(true)),
];

/** Parse one fuel-mix file. */
export function parseErcotFuelMixHourly(text: string, sourceName: string): ErcotFuelMixFrame {
  const table = readCsvTable(text, sourceName, COLUMNS);
  const dates = table.texts('date_local_cpt');
  const hourEnding = table.numbers('hour_ending_local_cpt');
  const placement = placeLocalHours({
    table,
    wallClockMs: mapToFloat64(dates, (date, row) =>
      hourEndingWallClockMs(date, hourEnding[row] ?? Number.NaN),
    ),
    spansBothFallBackHours: (row) => dates[row]?.startsWith(`${YEAR_WITH_TWO_HOUR_FALL_BACK_ROW}-`) === true,
    column: 'hour_ending_local_cpt',
    labelOf: (row) => `${dates[row]} HE${hourEnding[row]}`,
    fromRow: 0,
    toRow: table.rowCount,
  });
  const generation = FUEL_MIX_GENERATION_COLUMNS.map(
    (key) => [key, placeColumn(placement, table.numbers(CSV_COLUMN_OF[key]), 0, 'perHour')] as const,
  );
  return {
    startMs: placement.startMs,
    stepS: 3_600,
    length: placement.length,
    columns: {
      ...(Object.fromEntries(generation) as Record<FuelMixGenerationColumn, Float64Array>),
      estLifecycleIntensityGPerKWh: placeColumn(
        placement,
        table.numbers('est_lifecycle_ci_gco2e_per_kwh'),
        0,
        'intensive',
      ),
    },
    irregularities: placement.irregularities,
  };
}

/** Join consecutive frames (the 2016-2019 and 2020-2022 files) into one; they must abut exactly. */
export function joinFuelMixFrames(
  parts: readonly { frame: ErcotFuelMixFrame; sourceName: string }[],
): ErcotFuelMixFrame {
  const first = parts[0];
  if (first === undefined) throw new TypeError('joinFuelMixFrames: no frames given');
  let length = 0;
  parts.forEach((part, index) => {
    const expectedMs = first.frame.startMs + length * MS_PER_HOUR;
    if (part.frame.startMs !== expectedMs) {
      throw new ValidationError([
        {
          field: 'date_local_cpt',
          problem: `must start at ${formatUtcMinute(expectedMs)}, right after ${parts[index - 1]?.sourceName} ends`,
          value: formatUtcMinute(part.frame.startMs),
          fix: 'use the shipped files, which abut at 2020-01-01 HE1',
          source: part.sourceName,
          line: 2,
        },
      ]);
    }
    length += part.frame.length;
  });
  const keys = [...FUEL_MIX_GENERATION_COLUMNS, 'estLifecycleIntensityGPerKWh'] as const;
  const joined = keys.map((key) => {
    const values = new Float64Array(length);
    let offset = 0;
    for (const { frame } of parts) {
      values.set(frame.columns[key], offset);
      offset += frame.length;
    }
    return [key, values] as const;
  });
  return {
    startMs: first.frame.startMs,
    stepS: 3_600,
    length,
    columns: Object.fromEntries(joined) as ErcotFuelMixFrame['columns'],
    irregularities: parts.flatMap((part) => part.frame.irregularities),
  };
}
