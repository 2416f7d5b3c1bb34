/** The market codec pinned on examples/market (2025-09-26 from data/btc_network_daily.csv, see its README). */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../errors.ts';
import {
  type MarketBodies,
  type MarketBodyName,
  MEMPOOL_PATHS,
  marketSnapshotFromBodies,
  parseBtcPriceUsd,
  parseFeesBtcPerBlock,
  parseTipHeight,
} from './protocol.ts';
import { FIXTURE_FILES } from './provider.ts';

const FIXTURES = new URL('../../../examples/market/', import.meta.url);
const fixture = (file: string): string => readFileSync(new URL(file, FIXTURES), 'utf8');
const BASE = 'https://mempool.example/api';
const NAMES = Object.keys(MEMPOOL_PATHS) as MarketBodyName[];

function bodies(overrides: Partial<Record<MarketBodyName, string>> = {}): MarketBodies {
  const entry = (name: MarketBodyName) => ({
    raw: overrides[name] ?? fixture(FIXTURE_FILES[name]),
    source: { origin: BASE, path: MEMPOOL_PATHS[name] },
  });
  return {
    tipHeight: entry('tipHeight'),
    hashrate: entry('hashrate'),
    rewardStats: entry('rewardStats'),
    prices: entry('prices'),
  };
}

/**
 * Hashprice from its published definition (PROTOCOLS.md §5.3), written out here rather than imported:
 * USD/PH/day = (subsidy + fees per block) × price × 1 PH/s × 86,400 s / (difficulty × 2^32 hashes per block).
 * The 86,400 is the 144 blocks/day × 600 s of §5.3's `difficulty × 2^32 / 600` hashrate.
 */
const independentHashprice = (subsidyBtc: number, feesBtc: number, priceUsd: number, difficulty: number) =>
  ((subsidyBtc + feesBtc) * priceUsd * 1e15 * 86_400) / (difficulty * 2 ** 32);

describe('marketSnapshotFromBodies on the 2025-09-26 fixtures', () => {
  const snapshot = marketSnapshotFromBodies(bodies(), 1_758_931_200_000);

  it('reads tip height, difficulty, fees per block and price as the CSV row gives them', () => {
    expect(snapshot.tipHeight).toBe(916_533);
    expect(snapshot.difficulty).toBe(142_342_602_928_674.9);
    // CSV fees_btc 4.06730819 over the day's 132 blocks (916402..916533 inclusive).
    expect(snapshot.feesBtcPerBlock).toBeCloseTo(4.067_308_19 / 132, 15);
    expect(snapshot.btcPriceUsd).toBe(109_713);
    // Height 916534 is in the fifth subsidy era (840000..1049999): 50 / 2^4.
    expect(snapshot.subsidyBtc).toBe(3.125);
    expect(snapshot.atMs).toBe(1_758_931_200_000);
  });

  it('derives hashprice equal to the definition computed by hand (relative tolerance 1e-12)', () => {
    const expected = independentHashprice(3.125, 4.067_308_19 / 132, 109_713, 142_342_602_928_674.9);
    // By hand: 3.15581 BTC × 109,713 USD × 8.64e19 H / 6.1135e23 H ≈ 48.93 USD/PH/day. The 1e-12 allows
    // only for a different order of the same float operations.
    expect(expected).toBeGreaterThan(48.9);
    expect(expected).toBeLessThan(49);
    expect(Math.abs(snapshot.hashpriceUsdPerPhDay - expected) / expected).toBeLessThan(1e-12);
  });

  it('names every source', () => {
    expect(snapshot.sources).toEqual({
      tipHeight: `${BASE}/blocks/tip/height`,
      hashrate: `${BASE}/v1/mining/hashrate/3d`,
      rewardStats: `${BASE}/v1/mining/reward-stats/144`,
      prices: `${BASE}/v1/prices`,
    });
  });

  it('uses the next block subsidy across a halving (tip 1049999 mines block 1050000 at 1.5625 BTC)', () => {
    const atHalving = marketSnapshotFromBodies(bodies({ tipHeight: '1049999\n' }), 0);
    expect(atHalving.subsidyBtc).toBe(1.5625);
  });
});

describe('spot price shapes', () => {
  const source = { origin: 'https://price.example', path: '/spot' };
  it('reads CoinGecko and Coinbase bodies to the same close', () => {
    expect(parseBtcPriceUsd(fixture('coingecko-simple-price.json'), source)).toBe(109_712.83);
    expect(parseBtcPriceUsd(fixture('coinbase-spot.json'), source)).toBe(109_712.83);
  });
  it('rejects a Coinbase amount of zero and a non-USD quote', () => {
    expect(() =>
      parseBtcPriceUsd('{"data":{"amount":"0.00","base":"BTC","currency":"USD"}}', source),
    ).toThrow(ProtocolError);
    expect(() =>
      parseBtcPriceUsd('{"data":{"amount":"1.00","base":"BTC","currency":"EUR"}}', source),
    ).toThrow(ProtocolError);
  });
});

describe('bad bodies are ProtocolErrors naming the source and an excerpt', () => {
  const source = { origin: BASE, path: MEMPOOL_PATHS.tipHeight };
  it('tip height that is not an integer', () => {
    const error = (() => {
      try {
        parseTipHeight('<html>rate limited</html>', source);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ProtocolError);
    const protocolError = error as ProtocolError;
    expect(protocolError.device).toBe(BASE);
    expect(protocolError.command).toBe('/blocks/tip/height');
    expect(protocolError.excerpt).toBe('<html>rate limited</html>');
    expect(protocolError.message).toContain('https://mempool.example/api: /blocks/tip/height');
  });

  it('reward stats with the window reversed, or fees that are not whole sats', () => {
    const rewards = { origin: BASE, path: MEMPOOL_PATHS.rewardStats };
    expect(() =>
      parseFeesBtcPerBlock('{"startBlock":10,"endBlock":9,"totalReward":"1","totalFee":"1"}', rewards),
    ).toThrow(/endBlock/);
    expect(() =>
      parseFeesBtcPerBlock('{"startBlock":1,"endBlock":9,"totalReward":"1","totalFee":"1.5"}', rewards),
    ).toThrow(ProtocolError);
    // Numbers instead of strings (some mirrors) are accepted.
    expect(
      parseFeesBtcPerBlock('{"startBlock":1,"endBlock":2,"totalReward":1,"totalFee":100000000}', rewards),
    ).toBe(0.5);
  });

  it('a hashrate reply missing currentDifficulty names the field', () => {
    expect(() =>
      marketSnapshotFromBodies(
        bodies({ hashrate: '{"hashrates":[],"difficulty":[],"currentHashrate":1}' }),
        0,
      ),
    ).toThrow(/v1\/mining\/hashrate\/3d.*currentDifficulty/);
  });
});

describe('arbitrary bodies (fast-check)', () => {
  const anyBody = fc.oneof(
    fc.json(),
    fc.string(),
    fc.integer().map(String),
    fc
      .record({
        startBlock: fc.integer(),
        endBlock: fc.integer(),
        totalReward: fc.string(),
        totalFee: fc.oneof(fc.string(), fc.double()),
      })
      .map((value) => JSON.stringify(value)),
    fc
      .record({
        hashrates: fc.constant([]),
        difficulty: fc.constant([]),
        currentHashrate: fc.double(),
        currentDifficulty: fc.double({ noNaN: true }),
      })
      .map((value) => JSON.stringify(value)),
    fc.record({ time: fc.integer(), USD: fc.double({ noNaN: true }) }).map((value) => JSON.stringify(value)),
  );

  it('never throw anything but ProtocolError, whichever body they replace', () => {
    fc.assert(
      fc.property(fc.constantFrom(...NAMES), anyBody, (name, raw) => {
        try {
          const snapshot = marketSnapshotFromBodies(bodies({ [name]: raw }), 0);
          expect(Number.isFinite(snapshot.hashpriceUsdPerPhDay)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ProtocolError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
