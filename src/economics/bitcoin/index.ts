export { type ChainParams, MAINNET, retargetIntervalBlocks } from './chain.ts';
export { compactToTarget, targetToCompact } from './compact.ts';
export {
  difficultyFromBits,
  expectedBlocksPerDay,
  expectedHashesPerBlock,
  expectedTimeToBlockS,
  networkHashrateHs,
  probabilityOfBlockInDay,
} from './difficulty.ts';
export { estimateNextHalving, type HalvingEstimate } from './halving.ts';
export {
  type BreakEvenInputs,
  breakEvenPowerPriceUsdPerMWh,
  energyMWhPerThDay,
  type HashpriceInputs,
  hashcostUsdPerPhDay,
  hashpriceBtcPerPhDay,
  hashpriceUsdPerPhDay,
  type MiningOutputInputs,
  miningRevenueUsd,
} from './hashprice.ts';
export { clampTimespanS, retargetBits } from './retarget.ts';
export {
  blockSubsidySats,
  halvingHeight,
  halvingsAt,
  issuedSupplySats,
  nextHalvingHeight,
  supplyCapSats,
} from './subsidy.ts';
