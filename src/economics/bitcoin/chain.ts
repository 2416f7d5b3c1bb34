/**
 * @module economics/bitcoin/chain
 * Consensus parameters as data, passed into every protocol function (as Bitcoin Core's
 * `Consensus::Params`), so a test network or a what-if chain is a different constant, not a fork.
 */

export interface ChainParams {
  readonly name: string;
  readonly halvingIntervalBlocks: number;
  readonly initialSubsidySats: bigint;
  /** Seconds one retarget epoch should take: 2016 × 600 s on mainnet. */
  readonly targetTimespanS: number;
  readonly targetSpacingS: number;
  /** Highest allowed target as a full 256-bit value (not its compact form). */
  readonly powLimit: bigint;
  /** Compact encoding of difficulty 1 (the target all difficulties are quoted against). */
  readonly difficultyOneBits: number;
}

export const MAINNET: ChainParams = {
  name: 'mainnet',
  halvingIntervalBlocks: 210_000,
  initialSubsidySats: 5_000_000_000n,
  targetTimespanS: 1_209_600,
  targetSpacingS: 600,
  powLimit: (1n << 224n) - 1n,
  difficultyOneBits: 0x1d00ffff,
};

export const retargetIntervalBlocks = (chain: ChainParams): number =>
  chain.targetTimespanS / chain.targetSpacingS;
