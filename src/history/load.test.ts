import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_FILES, loadErcotFuelMixHourly, loadErcotRtmFeb, shippedDataPath } from './load.ts';

describe('shipped data files', () => {
  it('resolves data/ from the module, for src/ and dist/ alike', () => {
    expect(shippedDataPath('btc_network_daily.csv')).toMatch(/\/data\/btc_network_daily\.csv$/);
    expect(readFileSync(shippedDataPath(DATA_FILES.btcNetworkDaily), 'utf8').slice(0, 8)).toBe('date_utc');
  });

  it('matches the sha256 and row count recorded in data/SOURCES.md, for every CSV in data/', () => {
    const sources = readFileSync(shippedDataPath('SOURCES.md'), 'utf8');
    const recorded = new Map(
      [...sources.matchAll(/^\| `([a-z0-9_]+\.csv)` \| ([\d,]+) \| `([0-9a-f]{64})` \|/gm)].map((match) => [
        match[1],
        { rows: Number(match[2]?.replaceAll(',', '')), sha256: match[3] },
      ]),
    );
    const shipped = readdirSync(shippedDataPath('')).filter((file) => file.endsWith('.csv'));
    expect([...recorded.keys()].sort()).toEqual(shipped.sort());
    for (const file of shipped) {
      const bytes = readFileSync(shippedDataPath(file));
      const lines = bytes.toString('utf8').split('\r\n').length - 2;
      expect({ file, rows: lines, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual({
        file,
        ...recorded.get(file),
      });
    }
  });

  it('caches by path: the same object on a second call', () => {
    expect(loadErcotRtmFeb()).toBe(loadErcotRtmFeb());
    expect(loadErcotFuelMixHourly()).toBe(loadErcotFuelMixHourly());
  });
});
