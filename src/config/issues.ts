/**
 * @module config/issues
 * Turns a zod failure into ValidationIssues that name the field, what was wrong and the fix. Fixes are
 * attached to schema fields with `.meta({ fix })`, so the hint lives next to the rule it explains.
 */
import type { z } from 'zod';
import type { ValidationIssue } from '../errors.ts';

type AnySchema = z.ZodType;

interface Wrapping {
  unwrap?: () => AnySchema;
  /** A pipe (a schema with a transform) validates with its input side. */
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  options?: readonly AnySchema[];
  meta?: () => Record<string, unknown> | undefined;
}

function fixOf(schema: AnySchema | undefined): string | undefined {
  let current = schema as (AnySchema & Wrapping) | undefined;
  while (current) {
    const fix = current.meta?.()?.fix;
    if (typeof fix === 'string') return fix;
    current = (current.unwrap?.() ?? current.in) as (AnySchema & Wrapping) | undefined;
  }
  return undefined;
}

/** Walks optional/default wrappers, objects, arrays and unions down the issue path; nearest fix wins. */
function nearestFix(root: AnySchema, path: readonly PropertyKey[]): string | undefined {
  let node = root as AnySchema & Wrapping;
  let best = fixOf(node);
  for (const key of path) {
    while ((node.unwrap || node.in) && !node.shape && !node.element) {
      node = (node.unwrap ? node.unwrap() : node.in) as AnySchema & Wrapping;
    }
    const next: AnySchema | undefined =
      typeof key === 'number'
        ? node.element
        : (node.shape?.[String(key)] ??
          node.options?.map((o) => (o as Wrapping).shape?.[String(key)]).find(Boolean));
    if (!next) break;
    node = next as AnySchema & Wrapping;
    best = fixOf(node) ?? best;
  }
  return best;
}

const valueAt = (input: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined),
    input,
  );

export function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    prefix,
  );
}

export function zodIssuesToValidationIssues(
  error: z.ZodError,
  schema: AnySchema,
  input: unknown,
  context: { source?: string; fieldPrefix?: string; line?: number },
): ValidationIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path;
    const base: ValidationIssue = {
      field: formatPath(context.fieldPrefix ?? '', path) || '(root)',
      problem: issue.message,
      fix: nearestFix(schema, path) ?? 'see the documented format in README.md',
      value: valueAt(input, path),
    };
    return {
      ...base,
      ...(context.source === undefined ? {} : { source: context.source }),
      ...(context.line === undefined ? {} : { line: context.line }),
    };
  });
}
