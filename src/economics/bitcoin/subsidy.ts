/**
 * @module economics/bitcoin/subsidy
 * Block subsidy and issued supply in integer satoshis (Bitcoin Core `GetBlockSubsidy`).
 */
import { ValidationError } from '../../errors.ts';
import { type ChainParams, MAINNET } from './chain.ts';

/** Shifting by 64 or more is undefined in C++, so Core returns 0 from the 64th halving on. */
const LAST_SHIFT = 64;

function assertHeight(height: number): void {
  if (!Number.isSafeInteger(height) || height < 0) {
    throw new ValidationError([
      {
        field: 'height',
        problem: 'must be a whole block height >= 0',
        value: height,
        fix: 'pass a block height such as 840000',
      },
    ]);
  }
}

export function halvingsAt(height: number, chain: ChainParams = MAINNET): number {
  assertHeight(height);
  return Math.floor(height / chain.halvingIntervalBlocks);
}

export function blockSubsidySats(height: number, chain: ChainParams = MAINNET): bigint {
  const halvings = halvingsAt(height, chain);
  return halvings >= LAST_SHIFT ? 0n : chain.initialSubsidySats >> BigInt(halvings);
}

/**
 * Sum of subsidies for heights 0..height inclusive, era by era in integers. It includes the genesis
 * block's 50 BTC, which can never be spent: "issued", not "spendable".
 */
export function issuedSupplySats(height: number, chain: ChainParams = MAINNET): bigint {
  const fullEras = halvingsAt(height, chain);
  const interval = BigInt(chain.halvingIntervalBlocks);
  let totalSats = 0n;
  for (let era = 0; era < Math.min(fullEras, LAST_SHIFT); era++) {
    totalSats += interval * (chain.initialSubsidySats >> BigInt(era));
  }
  const blocksInCurrentEra = BigInt(height - fullEras * chain.halvingIntervalBlocks + 1);
  return totalSats + blocksInCurrentEra * blockSubsidySats(height, chain);
}

/** Every satoshi that will ever be issued: 2,099,999,997,690,000 on mainnet. */
export function supplyCapSats(chain: ChainParams = MAINNET): bigint {
  return issuedSupplySats(LAST_SHIFT * chain.halvingIntervalBlocks - 1, chain);
}

export function halvingHeight(halvingNumber: number, chain: ChainParams = MAINNET): number {
  if (!Number.isInteger(halvingNumber) || halvingNumber < 1) {
    throw new ValidationError([
      {
        field: 'halvingNumber',
        problem: 'must be an integer >= 1',
        value: halvingNumber,
        fix: 'pass 5 for the 2028 halving',
      },
    ]);
  }
  return halvingNumber * chain.halvingIntervalBlocks;
}

/** Height of the first halving strictly after `height`. */
export function nextHalvingHeight(height: number, chain: ChainParams = MAINNET): number {
  return (halvingsAt(height, chain) + 1) * chain.halvingIntervalBlocks;
}
