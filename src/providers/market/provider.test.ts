/** Live provider against the mempool-style simulator over a real socket, and fixture (replay) mode. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DeviceTimeoutError, NotFoundError, ProtocolError, ValidationError } from '../../errors.ts';
import { type MarketSnapshot, MEMPOOL_PATHS } from './protocol.ts';
import { FIXTURE_FILES, fixtureMarketProvider, liveMarketProvider } from './provider.ts';
import {
  API_PREFIX,
  COINBASE_SPOT_PATH,
  COINGECKO_PATH,
  type MarketSimulator,
  startMarketSimulator,
} from './simulator.ts';

const FOLDER = fileURLToPath(new URL('../../../examples/market/', import.meta.url));
const AT_MS = 1_758_931_200_000;
const clock = () => AT_MS;

/** The numbers every mode must agree on for the fixture day (sources differ by mode). */
const numbers = ({ sources: _sources, ...rest }: MarketSnapshot) => rest;

describe('liveMarketProvider against the simulator', () => {
  let sim: MarketSimulator;
  beforeAll(async () => {
    sim = await startMarketSimulator(FOLDER);
  });
  afterEach(() => {
    sim.faults = {};
  });
  afterAll(async () => {
    await sim.close();
  });

  const live = (extra: { priceUrl?: string; timeoutMs?: number } = {}) =>
    liveMarketProvider({ baseUrl: sim.url, timeoutMs: extra.timeoutMs ?? 2000, clock, ...extra });

  it('gives the same snapshot as fixture mode, with the URLs as sources', async () => {
    const snapshot = await live().snapshot();
    const replayed = await fixtureMarketProvider(FOLDER, { clock }).snapshot();
    expect(numbers(snapshot)).toEqual(numbers(replayed));
    expect(snapshot.tipHeight).toBe(916_533);
    expect(snapshot.sources.prices).toBe(`${sim.url}/v1/prices`);
    expect(sim.hits.get(`${API_PREFIX}${MEMPOOL_PATHS.rewardStats}`)).toBeGreaterThanOrEqual(1);
  });

  it('takes the price from a CoinGecko or Coinbase URL when given', async () => {
    const coingecko = await live({
      priceUrl: `${sim.rootUrl}${COINGECKO_PATH}?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true`,
    }).snapshot();
    expect(coingecko.btcPriceUsd).toBe(109_712.83);
    expect(coingecko.sources.prices).toContain('vs_currencies=usd');
    const coinbase = await live({ priceUrl: `${sim.rootUrl}${COINBASE_SPOT_PATH}` }).snapshot();
    expect(coinbase.btcPriceUsd).toBe(109_712.83);
  });

  it('waits out a delay shorter than the timeout', async () => {
    sim.faults = { delayMs: 50 };
    await expect(live({ timeoutMs: 2000 }).snapshot()).resolves.toMatchObject({ tipHeight: 916_533 });
  });

  it('a delay past the timeout is a DeviceTimeoutError naming the path', async () => {
    sim.faults = { delayMs: 1000, paths: [`${API_PREFIX}${MEMPOOL_PATHS.hashrate}`] };
    const error = await live({ timeoutMs: 150 })
      .snapshot()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect((error as DeviceTimeoutError).command).toBe(MEMPOOL_PATHS.hashrate);
    expect((error as DeviceTimeoutError).message).toMatch(/no reply within 150 ms/);
  });

  it('a request that hangs is a DeviceTimeoutError', async () => {
    sim.faults = { hang: true };
    await expect(live({ timeoutMs: 150 }).snapshot()).rejects.toBeInstanceOf(DeviceTimeoutError);
  });

  it('a dropped connection is a DeviceTimeoutError', async () => {
    sim.faults = { drop: true };
    await expect(live().snapshot()).rejects.toBeInstanceOf(DeviceTimeoutError);
  });

  it('HTTP 500 is a ProtocolError with the status and the body excerpt', async () => {
    sim.faults = { status: 500, paths: [`${API_PREFIX}${MEMPOOL_PATHS.prices}`] };
    const error = await live()
      .snapshot()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).device).toBe(sim.url);
    expect((error as ProtocolError).command).toBe('/v1/prices');
    expect((error as ProtocolError).message).toMatch(/HTTP 500.*Internal Server Error/);
  });

  it('a malformed body is a ProtocolError naming the path', async () => {
    sim.faults = { malformed: true, paths: [`${API_PREFIX}${MEMPOOL_PATHS.tipHeight}`] };
    const error = await live()
      .snapshot()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).command).toBe('/blocks/tip/height');
    expect((error as ProtocolError).excerpt).toContain('502 Bad Gateway');
  });

  it('a body served with the wrong shape is a ProtocolError', async () => {
    const path = `${API_PREFIX}${MEMPOOL_PATHS.rewardStats}`;
    sim.setBody(path, '{"startBlock":1}');
    try {
      await expect(live().snapshot()).rejects.toThrow(/reward-stats.*totalFee/);
    } finally {
      sim.setBody(path, readFixture(FIXTURE_FILES.rewardStats));
    }
  });

  it('rejects a base URL that is not a URL at construction', () => {
    expect(() => liveMarketProvider({ baseUrl: 'mempool.space/api', timeoutMs: 1000 })).toThrow(
      ValidationError,
    );
  });
});

const readFixture = (file: string): string => readFileSync(join(FOLDER, file), 'utf8');

describe('liveMarketProvider with nothing listening', () => {
  it('a refused connection is a DeviceTimeoutError', async () => {
    const sim = await startMarketSimulator(FOLDER);
    const url = sim.url;
    await sim.close();
    const error = await liveMarketProvider({ baseUrl: url, timeoutMs: 1000 })
      .snapshot()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DeviceTimeoutError);
    expect((error as DeviceTimeoutError).message).toMatch(/connection failed/);
  });
});

describe('fixtureMarketProvider', () => {
  it('replays the recorded day and names the files as sources', async () => {
    const provider = fixtureMarketProvider(FOLDER, { clock });
    const snapshot = await provider.snapshot();
    expect(snapshot.atMs).toBe(AT_MS);
    expect(snapshot.btcPriceUsd).toBe(109_713);
    expect(snapshot.sources.tipHeight).toBe(join(FOLDER, 'blocks-tip-height.txt'));
    expect(provider.describe).toContain(FOLDER);
  });

  it('takes another price file when asked', async () => {
    const snapshot = await fixtureMarketProvider(FOLDER, { priceFile: 'coinbase-spot.json' }).snapshot();
    expect(snapshot.btcPriceUsd).toBe(109_712.83);
  });

  it('a missing file is a NotFoundError naming the file and the fix', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'market-fixtures-'));
    try {
      cpSync(FOLDER, folder, { recursive: true });
      rmSync(join(folder, FIXTURE_FILES.hashrate));
      const error = await fixtureMarketProvider(folder)
        .snapshot()
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NotFoundError);
      const message = (error as NotFoundError).message;
      expect(message).toContain(join(folder, 'mining-hashrate-3d.json'));
      expect(message).toContain('/v1/mining/hashrate/3d');
      expect(message).toMatch(/fix: /);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
