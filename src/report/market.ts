/**
 * @module report/market
 * The network and market numbers of one UTC day, read from the shipped daily frame. Where a value is
 * missing the day says so and what it assumed instead; nothing is filled in silently.
 */

import { hashpriceUsdPerPhDay } from '../economics/bitcoin/hashprice.ts';
import { blockSubsidySats } from '../economics/bitcoin/subsidy.ts';
import { NotFoundError } from '../errors.ts';
import { type DailyNetwork, sourceAt } from '../series/network.ts';
import { MS_PER_DAY, SECONDS_PER_DAY, satsToBtc } from '../units/index.ts';

export interface Assumption {
  /** The input that was missing or replaced, e.g. `difficulty`. */
  readonly input: string;
  /** What was used instead and why, in words a reader can check. */
  readonly assumed: string;
}

export interface MarketDay {
  readonly dayMs: number;
  readonly btcPriceUsd: number;
  readonly difficulty: number;
  readonly subsidyBtc: number;
  readonly feesBtcPerBlock: number;
  readonly blockCount: number | undefined;
  readonly heightAtEndOfDay: number | undefined;
  readonly hashpriceUsdPerPhDay: number;
  readonly sources: Readonly<Record<'price' | 'difficulty' | 'fees', string>>;
  readonly assumptions: readonly Assumption[];
}

export const isoDay = (dayMs: number): string => new Date(dayMs).toISOString().slice(0, 10);

export function dayIndex(network: DailyNetwork, dayMs: number): number {
  const index = (dayMs - network.startMs) / MS_PER_DAY;
  if (!Number.isInteger(index) || index < 0 || index >= network.length) {
    throw new NotFoundError(
      `${isoDay(dayMs)} is outside the shipped daily history (${isoDay(network.startMs)} .. ${isoDay(network.startMs + (network.length - 1) * MS_PER_DAY)}); pick a date in that range`,
    );
  }
  return index;
}

const present = (value: number | undefined): value is number => value !== undefined && !Number.isNaN(value);

/** "prices exist from A to B; pick a date in that range", read off the column itself. */
function shippedSpan(network: DailyNetwork, values: Float64Array, what: string): string {
  let first = -1;
  let last = -1;
  for (let i = 0; i < values.length; i++) {
    if (!present(values[i])) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return `no ${what} are shipped at all`;
  const day = (i: number): string => isoDay(network.startMs + i * MS_PER_DAY);
  return `${what} exist from ${day(first)} to ${day(last)}; pick a date in that range`;
}

function lastPresentBefore(values: Float64Array, index: number): number | undefined {
  for (let i = index; i >= 0; i--) if (present(values[i])) return i;
  return undefined;
}

/**
 * Inputs of hashprice on one day. Price must be shipped for that day. Difficulty after the last shipped
 * day is carried from it, and said so. Fees per block are the day's total ÷ that day's blocks (not 144).
 */
export function marketDay(network: DailyNetwork, dayMs: number): MarketDay {
  const index = dayIndex(network, dayMs);
  const assumptions: Assumption[] = [];
  const btcPriceUsd = network.priceUsd[index];
  if (!present(btcPriceUsd)) {
    throw new NotFoundError(
      `no BTC price is shipped for ${isoDay(dayMs)}; ${shippedSpan(network, network.priceUsd, 'prices')}`,
    );
  }
  let difficultyIdx = index;
  if (!present(network.difficulty[index])) {
    const last = lastPresentBefore(network.difficulty, index);
    if (last === undefined)
      throw new NotFoundError(
        `no difficulty is shipped on or before ${isoDay(dayMs)}; ${shippedSpan(network, network.difficulty, 'difficulties')}`,
      );
    difficultyIdx = last;
    assumptions.push({
      input: 'difficulty',
      assumed: `not shipped for ${isoDay(dayMs)}; carried from ${isoDay(network.startMs + last * MS_PER_DAY)} (last shipped value, ${(index - last).toFixed(0)} days earlier)`,
    });
  }
  const difficulty = network.difficulty[difficultyIdx]!;
  const blocks = network.blockCount[index];
  const fees = network.feesBtc[index];
  const height = network.heightAtEndOfDay[index];
  let feesBtcPerBlock = 0;
  if (present(fees) && present(blocks) && blocks > 0) feesBtcPerBlock = fees / blocks;
  else
    assumptions.push({
      input: 'fees',
      assumed: `no fee total or block count for ${isoDay(dayMs)}; fees taken as 0 BTC/block`,
    });
  const issuance = network.issuanceBtc[index];
  let subsidyBtc: number;
  if (present(issuance) && present(blocks) && blocks > 0) subsidyBtc = issuance / blocks;
  else if (present(height)) subsidyBtc = satsToBtc(blockSubsidySats(height));
  else
    throw new NotFoundError(
      `neither issuance nor block height is shipped for ${isoDay(dayMs)}; ${shippedSpan(network, network.blockCount, 'block counts')}`,
    );
  const at = (field: 'price' | 'network' | 'fees', atMs: number): string =>
    sourceAt(network, field, atMs) ?? 'unknown';
  return {
    dayMs,
    btcPriceUsd,
    difficulty,
    subsidyBtc,
    feesBtcPerBlock,
    blockCount: present(blocks) ? blocks : undefined,
    heightAtEndOfDay: present(height) ? height : undefined,
    hashpriceUsdPerPhDay: hashpriceUsdPerPhDay({ difficulty, btcPriceUsd, subsidyBtc, feesBtcPerBlock }),
    sources: {
      price: at('price', dayMs),
      difficulty: at('network', network.startMs + difficultyIdx * MS_PER_DAY),
      fees: at('fees', dayMs),
    },
    assumptions,
  };
}

/** The latest day on which price, difficulty, fees and blocks are all shipped: `npm start`'s default. */
export function latestCompleteDayMs(network: DailyNetwork): number {
  for (let i = network.length - 1; i >= 0; i--) {
    if (
      [network.priceUsd, network.difficulty, network.feesBtc, network.blockCount].every((c) => present(c[i]))
    ) {
      return network.startMs + i * MS_PER_DAY;
    }
  }
  throw new NotFoundError(
    'no day in the shipped history has price, difficulty, fees and block count together',
  );
}

/** Mean block interval over the `windowDays` ending on `dayMs`, from daily block counts. */
export function observedBlockIntervalS(
  network: DailyNetwork,
  dayMs: number,
  windowDays: number,
): number | undefined {
  const end = dayIndex(network, dayMs);
  let blocks = 0;
  for (let i = end - windowDays + 1; i <= end; i++) {
    const count = network.blockCount[i];
    if (i < 0 || !present(count)) return undefined;
    blocks += count;
  }
  return blocks > 0 ? (windowDays * SECONDS_PER_DAY) / blocks : undefined;
}

/**
 * Log growth per year of a daily column between the last shipped value on or before `dayMs` and the value
 * `windowDays` earlier: ln(v_end / v_start) × 365.25 / days. Used as a default drift, and always stated.
 */
export function trailingLogGrowthPerYear(
  network: DailyNetwork,
  column: 'difficulty' | 'priceUsd',
  dayMs: number,
  windowDays: number,
): { growthPerYear: number; fromDayMs: number; toDayMs: number } | undefined {
  const end = lastPresentBefore(network[column], dayIndex(network, dayMs));
  if (end === undefined || end - windowDays < 0) return undefined;
  const start = end - windowDays;
  const v0 = network[column][start];
  const v1 = network[column][end];
  if (!present(v0) || !present(v1) || v0 <= 0) return undefined;
  return {
    growthPerYear: (Math.log(v1 / v0) * 365.25) / windowDays,
    fromDayMs: network.startMs + start * MS_PER_DAY,
    toDayMs: network.startMs + end * MS_PER_DAY,
  };
}

/** Days of block counts behind the halving ETA: long enough to average out a hashrate surge, short enough to be current. */
export const BLOCK_INTERVAL_WINDOW_DAYS = 90;

/** Mean fees per block over the `windowDays` ending on `dayMs` (days without fees or blocks are skipped). */
export function trailingMeanFeesBtcPerBlock(
  network: DailyNetwork,
  dayMs: number,
  windowDays: number,
): { feesBtcPerBlock: number; days: number } | undefined {
  const end = dayIndex(network, dayMs);
  let fees = 0;
  let blocks = 0;
  let days = 0;
  for (let i = Math.max(0, end - windowDays + 1); i <= end; i++) {
    const f = network.feesBtc[i];
    const b = network.blockCount[i];
    if (!present(f) || !present(b) || b === 0) continue;
    fees += f;
    blocks += b;
    days++;
  }
  return blocks > 0 ? { feesBtcPerBlock: fees / blocks, days } : undefined;
}
