/**
 * @module economics/ai
 * AI revenue models (GPU rental, take-or-pay contracts with SLA credits, token serving), energy per token and
 * GPUs per facility megawatt. Pure functions; every input is checked and named with its unit.
 */
export { type GpusPerFacilityMW, gpusPerFacilityMW } from './facility.ts';
export {
  type GpuLeverCosts,
  type GpuLeverInput,
  gpuLeverCostsUsdPerMWh,
  gpuThroughputShare,
} from './levers.ts';
export {
  type ContractRevenueBreakdown,
  type ContractRevenueInput,
  contractRevenueBreakdown,
  contractRevenueUsd,
  DEFAULT_SLA_CREDIT_TERMS,
  type GpuRentalInput,
  gpuRentalRevenueUsd,
  type SlaCreditTerms,
  spotRevenueUsd,
} from './rental.ts';
export {
  type EnergyPerMTokInput,
  energyPerMTokKWh,
  type SplitTokenRevenueInput,
  type TokenRevenueInput,
  tokenRevenueSplitUsdPerGpuHour,
  tokenRevenueUsdPerGpuHour,
} from './tokens.ts';
