import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { anyNumber, positiveNumber, utcDay, wholeNumber } from './cells.ts';
import { column, readCsvTable } from './csv-table.ts';

const COLUMNS = [
  column('date_utc', utcDay),
  column('price_usd', positiveNumber(true)),
  column('block_count', wholeNumber(0, 10_000, false)),
  column('delta', anyNumber(true)),
];

function caught(run: () => unknown): ValidationError {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('readCsvTable', () => {
  it('reads cells, turning empty cells into NaN gaps', () => {
    const table = readCsvTable(
      'date_utc,price_usd,block_count,delta\r\n2024-01-01,,144,-1.5\r\n2024-01-02,42.5,150,\r\n',
      't.csv',
      COLUMNS,
    );
    expect(table.rowCount).toBe(2);
    expect(table.lines).toEqual([2, 3]);
    expect([...table.numbers('price_usd')]).toEqual([Number.NaN, 42.5]);
    expect([...table.numbers('delta')]).toEqual([-1.5, Number.NaN]);
    expect(table.texts('date_utc')).toEqual(['2024-01-01', '2024-01-02']);
    expect(table.where(1)).toBe('t.csv:3');
  });

  it('names file, line, column, value and fix for a bad number', () => {
    const error = caught(() =>
      readCsvTable(
        'date_utc,price_usd,block_count,delta\n2024-01-01,1,144,0\n2024-01-02,abc,150,0\n',
        'data/x.csv',
        COLUMNS,
      ),
    );
    expect(error.issues).toEqual([
      {
        field: 'price_usd',
        problem: 'must be a positive number',
        value: 'abc',
        fix: 'correct the cell or leave it empty to mark a gap',
        source: 'data/x.csv',
        line: 3,
      },
    ]);
    expect(error.message).toContain(
      'data/x.csv:line 3: price_usd: must be a positive number; got "abc"; fix: correct the cell or leave it empty to mark a gap',
    );
  });

  it('lists every bad cell, not only the first', () => {
    const text = 'date_utc,price_usd,block_count,delta\n2024-02-30,-1,,1e5\n2024-03-01,0,1.5,NaN\n';
    const error = caught(() => readCsvTable(text, 'x.csv', COLUMNS));
    expect(error.issues.map((issue) => [issue.line, issue.field, issue.problem, issue.value])).toEqual([
      [2, 'date_utc', 'must be a real calendar day written YYYY-MM-DD', '2024-02-30'],
      [2, 'price_usd', 'must be a positive number', '-1'],
      [2, 'block_count', 'must not be empty', ''],
      [3, 'price_usd', 'must be a positive number', '0'],
      [3, 'block_count', 'must be a whole number from 0 to 10000', '1.5'],
      [3, 'delta', 'must be a number', 'NaN'],
    ]);
    expect(error.issues[2]?.fix).toBe('correct the cell; this column may not be empty');
  });

  it('rejects thousands separators and padded numbers', () => {
    for (const bad of ['1,000', ' 5', '0x10', 'Infinity', '1_000']) {
      const text = `date_utc,price_usd,block_count,delta\n2024-01-01,1,1,"${bad}"\n`;
      expect(() => readCsvTable(text, 'x.csv', COLUMNS), bad).toThrow(/delta: must be a number/);
    }
  });

  it('names the expected columns when one is missing or renamed', () => {
    const missing = caught(() =>
      readCsvTable('date_utc,price_usd,delta\n2024-01-01,1,1\n', 'x.csv', COLUMNS),
    );
    expect(missing.issues[0]).toMatchObject({
      field: '(header)',
      line: 1,
      source: 'x.csv',
      value: 'date_utc,price_usd,delta',
    });
    expect(missing.message).toContain(
      'columns must be exactly date_utc,price_usd,block_count,delta (missing block_count)',
    );
    const renamed = caught(() => readCsvTable('date_utc,price,block_count,delta\n', 'x.csv', COLUMNS));
    expect(renamed.message).toContain('(missing price_usd; unexpected price)');
    const reordered = caught(() => readCsvTable('price_usd,date_utc,block_count,delta\n', 'x.csv', COLUMNS));
    expect(reordered.message).toContain('the columns are in another order');
  });

  it('rejects a row with too few or too many cells, and a blank line', () => {
    const error = caught(() =>
      readCsvTable(
        'date_utc,price_usd,block_count,delta\n2024-01-01,1,1\n\n2024-01-03,1,1,1,1\n',
        'x.csv',
        COLUMNS,
      ),
    );
    expect(error.issues.map((issue) => [issue.line, issue.problem])).toEqual([
      [2, 'must have 4 cells; found 3'],
      [3, 'must have 4 cells; found 1'],
      [4, 'must have 4 cells; found 5'],
    ]);
  });

  it('reads quoted CSV through csv-parse with the same result and line numbers', () => {
    const plain = readCsvTable(
      'date_utc,price_usd,block_count,delta\n2024-01-01,1.5,10,2\n2024-01-02,,11,\n',
      'x.csv',
      COLUMNS,
    );
    const quoted = readCsvTable(
      '"date_utc",price_usd,block_count,delta\n2024-01-01,"1.5",10,2\n2024-01-02,,11,""\n',
      'x.csv',
      COLUMNS,
    );
    expect([...quoted.numbers('price_usd')]).toEqual([...plain.numbers('price_usd')]);
    expect([...quoted.numbers('delta')]).toEqual([...plain.numbers('delta')]);
    expect(quoted.lines).toEqual(plain.lines);
    const bad = caught(() =>
      readCsvTable('date_utc,price_usd,block_count,delta\n2024-01-01,"x,y",10,2\n', 'q.csv', COLUMNS),
    );
    expect(bad.issues[0]).toMatchObject({ field: 'price_usd', value: 'x,y', line: 2 });
  });

  it('reports broken quoting as a CSV error with its line', () => {
    const error = caught(() =>
      readCsvTable('date_utc,price_usd,block_count,delta\n2024-01-01,"1,10,2\n', 'q.csv', COLUMNS),
    );
    expect(error.issues[0]).toMatchObject({ field: '(csv)', source: 'q.csv' });
  });

  it('stops after 100 issues so a wholly wrong file does not flood the terminal', () => {
    const rows = Array.from({ length: 300 }, () => 'x,x,x,x').join('\n');
    const error = caught(() =>
      readCsvTable(`date_utc,price_usd,block_count,delta\n${rows}\n`, 'x.csv', COLUMNS),
    );
    expect(error.issues.length).toBeGreaterThanOrEqual(100);
    expect(error.issues.length).toBeLessThan(104);
    expect(error.message).toMatch(/\.\.\. and \d+ more/);
  });
});
