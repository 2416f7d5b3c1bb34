export {
  coefficientOfVariation,
  type DeviationKind,
  logReturnBeta,
  maxDrawdownOfRollingSum,
  mean,
  percentile,
  standardDeviation,
} from './stability.ts';
