/**
 * @module providers/market/history
 * The market replies of a day in the shipped history, in the mempool shapes the provider reads: so a replayed day
 * (the demo clock) reaches the controller through the same wire protocol as a live feed. Derived exactly as
 * `examples/market/README.md` states for its recorded day: end-of-day height, the day's difficulty and the
 * 3-day hash rate, the day's blocks as the reward window (fees and subsidy in sats), and the daily close.
 */

import { NotFoundError } from '../../errors.ts';
import type { DailyNetwork } from '../../series/network.ts';
import { MS_PER_DAY } from '../../units/index.ts';
import { type MarketBodyName, MEMPOOL_PATHS } from './protocol.ts';

const SATS_PER_BTC = 100_000_000;

/** Bodies by name for the UTC day containing `atMs`; NotFoundError naming the day when the history lacks it. */
export function marketBodiesOn(network: DailyNetwork, atMs: number): Record<MarketBodyName, string> {
  const day = Math.floor((atMs - network.startMs) / MS_PER_DAY);
  const dayMs = network.startMs + day * MS_PER_DAY;
  const at = (column: Float64Array, index: number) =>
    index >= 0 ? (column[index] ?? Number.NaN) : Number.NaN;
  const height = at(network.heightAtEndOfDay, day);
  const blocks = at(network.blockCount, day);
  const values = [
    height,
    blocks,
    at(network.difficulty, day),
    at(network.priceUsd, day),
    at(network.feesBtc, day),
    at(network.issuanceBtc, day),
    ...[day - 2, day - 1, day].map((d) => at(network.hashrateEhs, d)),
  ];
  if (values.some(Number.isNaN) || blocks < 1) {
    throw new NotFoundError(
      `no complete market day in the shipped history for ${new Date(dayMs).toISOString().slice(0, 10)}: ` +
        'height, block count, difficulty, price, fees, issuance and three days of hash rate are needed',
    );
  }
  const feeSats = BigInt(Math.round(at(network.feesBtc, day) * SATS_PER_BTC));
  const subsidySats = BigInt(Math.round(at(network.issuanceBtc, day) * SATS_PER_BTC));
  const hashrates = [day - 2, day - 1, day].map((d) => ({
    timestamp: (network.startMs + d * MS_PER_DAY) / 1000,
    avgHashrate: at(network.hashrateEhs, d) * 1e18,
  }));
  const endOfDayS = (dayMs + MS_PER_DAY) / 1000;
  return {
    tipHeight: String(height),
    hashrate: JSON.stringify({
      hashrates,
      difficulty: [],
      currentHashrate: hashrates[2]!.avgHashrate,
      currentDifficulty: at(network.difficulty, day),
    }),
    rewardStats: JSON.stringify({
      startBlock: height - blocks + 1,
      endBlock: height,
      totalReward: String(subsidySats + feeSats),
      totalFee: String(feeSats),
    }),
    prices: JSON.stringify({ time: endOfDayS, USD: Math.round(at(network.priceUsd, day)) }),
  };
}

/** The same bodies keyed by their path under a mempool base (`/blocks/tip/height`, …). */
export function marketPathsOn(network: DailyNetwork, atMs: number): Map<string, string> {
  const bodies = marketBodiesOn(network, atMs);
  return new Map(
    (Object.keys(MEMPOOL_PATHS) as MarketBodyName[]).map((name) => [MEMPOOL_PATHS[name], bodies[name]]),
  );
}
