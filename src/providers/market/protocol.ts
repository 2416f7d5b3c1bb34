/**
 * @module providers/market/protocol
 * Pure codec for the market data a live controller polls (PROTOCOLS.md §5): mempool.space-style REST replies
 * (tip height, difficulty, fees per block, spot price) plus the CoinGecko and Coinbase spot shapes, and the
 * step that turns validated replies into one `MarketSnapshot` through the economics functions. No I/O here:
 * the live provider, the fixture provider and the simulator all share it, and the fixtures pin it.
 */
import { z } from 'zod';
import { hashpriceUsdPerPhDay } from '../../economics/bitcoin/hashprice.ts';
import { blockSubsidySats } from '../../economics/bitcoin/subsidy.ts';
import { ProtocolError } from '../../errors.ts';
import { satsToBtc } from '../../units/index.ts';

/**
 * The mempool REST paths the provider reads, relative to a base such as `https://mempool.space/api`.
 * Difficulty comes from the 3-day hashrate reply (smallest body that carries `currentDifficulty`); fees from
 * the 144-block reward stats, the window Luxor's hashprice index averages over (§5.3).
 */
export const MEMPOOL_PATHS = {
  tipHeight: '/blocks/tip/height',
  hashrate: '/v1/mining/hashrate/3d',
  rewardStats: '/v1/mining/reward-stats/144',
  prices: '/v1/prices',
} as const;

export type MarketBodyName = keyof typeof MEMPOOL_PATHS;

/** Where a body came from, for errors and `MarketSnapshot.sources`: a base URL or folder, and a path or file. */
export interface BodySource {
  readonly origin: string;
  readonly path: string;
}

export const describeSource = (source: BodySource): string => `${source.origin}${source.path}`;

/** Sats arrive as decimal strings in the documented shape; some mirrors send numbers, which are accepted. */
const satsSchema = z.union([
  z.string().regex(/^\d{1,19}$/),
  z
    .number()
    .int()
    .nonnegative()
    .max(2 ** 53 - 1),
]);
const heightSchema = z
  .number()
  .int()
  .nonnegative()
  .max(2 ** 53 - 2);

export const hashrateReplySchema = z.object({
  hashrates: z.array(z.object({ timestamp: z.number(), avgHashrate: z.number().nonnegative() })),
  difficulty: z.array(
    z.object({
      time: z.number(),
      height: heightSchema,
      difficulty: z.number().positive(),
      adjustment: z.number(),
    }),
  ),
  currentHashrate: z.number().nonnegative(),
  currentDifficulty: z.number().positive(),
});

export const rewardStatsReplySchema = z
  .object({
    startBlock: heightSchema,
    endBlock: heightSchema,
    totalReward: satsSchema,
    totalFee: satsSchema,
    totalTx: satsSchema.optional(),
  })
  .refine((reply) => reply.endBlock >= reply.startBlock, {
    message: 'endBlock must be >= startBlock',
    path: ['endBlock'],
  });

/** mempool `/v1/prices`: integer prices keyed by currency; only USD is used. */
export const mempoolPricesReplySchema = z.object({ time: z.number(), USD: z.number().positive() });
/** CoinGecko `/api/v3/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true`. */
export const coinGeckoPriceReplySchema = z.object({
  bitcoin: z.object({ usd: z.number().positive(), last_updated_at: z.number().optional() }),
});
/** Coinbase `/v2/prices/BTC-USD/spot`: the amount is a decimal string. */
export const coinbaseSpotReplySchema = z.object({
  data: z.object({
    amount: z.string().regex(/^\d{1,12}(\.\d{1,18})?$/),
    base: z.literal('BTC'),
    currency: z.literal('USD'),
  }),
});

function fail(source: BodySource, problem: string, raw: string, cause?: unknown): ProtocolError {
  return new ProtocolError(source.origin, source.path, problem, raw, cause === undefined ? {} : { cause });
}

function parseJson(raw: string, source: BodySource): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch (cause) {
    throw fail(source, 'body is not JSON', raw, cause);
  }
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
}

function validate<T>(schema: z.ZodType<T>, raw: string, source: BodySource, what: string): T {
  const result = schema.safeParse(parseJson(raw, source));
  if (!result.success) throw fail(source, `not a ${what} reply (${issuesText(result.error)})`, raw);
  return result.data;
}

/** `/blocks/tip/height` is text/plain, a bare integer; the next block's height must stay a safe integer. */
export function parseTipHeight(raw: string, source: BodySource): number {
  const text = raw.trim();
  const height = /^\d{1,16}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(height + 1)) throw fail(source, 'tip height is not a whole block height', raw);
  return height;
}

export function parseDifficulty(raw: string, source: BodySource): number {
  return validate(hashrateReplySchema, raw, source, 'mining/hashrate').currentDifficulty;
}

/** Mean fees per block over the reply's window; both ends are inclusive ("first/last block in the range"). */
export function parseFeesBtcPerBlock(raw: string, source: BodySource): number {
  const reply = validate(rewardStatsReplySchema, raw, source, 'mining/reward-stats');
  const blocks = reply.endBlock - reply.startBlock + 1;
  return satsToBtc(BigInt(reply.totalFee)) / blocks;
}

const priceReplySchema = z.union([
  mempoolPricesReplySchema,
  coinGeckoPriceReplySchema,
  coinbaseSpotReplySchema,
]);

/** Accepts any of the three documented spot shapes, so `priceUrl` can point at mempool, CoinGecko or Coinbase. */
export function parseBtcPriceUsd(raw: string, source: BodySource): number {
  const reply = validate(priceReplySchema, raw, source, 'spot price (mempool, CoinGecko or Coinbase)');
  if ('USD' in reply) return reply.USD;
  if ('bitcoin' in reply) return reply.bitcoin.usd;
  const amountUsd = Number(reply.data.amount);
  if (!(amountUsd > 0)) throw fail(source, 'spot amount must be > 0', raw);
  return amountUsd;
}

/** The four raw bodies of one poll, and where each came from. */
export type MarketBodies = {
  readonly [name in MarketBodyName]: { readonly raw: string; readonly source: BodySource };
};

export interface MarketSnapshot {
  readonly atMs: number;
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  readonly tipHeight: number;
  readonly feesBtcPerBlock: number;
  /** Subsidy of the block being mined now (tip + 1): the one a hash spent at `atMs` competes for. */
  readonly subsidyBtc: number;
  readonly hashpriceUsdPerPhDay: number;
  readonly sources: { readonly [name in MarketBodyName]: string };
}

/** Parses all four bodies (each failure names its source) and derives subsidy and hashprice. */
export function marketSnapshotFromBodies(bodies: MarketBodies, atMs: number): MarketSnapshot {
  const tipHeight = parseTipHeight(bodies.tipHeight.raw, bodies.tipHeight.source);
  const difficulty = parseDifficulty(bodies.hashrate.raw, bodies.hashrate.source);
  const feesBtcPerBlock = parseFeesBtcPerBlock(bodies.rewardStats.raw, bodies.rewardStats.source);
  const btcPriceUsd = parseBtcPriceUsd(bodies.prices.raw, bodies.prices.source);
  const subsidyBtc = satsToBtc(blockSubsidySats(tipHeight + 1));
  const hashpriceUsd = hashpriceUsdPerPhDay({ difficulty, btcPriceUsd, subsidyBtc, feesBtcPerBlock });
  // Each input passed its schema, yet a near-zero difficulty or absurd price can still overflow a double.
  if (!Number.isFinite(hashpriceUsd)) {
    throw fail(
      bodies.hashrate.source,
      'difficulty and price give a non-finite hashprice',
      bodies.hashrate.raw,
    );
  }
  return {
    atMs,
    btcPriceUsd,
    difficulty,
    tipHeight,
    feesBtcPerBlock,
    subsidyBtc,
    hashpriceUsdPerPhDay: hashpriceUsd,
    sources: {
      tipHeight: describeSource(bodies.tipHeight.source),
      hashrate: describeSource(bodies.hashrate.source),
      rewardStats: describeSource(bodies.rewardStats.source),
      prices: describeSource(bodies.prices.source),
    },
  };
}
