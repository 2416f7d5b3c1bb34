export {
  assertIntensity,
  averageIntensityGPerKWh,
  avoidedEmissions,
  type CarbonIntensity,
  type Emissions,
  emissionsFromEnergy,
  type IntensityMethod,
  kgCo2PerUsd,
} from './intensity.ts';
