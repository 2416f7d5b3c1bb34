/**
 * @module economics/hardware
 * Hardware catalogs (SHA-256 ASICs, GPUs, AI servers, GPU rental prices, inference throughput) and the pure
 * functions on them. Every catalog is validated when this module loads.
 */
export { type AsicPriceIndexLevel, asicPriceIndexLevels } from './asic-price-index.ts';
export {
  ASIC_COOLING_KINDS,
  type AsicCooling,
  type AsicModel,
  type QuotedPriceUsd,
  SOURCE_TAGS,
  type SourceTag,
} from './asic-schema.ts';
export {
  type AsicsPerFacilityMW,
  asicEfficiencyJPerTh,
  asicModels,
  asicPriceUsdPerTh,
  asicsPerFacilityMW,
  asicsReleasedBy,
  f2pool2020AsicModels,
  findAsic,
  validateAsicRows,
} from './asics.ts';
export { GPU_RENTAL_SNAPSHOT_SOURCE, type GpuRentalSnapshotSummary } from './gpu-rental-snapshots-2024.ts';
export {
  type AiServer,
  GPU_FORM_FACTORS,
  type GpuFormFactor,
  type GpuModel,
  type GpuRentalMarketNote,
  type GpuRentalQuote,
  type InferenceThroughput,
  RENTAL_BOUNDS,
  RENTAL_KINDS,
  type RentalBound,
  type RentalKind,
} from './gpu-schema.ts';
export {
  aiServers,
  findAiServer,
  findGpu,
  gpuModels,
  gpuRentalMarketNotes,
  gpuRentalQuotes,
  gpuRentalSnapshots2024,
  type InferenceQuery,
  inferenceThroughput,
  inferenceThroughputTable,
  rentalMarketNotes,
  rentalRangeUsdPerGpuH,
  rentalSnapshots2024For,
  tokensPerSecPerGpu,
  wallPowerPerGpuW,
} from './gpus.ts';
export {
  asicPowerCurve,
  DEFAULT_POWER_CURVE_PARAMS,
  hashrateAtPowerThs,
  interpolatePowerCurveThs,
  type PowerCurveOptions,
  type PowerCurveParams,
  type PowerCurvePoint,
} from './power-curve.ts';
