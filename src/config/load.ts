/**
 * @module config/load
 * Reads a YAML or JSON file and validates it against a schema; every problem is reported at once.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../errors.ts';
import { zodIssuesToValidationIssues } from './issues.ts';
import { type Site, siteSchema } from './site.ts';

export function parseConfigText<S extends z.ZodType>(text: string, source: string, schema: S): z.infer<S> {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => ({
        field: '(syntax)',
        problem: e.message.split('\n')[0] ?? 'unreadable YAML/JSON',
        fix: 'fix the syntax at that line (YAML or JSON)',
        source,
        line: e.linePos?.[0]?.line ?? 1,
      })),
    );
  }
  const input: unknown = doc.toJS();
  const result = schema.safeParse(input);
  if (!result.success)
    throw new ConfigError(zodIssuesToValidationIssues(result.error, schema, input, { source }));
  return result.data;
}

export function loadConfigFile<S extends z.ZodType>(path: string, schema: S): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(
      [
        {
          field: '(file)',
          problem: `cannot be read (${(cause as NodeJS.ErrnoException).code ?? 'error'})`,
          fix: 'check the path',
          source: path,
        },
      ],
      { cause },
    );
  }
  return parseConfigText(text, path, schema);
}

export const loadSiteFile = (path: string): Site => loadConfigFile(path, siteSchema);
export const parseSiteText = (text: string, source: string): Site =>
  parseConfigText(text, source, siteSchema);
