/**
 * STYLE.md §5 purity rule for this slice: src/series/ and the history parsers import no node:*
 * module, nothing from src/history (for series), and use no clock or randomness; only load.ts
 * touches the file system.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = (name: string): URL => new URL(`../${name}/`, import.meta.url);
const sources = (name: string): { file: string; text: string }[] =>
  readdirSync(folder(name))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => ({ file: `${name}/${file}`, text: readFileSync(new URL(file, folder(name)), 'utf8') }));

const IMPURE = /from 'node:|Date\.now\(|Math\.random\(|new Date\(\)/;

describe('purity', () => {
  it('keeps src/series free of I/O, clock, randomness and history imports', () => {
    const offenders = sources('series').filter(
      ({ text }) => IMPURE.test(text) || text.includes("from '../history/"),
    );
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });
  it('keeps the history parsers pure; only load.ts reads files', () => {
    const offenders = sources('history').filter(
      ({ file, text }) => file !== 'history/load.ts' && IMPURE.test(text),
    );
    expect(offenders.map(({ file }) => file)).toEqual([]);
  });
});
