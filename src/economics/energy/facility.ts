/**
 * @module economics/energy/facility
 * PUE and the split between facility (metered at the grid) and IT power (what the machines draw).
 * The grid limit binds facility power, so every workload converts through its own hall's PUE.
 */
import { ValidationError } from '../../errors.ts';
import { requireNonNegative, requirePue } from '../../units/guards.ts';
import { energyMWhFromPowerW } from '../../units/index.ts';

export function facilityPowerW({ itPowerW, pue }: { itPowerW: number; pue: number }): number {
  requireNonNegative('itPowerW', itPowerW, 'give the power in watts');
  requirePue('pue', pue);
  return itPowerW * pue;
}

export function itPowerW({ facilityPowerW, pue }: { facilityPowerW: number; pue: number }): number {
  requireNonNegative('facilityPowerW', facilityPowerW, 'give the power in watts');
  requirePue('pue', pue);
  return facilityPowerW / pue;
}

export function facilityEnergyMWh({
  itPowerW: it,
  pue,
  durationH,
}: {
  itPowerW: number;
  pue: number;
  durationH: number;
}): number {
  return energyMWhFromPowerW(facilityPowerW({ itPowerW: it, pue }), durationH);
}

/** PUE measured over a period: facility energy ÷ IT energy (The Green Grid). */
export function measuredPue({
  facilityEnergyMWh: facility,
  itEnergyMWh,
}: {
  facilityEnergyMWh: number;
  itEnergyMWh: number;
}): number {
  if (!(itEnergyMWh > 0) || !(facility >= itEnergyMWh)) {
    throw new ValidationError([
      {
        field: 'facilityEnergyMWh',
        problem: 'must be >= itEnergyMWh > 0',
        value: `${facility} vs ${itEnergyMWh}`,
        fix: 'check that both meters cover the same period',
      },
    ]);
  }
  return facility / itEnergyMWh;
}
