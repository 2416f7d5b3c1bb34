/**
 * @module providers/market/simulator
 * A mempool-style REST server on 127.0.0.1 (port 0) serving the fixture bodies at the real paths, so the live
 * provider is tested over a real socket: `${url}` is the mempool base (`…/api`), and the CoinGecko and Coinbase
 * spot bodies sit at their own paths from the server root. Faults are set, not drawn: a market poll is four
 * GETs, and a test wants "this path fails this way" exactly, not a rate.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type MarketBodyName, MEMPOOL_PATHS } from './protocol.ts';
import { FIXTURE_FILES } from './provider.ts';

/** mempool.space serves its REST API under `/api`; the simulator does the same. */
export const API_PREFIX = '/api';
export const COINGECKO_PATH = '/api/v3/simple/price';
export const COINBASE_SPOT_PATH = '/v2/prices/BTC-USD/spot';

export interface MarketFaults {
  /** Added before every reply, ms. */
  readonly delayMs?: number;
  /** Reply with this HTTP status (e.g. 500 or 429) and a short text body. */
  readonly status?: number;
  /** Reply 200 with bytes that are not the protocol. */
  readonly malformed?: boolean;
  /** Accept the request and never answer (the client's timeout must fire). */
  readonly hang?: boolean;
  /** Close the connection without a reply. */
  readonly drop?: boolean;
  /** Request paths (without query) the faults apply to; default every path. */
  readonly paths?: readonly string[];
}

export interface MarketSimulator {
  /** The mempool base URL, e.g. `http://127.0.0.1:40123/api`. */
  readonly url: string;
  /** The server root, for the CoinGecko and Coinbase paths. */
  readonly rootUrl: string;
  faults: MarketFaults;
  /** Requests received, by path (without query). */
  readonly hits: Map<string, number>;
  /** Serve `text` at `path` from now on (replacing the fixture body). */
  setBody(path: string, text: string): void;
  close(): Promise<void>;
}

interface Body {
  readonly contentType: string;
  readonly text: string;
}

async function loadBodies(folder: string): Promise<Map<string, Body>> {
  const json = 'application/json';
  const entries: { path: string; file: string; contentType: string; optional: boolean }[] = (
    Object.keys(MEMPOOL_PATHS) as MarketBodyName[]
  ).map((name) => ({
    path: `${API_PREFIX}${MEMPOOL_PATHS[name]}`,
    file: FIXTURE_FILES[name],
    // mempool answers the tip height as text/plain (PROTOCOLS.md §5.1); the rest is JSON.
    contentType: name === 'tipHeight' ? 'text/plain' : json,
    optional: false,
  }));
  // The third-party price bodies are optional in a recorded folder; the mempool ones are not.
  entries.push({
    path: COINGECKO_PATH,
    file: 'coingecko-simple-price.json',
    contentType: json,
    optional: true,
  });
  entries.push({ path: COINBASE_SPOT_PATH, file: 'coinbase-spot.json', contentType: json, optional: true });
  const bodies = new Map<string, Body>();
  for (const { path, file, contentType, optional } of entries) {
    try {
      bodies.set(path, { contentType, text: await readFile(join(folder, file), 'utf8') });
    } catch (cause) {
      if (!optional || (cause as { code?: unknown }).code !== 'ENOENT') throw cause;
    }
  }
  return bodies;
}

function faultApplies(faults: MarketFaults, path: string): boolean {
  return faults.paths === undefined || faults.paths.includes(path);
}

function reply(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startMarketSimulator(
  folder: string,
  faults: MarketFaults = {},
): Promise<MarketSimulator> {
  const bodies = await loadBodies(folder);
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { faults };

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const active = faultApplies(state.faults, path) ? state.faults : {};
    if (active.drop === true) {
      req.socket.destroy();
      return;
    }
    if (active.hang === true) return;
    const answer = () => {
      const body = bodies.get(path);
      if (req.method !== 'GET') return reply(res, 405, 'text/plain', 'Method Not Allowed');
      if (active.status !== undefined)
        return reply(res, active.status, 'text/plain', 'Internal Server Error');
      if (body === undefined) return reply(res, 404, 'text/plain', 'Not Found');
      if (active.malformed === true) return reply(res, 200, body.contentType, '<html>502 Bad Gateway</html>');
      reply(res, 200, body.contentType, body.text);
    };
    const delayMs = active.delayMs ?? 0;
    if (delayMs <= 0) return answer();
    const timer = setTimeout(() => {
      timers.delete(timer);
      answer();
    }, delayMs);
    timers.add(timer);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const rootUrl = `http://127.0.0.1:${port}`;

  return {
    url: `${rootUrl}${API_PREFIX}`,
    rootUrl,
    get faults() {
      return state.faults;
    },
    set faults(next: MarketFaults) {
      state.faults = next;
    },
    hits,
    setBody(path, text) {
      bodies.set(path, { contentType: bodies.get(path)?.contentType ?? 'application/json', text });
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Hung requests and fetch's keep-alive sockets would otherwise hold `close` open.
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
