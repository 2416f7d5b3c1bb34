import { requireNonNegative, requirePositive } from '../../units/guards.ts';
import { SECONDS_PER_DAY } from '../../units/index.ts';
import { type ChainParams, MAINNET } from './chain.ts';
import { compactToTarget } from './compact.ts';

const TWO_POW_32 = 2 ** 32;

/**
 * Both targets are exact in a double (mantissa < 2^24 times a power of two), so this one division
 * is correctly rounded: the same value block explorers show.
 */
export function difficultyFromBits(bits: number, chain: ChainParams = MAINNET): number {
  return Number(compactToTarget(chain.difficultyOneBits)) / Number(compactToTarget(bits));
}

/** Expected hashes to find one block: D × 2^32. */
export const expectedHashesPerBlock = (difficulty: number): number => difficulty * TWO_POW_32;

/** Implied network hashrate at a mean block interval (600 s unless the observed mean is passed). */
export function networkHashrateHs(difficulty: number, blockIntervalS = MAINNET.targetSpacingS): number {
  requirePositive('difficulty', difficulty, 'pass the protocol difficulty, e.g. 86388558925171.02');
  requirePositive('blockIntervalS', blockIntervalS, 'pass the mean block interval in seconds, e.g. 600');
  return expectedHashesPerBlock(difficulty) / blockIntervalS;
}

/** Blocks a miner with `hashrateHs` expects per day (the mean of a Poisson count). */
export function expectedBlocksPerDay(hashrateHs: number, difficulty: number): number {
  requirePositive('difficulty', difficulty, 'pass the protocol difficulty');
  requireNonNegative('hashrateHs', hashrateHs, 'pass hashrate in H/s');
  return (hashrateHs * SECONDS_PER_DAY) / expectedHashesPerBlock(difficulty);
}

/** Mean seconds until `hashrateHs` finds a block. */
export function expectedTimeToBlockS(hashrateHs: number, difficulty: number): number {
  requirePositive('hashrateHs', hashrateHs, 'pass hashrate in H/s');
  return expectedHashesPerBlock(difficulty) / hashrateHs;
}

/** P(at least one block in a day) for a solo miner. */
export const probabilityOfBlockInDay = (hashrateHs: number, difficulty: number): number =>
  1 - Math.exp(-expectedBlocksPerDay(hashrateHs, difficulty));
