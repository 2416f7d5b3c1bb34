/**
 * @module series/network
 * The daily Bitcoin network frame: one `Float64Array` per quantity over consecutive UTC days, and
 * the end-of-day block height derived from daily block counts.
 */

import { MS_PER_DAY } from '../units/index.ts';
import type { Series } from './series.ts';

export type NetworkColumn =
  | 'priceUsd'
  | 'difficulty'
  | 'hashrateEhs'
  | 'blockCount'
  | 'feesBtc'
  | 'issuanceBtc'
  | 'heightAtEndOfDay';

/** Which source supplied a field over a run of consecutive days (from the CSV's `src_*` columns). */
export interface SourceRun {
  readonly firstDayMs: number;
  readonly lastDayMs: number;
  /** The `src_*` cell, e.g. `coinmetrics`, `yahoo_finance`, `node_rpc_getblockstats`. */
  readonly source: string;
}

/** The four `src_*` columns: `network` covers difficulty, hash rate and block count. */
export type SourceField = 'price' | 'network' | 'fees' | 'issuance';

export interface DailyNetwork {
  /** 00:00Z of the first day. */
  readonly startMs: number;
  readonly stepS: 86_400;
  readonly length: number;
  /** Daily close, USD per BTC. */
  readonly priceUsd: Float64Array;
  /** Protocol difficulty (dimensionless). */
  readonly difficulty: Float64Array;
  readonly hashrateEhs: Float64Array;
  /** Blocks whose header time falls in the UTC day. */
  readonly blockCount: Float64Array;
  /** Sum of transaction fees of the day's blocks, BTC per day. */
  readonly feesBtc: Float64Array;
  /** Sum of block subsidies of the day's blocks, BTC per day (fees excluded). */
  readonly issuanceBtc: Float64Array;
  /** Height of the last block of the day, see `endOfDayHeights`. */
  readonly heightAtEndOfDay: Float64Array;
  /** Runs of the `src_*` columns, so a report can cite where a value came from. */
  readonly sources: Readonly<Record<SourceField, readonly SourceRun[]>>;
}

/** A column of the frame as a `Series`, sharing the frame's buffer. */
export function networkSeries(network: DailyNetwork, column: NetworkColumn): Series {
  return { startMs: network.startMs, stepS: network.stepS, values: network[column] };
}

/** The source that supplied `field` on the day containing `atMs`; undefined where the cell was empty. */
export function sourceAt(network: DailyNetwork, field: SourceField, atMs: number): string | undefined {
  return network.sources[field].find((run) => atMs >= run.firstDayMs && atMs < run.lastDayMs + MS_PER_DAY)
    ?.source;
}

/** Collapse a per-day source column into runs; empty cells are left out. */
export function sourceRuns(startMs: number, stepMs: number, perDay: readonly string[]): SourceRun[] {
  const runs: SourceRun[] = [];
  let runStart = 0;
  for (let index = 1; index <= perDay.length; index++) {
    if (index < perDay.length && perDay[index] === perDay[runStart]) continue;
    const source = perDay[runStart];
    if (source !== undefined && source !== '') {
      runs.push({
        firstDayMs: startMs + runStart * stepMs,
        lastDayMs: startMs + (index - 1) * stepMs,
        source,
      });
    }
    runStart = index;
  }
  return runs;
}

/**
 * Block 840,000 (the 4th halving) was mined on 2024-04-20 UTC, and the end-of-day height of
 * 2024-04-19 in `Hotstopper/btc_halving` is 839,999 (data/SOURCES.md, btc_network_daily.csv).
 */
export const HALVING_4_ANCHOR = { dayMs: Date.UTC(2024, 3, 19), heightAtEndOfDay: 839_999 } as const;

/**
 * End-of-day heights from daily block counts, anchored at one known day:
 * `H[d] = H[d-1] + blocks[d]` after the anchor and `H[d-1] = H[d] - blocks[d]` before it.
 * A day without a block count makes every height beyond it (seen from the anchor) NaN, because
 * the sum cannot be carried across it; NaN arithmetic does exactly that.
 *
 * Known limits of the result with the shipped data (data/SOURCES.md): Coin Metrics' early counts
 * run one block below the chain, so days before 2009-08-11 come out one high (2009-01-03 gives 1,
 * the genesis block makes it 0); from 2025-04-17 the counts are Coin Metrics `BlkCnt`, whose sum
 * reaches 909,634 at the end of 2025-08-11 against the node's 909,628, so later heights may run up
 * to six high.
 */
export function endOfDayHeights(
  startMs: number,
  blockCount: Float64Array,
  anchor: { readonly dayMs: number; readonly heightAtEndOfDay: number },
): Float64Array {
  const heights = new Float64Array(blockCount.length).fill(Number.NaN);
  const anchorIdx = (anchor.dayMs - startMs) / MS_PER_DAY;
  if (!Number.isInteger(anchorIdx) || anchorIdx < 0 || anchorIdx >= blockCount.length) return heights;
  heights[anchorIdx] = anchor.heightAtEndOfDay;
  for (let index = anchorIdx + 1; index < blockCount.length; index++) {
    heights[index] = (heights[index - 1] ?? Number.NaN) + (blockCount[index] ?? Number.NaN);
  }
  for (let index = anchorIdx - 1; index >= 0; index--) {
    heights[index] = (heights[index + 1] ?? Number.NaN) - (blockCount[index + 1] ?? Number.NaN);
  }
  return heights;
}
