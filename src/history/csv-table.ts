/**
 * @module history/csv-table
 * CSV text to validated cells. Pure (no file access) so tests can feed crafted text. Every data row
 * is checked by a zod schema built from the columns' cell rules (see cells.ts); every problem found
 * (up to a cap) becomes one `ValidationIssue` naming file, line, column, value and fix.
 */

import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { ValidationIssue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { Cell } from './cells.ts';

export interface ColumnSpec extends Cell {
  readonly name: string;
}

export const column = (name: string, cell: Cell): ColumnSpec => ({ name, ...cell });

/** `Float64Array.from(items, map)` goes through the iterator protocol; this plain loop is ~10x faster. */
export function mapToFloat64<T>(items: readonly T[], map: (item: T, index: number) => number): Float64Array {
  const out = new Float64Array(items.length);
  for (let index = 0; index < items.length; index++) out[index] = map(items[index] as T, index);
  return out;
}

/** Enough to fix a file in one pass without flooding the terminal on a wholly wrong one. */
const MAX_ISSUES = 100;

export interface CsvTable {
  readonly sourceName: string;
  readonly rowCount: number;
  /** 1-based line of each data row in the file (the header is line 1). */
  readonly lines: readonly number[];
  /** The cells of one column, as text. */
  texts(name: string): readonly string[];
  /** The cells of one column as numbers; an empty cell (a gap) is NaN. */
  numbers(name: string): Float64Array;
  /** `file:line` of a data row, for citations and messages. */
  where(row: number): string;
}

interface Records {
  readonly records: string[][];
  readonly lines: number[];
}

function splitRecords(text: string, sourceName: string): Records {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    const lines: number[] = [];
    const records = parse(body, {
      relax_column_count: true,
      on_record: (record: string[], context) => {
        lines.push(context.lines);
        return record;
      },
    });
    return { records, lines };
  } catch (error) {
    const line =
      typeof error === 'object' && error !== null && 'lines' in error ? Number(error.lines) : undefined;
    throw new ValidationError(
      [
        {
          field: '(csv)',
          problem: `is not valid CSV: ${error instanceof Error ? error.message : String(error)}`,
          fix: 'repair the quoting on that line',
          source: sourceName,
          ...(line === undefined || Number.isNaN(line) ? {} : { line }),
        },
      ],
      { cause: error },
    );
  }
}

function checkHeader(header: readonly string[], columns: readonly ColumnSpec[], sourceName: string): void {
  const expected = columns.map((spec) => spec.name);
  if (header.length === expected.length && header.every((name, index) => name === expected[index])) return;
  const missing = expected.filter((name) => !header.includes(name));
  const unexpected = header.filter((name) => !expected.includes(name));
  const detail =
    missing.length + unexpected.length === 0
      ? 'the columns are in another order'
      : [
          missing.length > 0 ? `missing ${missing.join(', ')}` : '',
          unexpected.length > 0 ? `unexpected ${unexpected.join(', ')}` : '',
        ]
          .filter((part) => part !== '')
          .join('; ');
  throw new ValidationError([
    {
      field: '(header)',
      problem: `columns must be exactly ${expected.join(',')} (${detail})`,
      value: header.join(','),
      fix: 'restore the header row as shipped; data/SOURCES.md lists every column',
      source: sourceName,
      line: 1,
    },
  ]);
}

/** Parse and validate a CSV file's text; throws `ValidationError` listing every bad cell. */
export function readCsvTable(text: string, sourceName: string, columns: readonly ColumnSpec[]): CsvTable {
  const { records, lines } = splitRecords(text, sourceName);
  const header = records[0];
  if (header === undefined) {
    throw new ValidationError([
      {
        field: '(header)',
        problem: 'the file is empty',
        fix: 'restore the file from data/',
        source: sourceName,
        line: 1,
      },
    ]);
  }
  checkHeader(header, columns, sourceName);
  const [firstSchema, ...restSchemas] = columns.map((spec) => spec.schema);
  if (firstSchema === undefined) throw new TypeError('readCsvTable: no columns given');
  // Every row goes through `rowSchema`: one zod check running each column's rule. Only a rejected
  // row is re-checked cell by cell with `diagnosis`, built from the same rules, to name the column.
  const rowSchema = z.custom<readonly string[]>((record) => {
    if (!Array.isArray(record) || record.length !== columns.length) return false;
    for (let index = 0; index < columns.length; index++) {
      if (!columns[index]?.accepts(record[index])) return false;
    }
    return true;
  });
  const diagnosis = z.tuple([firstSchema, ...restSchemas]);
  const issues: ValidationIssue[] = [];
  for (let row = 1; row < records.length && issues.length < MAX_ISSUES; row++) {
    const record = records[row] ?? [];
    if (rowSchema.safeParse(record).success) continue;
    const line = lines[row] ?? row + 1;
    if (record.length !== columns.length) {
      issues.push({
        field: '(row)',
        problem: `must have ${columns.length} cells; found ${record.length}`,
        value: record.join(','),
        fix: 'check for a missing or extra comma, or a blank line',
        source: sourceName,
        line,
      });
      continue;
    }
    const result = diagnosis.safeParse(record);
    if (result.success) {
      // Only reachable with a cell whose `accepts` and `schema` disagree; never let such a row pass.
      issues.push({
        field: '(row)',
        problem: 'was rejected by the row rule',
        value: record.join(','),
        fix: 'correct the row',
        source: sourceName,
        line,
      });
      continue;
    }
    for (const issue of result.error.issues) {
      const index = typeof issue.path[0] === 'number' ? issue.path[0] : -1;
      const spec = columns[index];
      issues.push({
        field: spec?.name ?? '(row)',
        problem: issue.message,
        value: record[index],
        fix: spec?.fix ?? 'correct the row',
        source: sourceName,
        line,
      });
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);

  const data = records.slice(1);
  const dataLines = lines.slice(1);
  const indexOf = (name: string): number => {
    const index = columns.findIndex((spec) => spec.name === name);
    if (index < 0) throw new TypeError(`readCsvTable: no column ${name} in ${sourceName}`);
    return index;
  };
  const textColumns = new Map<string, string[]>();
  const texts = (name: string): string[] => {
    let cells = textColumns.get(name);
    if (cells === undefined) {
      const index = indexOf(name);
      cells = data.map((record) => record[index] ?? '');
      textColumns.set(name, cells);
    }
    return cells;
  };
  return {
    sourceName,
    rowCount: data.length,
    lines: dataLines,
    texts,
    numbers: (name) => {
      const cells = texts(name);
      const values = new Float64Array(cells.length);
      for (let row = 0; row < cells.length; row++) {
        const text = cells[row] ?? '';
        values[row] = text === '' ? Number.NaN : Number(text);
      }
      return values;
    },
    where: (row) => `${sourceName}:${dataLines[row] ?? '?'}`,
  };
}
