/**
 * @module runs/examples
 * The example site files (examples/*.yaml) are what the API's runs and reports may name, by id: a client never
 * sends a path, so it can never make the server read a file of its choosing. The files ship with the checkout
 * and do not change while the process runs, so the list is read once.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ExampleSite } from '../api/run-schemas.ts';
import { loadSiteFile } from '../config/load.ts';
import { ValidationError } from '../errors.ts';

// `../../examples` from src/runs/ (tsx, vitest) and from dist/runs/ alike.
const EXAMPLES_DIR = new URL('../../examples/', import.meta.url);

let cached: readonly ExampleSite[] | undefined;

export function exampleSites(): readonly ExampleSite[] {
  cached ??= readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => ({
      id: file.slice(0, -'.yaml'.length),
      name: loadSiteFile(fileURLToPath(new URL(file, EXAMPLES_DIR))).name,
      file: `examples/${file}`,
    }));
  return cached;
}

export interface ExampleSitePath {
  /** Absolute, so it reads the same file whatever the server's working directory. */
  readonly path: string;
  /** As a user would type it from the package root (`examples/site-20mw.yaml`): what reports name. */
  readonly label: string;
}

/** The file of example site `id`; a ValidationError at `field` listing the ids there are, when none. */
export function exampleSitePath(id: string, field: string): ExampleSitePath {
  const site = exampleSites().find((s) => s.id === id);
  if (site === undefined) {
    const ids = exampleSites().map((s) => s.id);
    throw new ValidationError([
      {
        field,
        problem: 'is not an example site',
        value: id,
        fix: `one of ${ids.join(', ')} (GET /api/v1/sites/examples)`,
      },
    ]);
  }
  return {
    path: fileURLToPath(new URL(site.file.slice('examples/'.length), EXAMPLES_DIR)),
    label: site.file,
  };
}
