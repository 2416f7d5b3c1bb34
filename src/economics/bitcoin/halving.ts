import { requireFinite, requirePositive } from '../../units/guards.ts';
import { type ChainParams, MAINNET } from './chain.ts';
import { blockSubsidySats, nextHalvingHeight } from './subsidy.ts';

export interface HalvingEstimate {
  readonly height: number;
  readonly blocksRemaining: number;
  readonly blockIntervalUsedS: number;
  readonly etaMs: number;
  /** Band from ± `driftFraction` on the block interval (faster blocks → earlier). */
  readonly earliestMs: number;
  readonly latestMs: number;
  readonly subsidyBeforeSats: bigint;
  readonly subsidyAfterSats: bigint;
}

export function estimateNextHalving({
  tipHeight,
  tipAtMs,
  blockIntervalS,
  driftFraction = 0.02,
  chain = MAINNET,
}: {
  tipHeight: number;
  tipAtMs: number;
  blockIntervalS: number;
  driftFraction?: number;
  chain?: ChainParams;
}): HalvingEstimate {
  requirePositive('blockIntervalS', blockIntervalS, 'use the observed mean interval, e.g. 600');
  requireFinite('tipAtMs', tipAtMs, 'pass the tip block time in ms since the epoch');
  const height = nextHalvingHeight(tipHeight, chain);
  const blocksRemaining = height - tipHeight;
  const msAt = (intervalS: number): number => tipAtMs + blocksRemaining * intervalS * 1000;
  return {
    height,
    blocksRemaining,
    blockIntervalUsedS: blockIntervalS,
    etaMs: msAt(blockIntervalS),
    earliestMs: msAt(blockIntervalS * (1 - driftFraction)),
    latestMs: msAt(blockIntervalS * (1 + driftFraction)),
    subsidyBeforeSats: blockSubsidySats(tipHeight, chain),
    subsidyAfterSats: blockSubsidySats(height, chain),
  };
}
