import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors.ts';
import { loadBtcNetworkDaily } from '../../history/load.ts';
import { marketBodiesOn } from './history.ts';
import { FIXTURE_FILES } from './provider.ts';

const EXAMPLE_DAY = new URL('../../../examples/market/', import.meta.url);
const network = loadBtcNetworkDaily();

describe('marketBodiesOn', () => {
  it('derives the recorded day of examples/market exactly (2025-09-26)', () => {
    const bodies = marketBodiesOn(network, Date.UTC(2025, 8, 26, 13, 30));
    for (const name of ['tipHeight', 'hashrate', 'rewardStats', 'prices'] as const) {
      const recorded = readFileSync(new URL(FIXTURE_FILES[name], EXAMPLE_DAY), 'utf8').trim();
      expect(name === 'tipHeight' ? bodies[name] : JSON.parse(bodies[name])).toEqual(
        name === 'tipHeight' ? recorded : JSON.parse(recorded),
      );
    }
  });

  it('gives another day its own numbers: 2021-02-16, in Winter Storm Uri', () => {
    const bodies = marketBodiesOn(network, Date.UTC(2021, 1, 16, 2));
    const i = (Date.UTC(2021, 1, 16) - network.startMs) / 86_400_000;
    const stats = JSON.parse(bodies.rewardStats) as {
      startBlock: number;
      endBlock: number;
      totalFee: string;
    };
    expect(stats.endBlock - stats.startBlock + 1).toBe(network.blockCount[i]);
    expect(Number(stats.totalFee)).toBe(Math.round(network.feesBtc[i]! * 1e8));
    expect(JSON.parse(bodies.prices).USD).toBe(Math.round(network.priceUsd[i]!));
    expect(JSON.parse(bodies.hashrate).currentDifficulty).toBe(network.difficulty[i]);
  });

  it('names the day when the history does not hold it', () => {
    expect(() => marketBodiesOn(network, Date.UTC(2035, 0, 1))).toThrow(NotFoundError);
    expect(() => marketBodiesOn(network, Date.UTC(2035, 0, 1))).toThrow(/2035-01-01/);
  });
});
