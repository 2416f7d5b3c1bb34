/**
 * @module cli/format
 * Number formats and the table style of every text report.
 */
import Table from 'cli-table3';

// toLocaleString builds a formatter on every call; a report prints hundreds of numbers, so keep one per precision.
const formatters = new Map<number, Intl.NumberFormat>();

export function num(value: number, digits = 2): string {
  let formatter = formatters.get(digits);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(digits, formatter);
  }
  return formatter.format(value);
}

export const usd = (value: number, digits = 0): string =>
  `${value < 0 ? '-' : ''}$${num(Math.abs(value), digits)}`;

export const pct = (fraction: number, digits = 1): string => `${num(fraction * 100, digits)} %`;

export const orDash = <T>(value: T | undefined, show: (v: T) => string): string =>
  value === undefined ? '—' : show(value);

export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const t = new Table({ head: [...head], style: { head: [], border: [], compact: true }, wordWrap: true });
  for (const row of rows) t.push([...row]);
  return t.toString();
}

/** A section of rows under a title spanning the table, for grouping report lines by theme. */
export function sectionedTable(
  head: readonly string[],
  sections: readonly { title: string; rows: readonly (readonly string[])[] }[],
): string {
  const t = new Table({
    head: [...head],
    style: { head: [], border: [], compact: true },
    wordWrap: true,
    colWidths: [36, 38, 38],
  });
  for (const section of sections) {
    t.push([{ colSpan: head.length, content: `── ${section.title.toUpperCase()} ──` }]);
    for (const row of section.rows) t.push([...row]);
  }
  return t.toString();
}

export function notesBlock(title: string, notes: readonly { input: string; assumed: string }[]): string {
  if (notes.length === 0) return '';
  return `\n${title}:\n${notes.map((n) => `  - ${n.input}: ${n.assumed}`).join('\n')}\n`;
}
