/**
 * @module history/difficulty-epochs
 * `btc_difficulty_epochs.csv` (one row per 2,016-block epoch) into `DifficultyEpochs`. Pure.
 */

import type { ValidationIssue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { DifficultyEpochs } from '../series/epochs.ts';
import { parseUtcDayMs } from '../series/utc-time.ts';
import { anyNumber, positiveNumber, utcDay, wholeNumber } from './cells.ts';
import { column, mapToFloat64, readCsvTable } from './csv-table.ts';

const BLOCKS_PER_EPOCH = 2_016;
// 64 halvings of 210,000 blocks bound any height that can ever pay a subsidy; epochs past it are a typo.
const MAX_EPOCH = (64 * 210_000) / BLOCKS_PER_EPOCH;

const COLUMNS = [
  column('epoch', wholeNumber(0, MAX_EPOCH, false)),
  column('start_height', wholeNumber(0, MAX_EPOCH * BLOCKS_PER_EPOCH, false)),
  column('start_date_utc', utcDay),
  column('difficulty', positiveNumber(false)),
  column('change_pct', anyNumber(true)),
];

export function parseDifficultyEpochs(text: string, sourceName: string): DifficultyEpochs {
  const table = readCsvTable(text, sourceName, COLUMNS);
  const epoch = table.numbers('epoch');
  const startHeight = table.numbers('start_height');
  const dates = table.texts('start_date_utc');
  const startDateMs = mapToFloat64(dates, (date) => parseUtcDayMs(date) ?? Number.NaN);
  const issues: ValidationIssue[] = [];
  const at = (row: number) => ({ source: sourceName, line: table.lines[row] ?? 0 });
  for (let row = 0; row < table.rowCount; row++) {
    if (epoch[row] !== row) {
      issues.push({
        field: 'epoch',
        problem: `must be ${row} (epochs run from 0 without a gap)`,
        value: epoch[row],
        fix: 'restore the missing epoch row or renumber',
        ...at(row),
      });
    }
    if (startHeight[row] !== (epoch[row] ?? Number.NaN) * BLOCKS_PER_EPOCH) {
      issues.push({
        field: 'start_height',
        problem: `must be 2016 x epoch = ${(epoch[row] ?? 0) * BLOCKS_PER_EPOCH}`,
        value: startHeight[row],
        fix: 'correct the height or the epoch',
        ...at(row),
      });
    }
    if (row > 0 && !((startDateMs[row] ?? 0) > (startDateMs[row - 1] ?? 0))) {
      issues.push({
        field: 'start_date_utc',
        problem: `must be after ${dates[row - 1]} (line ${table.lines[row - 1]})`,
        value: dates[row],
        fix: 'correct the date',
        ...at(row),
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return { length: table.rowCount, epoch, startHeight, startDateMs, difficulty: table.numbers('difficulty') };
}
