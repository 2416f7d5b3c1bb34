/**
 * @module history/sequence
 * Rows of a regular file must sit on consecutive grid points; a missing or repeated date is an
 * error naming both lines, never silently turned into a gap.
 */

import type { ValidationIssue } from '../errors.ts';
import { ValidationError } from '../errors.ts';
import type { CsvTable } from './csv-table.ts';

export interface StepCheck {
  readonly table: CsvTable;
  /** Parsed instant of each row, ms UTC. */
  readonly instantsMs: Float64Array;
  readonly stepMs: number;
  /** Column holding the instant, named in the message. */
  readonly column: string;
  /** Grid unit for the message: "day", "hour". */
  readonly unit: string;
  /** First row index to check against its predecessor (default 1). */
  readonly fromRow?: number;
  /** Exclusive end row (default all rows). */
  readonly toRow?: number;
}

/** Throws `ValidationError` unless every row is exactly one step after the row before it. */
export function checkConsecutive(check: StepCheck): void {
  const { table, instantsMs, stepMs, column, unit } = check;
  const texts = table.texts(column);
  const issues: ValidationIssue[] = [];
  const toRow = check.toRow ?? instantsMs.length;
  for (let row = Math.max(1, check.fromRow ?? 1); row < toRow; row++) {
    const deltaMs = (instantsMs[row] ?? Number.NaN) - (instantsMs[row - 1] ?? Number.NaN);
    if (deltaMs === stepMs) continue;
    const previous = `${texts[row - 1]} (line ${table.lines[row - 1]})`;
    const steps = deltaMs / stepMs;
    const problem =
      steps === 0
        ? `repeats ${previous}`
        : steps < 0
          ? `goes back in time after ${previous}`
          : `must be the ${unit} after ${previous}; ${steps - 1} ${unit}(s) missing between them`;
    issues.push({
      field: column,
      problem,
      value: texts[row],
      fix:
        steps === 0
          ? 'delete the duplicate row'
          : `restore the missing ${unit}s as rows (leave values empty for gaps) or fix the date`,
      source: table.sourceName,
      line: table.lines[row] ?? 0,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
