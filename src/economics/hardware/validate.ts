/**
 * @module economics/hardware/validate
 * Catalog rows are typed consts, but a typo in a number still type-checks. Every catalog runs its rows through
 * a zod schema at module load; a bad row stops the import with a `ValidationError` that names the catalog, the
 * row id, the field, the value and what to do.
 */
import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../../errors.ts';

export interface CatalogSpec {
  /** Catalog name used in field paths, e.g. `asicModels`. */
  readonly catalog: string;
  /** File that holds the rows, shown as the issue source. */
  readonly sourceFile: string;
  /** Fix text per top-level field; `default` for the rest. */
  readonly fixes: Readonly<Record<string, string>> & { readonly default: string };
  /** Fields whose combined value must be unique across rows (default: just `id`). */
  readonly uniqueBy?: (row: unknown) => string;
}

function rowLabel(row: unknown, index: number): string {
  if (typeof row === 'object' && row !== null && 'id' in row && typeof row.id === 'string') return row.id;
  return `#${index}`;
}

function valueAt(row: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = row;
  for (const key of path) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** Checks every row (not just the first bad one) and the uniqueness of ids; returns the rows unchanged. */
export function validateCatalogRows<T>(
  rows: readonly T[],
  schema: z.ZodType,
  spec: CatalogSpec,
): readonly T[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const label = rowLabel(row, index);
    const parsed = schema.safeParse(row);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const top = String(issue.path[0] ?? '');
        const fieldPath = issue.path.map(String).join('.');
        issues.push({
          field: `${spec.catalog}[${label}]${fieldPath ? `.${fieldPath}` : ''}`,
          problem: issue.message,
          value: issue.path.length > 0 ? valueAt(row, issue.path) : 'keys' in issue ? issue.keys : undefined,
          fix: spec.fixes[top] ?? spec.fixes.default,
          source: spec.sourceFile,
        });
      }
    }
    const key = spec.uniqueBy ? spec.uniqueBy(row) : label;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        field: `${spec.catalog}[${label}].id`,
        problem: `duplicate key (row ${first} has the same)`,
        value: key,
        fix: 'give each row a distinct kebab-case id, e.g. add the hash-rate bin: antminer-s19j-pro-104t',
        source: spec.sourceFile,
      });
    } else {
      seen.set(key, index);
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return rows;
}
