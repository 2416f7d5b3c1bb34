/**
 * @module economics/carbon/intensity
 * Emissions always travel with how they were counted: an average (inventory, location-based) figure and
 * a marginal (decision, avoided-emissions) figure answer different questions and must never be mixed.
 */
import { ValidationError } from '../../errors.ts';

export type IntensityMethod = 'average' | 'marginal';

export interface CarbonIntensity {
  /** gCO2(e) per kWh, numerically kg per MWh. */
  readonly gPerKWh: number;
  readonly method: IntensityMethod;
  /** How the figure was built, e.g. `electricity_maps_lifecycle_consumption` or `eia_us_2023_average`. */
  readonly basis: string;
  readonly source: string;
}

export interface Emissions {
  readonly tonnesCo2: number;
  readonly method: IntensityMethod;
  readonly basis: string;
  readonly source: string;
  readonly intensityGPerKWh: number;
}

export function assertIntensity(intensity: CarbonIntensity, field = 'intensity'): void {
  if (!Number.isFinite(intensity.gPerKWh) || intensity.gPerKWh < 0) {
    throw new ValidationError([
      {
        field: `${field}.gPerKWh`,
        problem: 'must be a finite number >= 0',
        value: intensity.gPerKWh,
        fix: 'give gCO2/kWh',
      },
    ]);
  }
}

/** tonnes = MWh × (kg/MWh) ÷ 1000, labelled with the method it was computed by. */
export function emissionsFromEnergy({
  energyMWh,
  intensity,
}: {
  energyMWh: number;
  intensity: CarbonIntensity;
}): Emissions {
  assertIntensity(intensity);
  if (!Number.isFinite(energyMWh)) {
    throw new ValidationError([
      { field: 'energyMWh', problem: 'must be finite', value: energyMWh, fix: 'give the energy in MWh' },
    ]);
  }
  return {
    tonnesCo2: (energyMWh * intensity.gPerKWh) / 1000,
    method: intensity.method,
    basis: intensity.basis,
    source: intensity.source,
    intensityGPerKWh: intensity.gPerKWh,
  };
}

/**
 * Emissions avoided by not drawing energy. Only a marginal intensity answers "what changed because we
 * curtailed"; energy the grid would have curtailed anyway (negative price, congestion flag) avoids nothing.
 */
export function avoidedEmissions({
  curtailedMWh,
  intensity,
  gridWouldHaveCurtailed = false,
}: {
  curtailedMWh: number;
  intensity: CarbonIntensity & { method: 'marginal' };
  gridWouldHaveCurtailed?: boolean;
}): Emissions {
  const result = emissionsFromEnergy({ energyMWh: curtailedMWh, intensity });
  return gridWouldHaveCurtailed ? { ...result, tonnesCo2: 0 } : result;
}

/** Average intensity from an inventory: total emissions over total generation (EIA FAQ 74 style). */
export function averageIntensityGPerKWh({
  emissionsTonnes,
  generationKWh,
}: {
  emissionsTonnes: number;
  generationKWh: number;
}): number {
  if (!(generationKWh > 0)) {
    throw new ValidationError([
      {
        field: 'generationKWh',
        problem: 'must be > 0',
        value: generationKWh,
        fix: 'give total generation in kWh',
      },
    ]);
  }
  return (emissionsTonnes * 1e6) / generationKWh;
}

/** Carbon per dollar earned: the policymaker's "what did this energy buy". */
export function kgCo2PerUsd({
  emissions,
  revenueUsd,
}: {
  emissions: Emissions;
  revenueUsd: number;
}): number | undefined {
  return revenueUsd > 0 ? (emissions.tonnesCo2 * 1000) / revenueUsd : undefined;
}
