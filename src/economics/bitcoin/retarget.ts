/**
 * @module economics/bitcoin/retarget
 * Difficulty retarget on compact bits (Bitcoin Core `CalculateNextWorkRequired`). Gathering the epoch's
 * first and last block times is the caller's job; this is the arithmetic only.
 */
import { ValidationError } from '../../errors.ts';
import { type ChainParams, MAINNET } from './chain.ts';
import { compactToTarget, targetToCompact } from './compact.ts';

/**
 * `actualTimespanS` is last block time minus first block time of the epoch: 2015 intervals measured
 * against a 2016-interval target (Core's off-by-one), which is why a perfect 600 s chain still drifts up.
 */
export function retargetBits(
  prevBits: number,
  actualTimespanS: number,
  chain: ChainParams = MAINNET,
): number {
  if (!Number.isSafeInteger(actualTimespanS)) {
    throw new ValidationError([
      {
        field: 'actualTimespanS',
        problem: 'must be a whole number of seconds',
        value: actualTimespanS,
        fix: 'pass last block time minus first block time of the epoch (Unix seconds)',
      },
    ]);
  }
  const clampedS = clampTimespanS(actualTimespanS, chain);
  // Multiply before dividing, in 256-bit integers, so the floor happens once as in Core.
  const next = (compactToTarget(prevBits) * BigInt(clampedS)) / BigInt(chain.targetTimespanS);
  return targetToCompact(next > chain.powLimit ? chain.powLimit : next);
}

/** Difficulty can move at most ×4 or ÷4 per epoch. */
export function clampTimespanS(actualTimespanS: number, chain: ChainParams = MAINNET): number {
  const minS = Math.floor(chain.targetTimespanS / 4);
  const maxS = chain.targetTimespanS * 4;
  return Math.min(Math.max(actualTimespanS, minS), maxS);
}
