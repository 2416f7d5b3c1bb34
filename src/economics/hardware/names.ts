/**
 * @module economics/hardware/names
 * Forgiving name lookup for catalogs. Sources spell the same part differently ("M30S++" / "m30s-plus-plus",
 * "A100 80GB" / "A100 80 GB"), so lookups compare normalised names and, on a miss, suggest close ones.
 */
import { NotFoundError } from '../../errors.ts';

export function normalizeName(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('+', 'plus')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Edit distance from `query` to the closest substring of `text` (Sellers): "s21xpp" is 1 away from
 * "antminers21xp", where the plain edit distance would be 9 and hide the obvious suggestion.
 */
function substringDistance(query: string, text: string): number {
  let previous = new Array<number>(text.length + 1).fill(0);
  for (let i = 1; i <= query.length; i++) {
    const current = [i];
    for (let j = 1; j <= text.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (query[i - 1] === text[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return Math.min(...previous);
}

/** Ids whose names contain the query (or the reverse) or nearly do, best first. */
export function closeMatches<T extends { readonly id: string }>(
  query: string,
  rows: readonly T[],
  namesOf: (row: T) => readonly string[],
  limit = 5,
): string[] {
  const wanted = normalizeName(query);
  // A model number in the query ("H100" of "H100 NVL") is a strong hint even when the rest does not match.
  const modelNumbers = query
    .split(/[\s_/-]+/)
    .map(normalizeName)
    .filter((token) => token.length >= 3 && /\d/.test(token));
  const scored = rows.map((row) => {
    const names = namesOf(row).map(normalizeName);
    const contains = names.some(
      (name) => name.includes(wanted) || (wanted.length > 0 && wanted.includes(name)),
    );
    const sharesNumber = names.some((name) => modelNumbers.some((token) => name.includes(token)));
    const distance = Math.min(...names.map((name) => substringDistance(wanted, name)));
    return { id: row.id, score: contains ? 0 : sharesNumber ? Math.min(1, distance) : distance };
  });
  return scored
    .filter((entry) => entry.score <= Math.max(1, Math.floor(wanted.length / 4)))
    .sort((a, b) => a.score - b.score || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((entry) => entry.id);
}

/** Exact id first, then a unique normalised name; throws `NotFoundError` with close matches or candidates. */
export function findByIdOrName<T extends { readonly id: string }>(
  idOrName: string,
  rows: readonly T[],
  namesOf: (row: T) => readonly string[],
  what: string,
  hint = '',
): T {
  const byId = rows.find((row) => row.id === idOrName);
  if (byId) return byId;
  const wanted = normalizeName(idOrName);
  const hits = rows.filter((row) => namesOf(row).map(normalizeName).includes(wanted));
  const [only] = hits;
  if (hits.length === 1 && only) return only;
  if (hits.length > 1) {
    const ids = hits.map((row) => row.id).join(', ');
    throw new NotFoundError(`${what} "${idOrName}" is ambiguous: it names ${ids}; pass one of these ids`);
  }
  const close = closeMatches(idOrName, rows, namesOf);
  const suggestion = close.length > 0 ? `; close matches: ${close.join(', ')}` : '';
  throw new NotFoundError(`no ${what} "${idOrName}" in the catalog${suggestion}${hint}`);
}
