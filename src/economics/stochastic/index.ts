export {
  annualVolatilityFromDaily,
  decayToFloor,
  type GbmParams,
  gbmDriftFromLogReturns,
  gbmMeanUsd,
  gbmQuantileUsd,
  halfLifeDays,
  logGrowthPerYear,
  simpleFromLogRate,
} from './calibration.ts';
