/**
 * @module economics/energy/facility
 * PUE and the split between facility (metered at the grid) and IT power (what the machines draw).
 * The grid limit binds facility power, so every workload converts through its own hall's PUE.
 */
import { ValidationError } from '../../errors.ts';
import { energyMWhFromPowerW } from '../../units/index.ts';

export function assertPue(pue: number, field = 'pue'): void {
  if (!Number.isFinite(pue) || pue < 1) {
    throw new ValidationError([
      {
        field,
        problem: 'must be a number >= 1 (facility ÷ IT energy)',
        value: pue,
        fix: 'use 1.03-1.2 for mining, 1.1-1.5 for AI halls',
      },
    ]);
  }
}

function assertPowerW(powerW: number, field: string): void {
  if (!Number.isFinite(powerW) || powerW < 0) {
    throw new ValidationError([
      { field, problem: 'must be a finite power >= 0 W', value: powerW, fix: 'give the power in watts' },
    ]);
  }
}

export function facilityPowerW({ itPowerW, pue }: { itPowerW: number; pue: number }): number {
  assertPowerW(itPowerW, 'itPowerW');
  assertPue(pue);
  return itPowerW * pue;
}

export function itPowerW({ facilityPowerW, pue }: { facilityPowerW: number; pue: number }): number {
  assertPowerW(facilityPowerW, 'facilityPowerW');
  assertPue(pue);
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
