/**
 * @module providers/market/provider
 * Where a `MarketSnapshot` comes from: a live mempool-style REST server (mempool.space or a self-hosted one,
 * with an optional separate spot-price URL), or a folder holding the same bodies as files, so a recorded day
 * replays offline. Both hand the raw bodies to the one pure codec, so they cannot disagree on parsing.
 * Errors: no HTTP reply (refused, reset, timed out) → `DeviceTimeoutError`; a reply that is not the protocol
 * (non-2xx, cut short, bad body) → `ProtocolError`; a missing fixture file → `NotFoundError` with the fix.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeviceTimeoutError, NotFoundError, ProtocolError, ValidationError } from '../../errors.ts';
import {
  type BodySource,
  type MarketBodies,
  type MarketBodyName,
  type MarketSnapshot,
  MEMPOOL_PATHS,
  marketSnapshotFromBodies,
} from './protocol.ts';

export interface MarketProvider {
  snapshot(): Promise<MarketSnapshot>;
  /** One line for logs and `status`: where the numbers come from. */
  readonly describe: string;
}

export interface LiveMarketOptions {
  /** mempool REST base, e.g. `https://mempool.space/api` (no trailing slash needed). */
  readonly baseUrl: string;
  /** Full spot-price URL (mempool, CoinGecko or Coinbase shape); default `${baseUrl}/v1/prices`. */
  readonly priceUrl?: string;
  /** Per request, covering connect and the whole body. */
  readonly timeoutMs: number;
  /** Stamps `atMs`; injected so tests and replays control time. */
  readonly clock?: () => number;
}

const NAMES = Object.keys(MEMPOOL_PATHS) as MarketBodyName[];

function failureReason(cause: unknown): string {
  // undici reports a refused/reset socket as `TypeError: fetch failed` with the system error as its cause.
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof inner?.code === 'string') return inner.code;
  if (typeof inner?.message === 'string') return inner.message;
  return cause instanceof Error ? cause.message : String(cause);
}

async function fetchText(source: BodySource, timeoutMs: number): Promise<string> {
  const url = `${source.origin}${source.path}`;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { accept: 'application/json, text/plain' } });
  } catch (cause) {
    const problem = signal.aborted
      ? `no reply within ${timeoutMs} ms`
      : `connection failed (${failureReason(cause)})`;
    throw new DeviceTimeoutError(source.origin, source.path, problem, { cause });
  }
  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (signal.aborted) {
      throw new DeviceTimeoutError(source.origin, source.path, `no complete reply within ${timeoutMs} ms`, {
        cause,
      });
    }
    throw new ProtocolError(source.origin, source.path, 'reply cut short', '', { cause });
  }
  if (!response.ok) throw new ProtocolError(source.origin, source.path, `HTTP ${response.status}`, text);
  return text;
}

function requireUrl(field: string, value: string, example: string): void {
  if (URL.canParse(value)) return;
  throw new ValidationError([{ field, problem: 'must be an absolute http(s) URL', value, fix: example }]);
}

function splitUrl(url: string): BodySource {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
}

export function liveMarketProvider(options: LiveMarketOptions): MarketProvider {
  const base = options.baseUrl.replace(/\/+$/, '');
  // Validate the URLs once, up front: a typo should fail at startup, not at the first poll.
  requireUrl('baseUrl', base, 'e.g. https://mempool.space/api');
  if (options.priceUrl !== undefined) {
    requireUrl('priceUrl', options.priceUrl, 'e.g. https://api.coinbase.com/v2/prices/BTC-USD/spot');
  }
  const sources: { [name in MarketBodyName]: BodySource } = {
    tipHeight: { origin: base, path: MEMPOOL_PATHS.tipHeight },
    hashrate: { origin: base, path: MEMPOOL_PATHS.hashrate },
    rewardStats: { origin: base, path: MEMPOOL_PATHS.rewardStats },
    prices:
      options.priceUrl === undefined
        ? { origin: base, path: MEMPOOL_PATHS.prices }
        : splitUrl(options.priceUrl),
  };
  const clock = options.clock ?? Date.now;
  return {
    describe: `live mempool REST at ${base}; price from ${sources.prices.origin}${sources.prices.path}`,
    async snapshot() {
      const atMs = clock();
      // All four in parallel: the poll takes one round trip, and the first failure is the one reported.
      const texts = await Promise.all(NAMES.map((name) => fetchText(sources[name], options.timeoutMs)));
      return marketSnapshotFromBodies(bodiesFrom(texts, sources), atMs);
    },
  };
}

/** File per body in a fixture folder; `examples/market/` holds one recorded day. */
export const FIXTURE_FILES: { readonly [name in MarketBodyName]: string } = {
  tipHeight: 'blocks-tip-height.txt',
  hashrate: 'mining-hashrate-3d.json',
  rewardStats: 'mining-reward-stats-144.json',
  prices: 'prices.json',
};

export interface FixtureMarketOptions {
  /** Spot-price body file in the folder, e.g. `coingecko-simple-price.json`; default `prices.json`. */
  readonly priceFile?: string;
  readonly clock?: () => number;
}

async function readFixture(folder: string, name: MarketBodyName, file: string): Promise<string> {
  const path = join(folder, file);
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as { code?: unknown }).code !== 'ENOENT') throw cause;
    throw new NotFoundError(
      `market fixture file ${path} is missing (the ${name} body, served live at ${MEMPOOL_PATHS[name]}); ` +
        `fix: save that reply there, e.g. curl https://mempool.space/api${MEMPOOL_PATHS[name]} > ${path}, ` +
        'or point the provider at a folder holding all of ' +
        Object.values(FIXTURE_FILES).join(', '),
      { cause },
    );
  }
}

export function fixtureMarketProvider(folder: string, options: FixtureMarketOptions = {}): MarketProvider {
  const files = { ...FIXTURE_FILES, prices: options.priceFile ?? FIXTURE_FILES.prices };
  const origin = folder.endsWith('/') ? folder : `${folder}/`;
  const sources: { [name in MarketBodyName]: BodySource } = {
    tipHeight: { origin, path: files.tipHeight },
    hashrate: { origin, path: files.hashrate },
    rewardStats: { origin, path: files.rewardStats },
    prices: { origin, path: files.prices },
  };
  const clock = options.clock ?? Date.now;
  return {
    describe: `market fixtures from ${origin} (price from ${files.prices})`,
    async snapshot() {
      const atMs = clock();
      const texts = await Promise.all(NAMES.map((name) => readFixture(folder, name, files[name])));
      return marketSnapshotFromBodies(bodiesFrom(texts, sources), atMs);
    },
  };
}

function bodiesFrom(texts: readonly string[], sources: { readonly [name in MarketBodyName]: BodySource }) {
  const body = (name: MarketBodyName) => ({ raw: texts[NAMES.indexOf(name)] ?? '', source: sources[name] });
  const bodies: MarketBodies = {
    tipHeight: body('tipHeight'),
    hashrate: body('hashrate'),
    rewardStats: body('rewardStats'),
    prices: body('prices'),
  };
  return bodies;
}
