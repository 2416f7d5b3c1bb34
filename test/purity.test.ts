/** The purity rule of STYLE.md §5, enforced on every pure source file. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PURE_MODULES_IN_IMPURE_FOLDERS, purityViolations } from './helpers/purity.ts';

const SRC = new URL('../src/', import.meta.url).pathname;
const PURE_FOLDERS = [
  'units',
  'economics',
  'series',
  'planner',
  'backtest',
  'montecarlo',
  'report',
  'strategies',
  'controller/policy',
];

function sourceFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true }) as string[];
  } catch {
    return [];
  }
  return entries.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => join(dir, f));
}

describe('purity rule', () => {
  it('flags each kind of violation in a synthetic file (so the checker itself can fail)', () => {
    const bad = [
      "import { readFileSync } from 'node:fs';",
      "import { poll } from '../../drivers/miner-luxos/driver.ts';",
      'const t = Date.now();',
      'const r = Math.random();',
      'const d = new Date();',
      'const e = process.env.X;',
      "const m = await import('node:net');",
      '// Date.now() in a comment is fine',
      'const ok = new Date(0);',
      "import type { Site } from '../config/site.ts';",
    ].join('\n');
    const problems = purityViolations('bad.ts', bad);
    expect(problems).toHaveLength(7);
    expect(problems.join('\n')).toMatch(/bad\.ts:1 imports node:fs/);
    expect(problems.join('\n')).toMatch(/bad\.ts:3 reads Date\.now/);
  });

  // The history parsers take text, so they are pure too; only load.ts (and the index re-exporting it) reads files.
  const historyParsers = sourceFiles(join(SRC, 'history')).filter(
    (f) => !/\/(load|load-[\w-]+|index)\.ts$/.test(f),
  );
  const files = [
    ...PURE_FOLDERS.flatMap((folder) => sourceFiles(join(SRC, folder))),
    ...historyParsers,
    ...PURE_MODULES_IN_IMPURE_FOLDERS.map((m) => join(SRC, m)),
  ];
  it('covers the pure folders that exist', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  it.each(files.map((f) => [relative(SRC, f), f]))('src/%s is pure', (_name, file) => {
    expect(purityViolations(relative(SRC, file), readFileSync(file, 'utf8'))).toEqual([]);
  });
});
