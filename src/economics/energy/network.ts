/**
 * @module economics/energy/network
 * Bitcoin network power and energy, CBECI-style (Bevand 2017; cbeci.org/methodology): hashrate × fleet
 * efficiency × PUE, with bounds from the most efficient and the least efficient still-profitable machine.
 */
import { ValidationError } from '../../errors.ts';
import { requirePue } from '../../units/guards.ts';
import { HOURS_PER_YEAR, hsToThs } from '../../units/index.ts';
import { breakEvenPowerPriceUsdPerMWh } from '../bitcoin/hashprice.ts';

export function networkPowerW({
  hashrateHs,
  fleetEfficiencyJPerTh,
  pue,
}: {
  hashrateHs: number;
  fleetEfficiencyJPerTh: number;
  pue: number;
}): number {
  requirePue('pue', pue);
  return hsToThs(hashrateHs) * fleetEfficiencyJPerTh * pue;
}

/** Annualised as continuous load over 8,760 h (CBECI's convention; not 8,766). */
export const energyTWhPerYear = (powerW: number): number => (powerW * HOURS_PER_YEAR) / 1e12;

/** Inverse view: the fleet J/TH a claimed annual energy implies at a hashrate (ECONOMICS.md E1). */
export function impliedFleetEfficiencyJPerTh({
  energyTWhPerYear: twh,
  hashrateHs,
  pue,
}: {
  energyTWhPerYear: number;
  hashrateHs: number;
  pue: number;
}): number {
  requirePue('pue', pue);
  const powerW = (twh * 1e12) / HOURS_PER_YEAR;
  return powerW / hsToThs(hashrateHs) / pue;
}

export interface FleetMachine {
  readonly id: string;
  readonly efficiencyJPerTh: number;
  readonly releaseYear: number;
}

export interface CbeciAssumptions {
  /** One electricity price for the whole network (CBECI's simplification). */
  readonly electricityPriceUsdPerMWh: number;
  readonly pue: { readonly lower: number; readonly best: number; readonly upper: number };
  readonly poolFeeFraction: number;
  /**
   * Machines older than this leave the best-guess basket (they stay eligible for the upper bound): ASICs
   * are written off in 2-4 years (ECONOMICS.md §4.5), so an equal-weight basket of every model ever sold
   * would overweight retired hardware.
   */
  readonly basketMaxAgeYears: number;
}

export interface NetworkEnergyBound {
  readonly bound: 'lower' | 'best' | 'upper';
  readonly fleetEfficiencyJPerTh: number;
  readonly pue: number;
  readonly powerW: number;
  readonly energyTWhPerYear: number;
  /** What set the efficiency: one machine for lower/upper, the basket for best. */
  readonly machineIds: readonly string[];
}

/**
 * Each bound is set by machines profitable at its own PUE (break-even ≥ price), because a higher PUE makes
 * the same machine costlier to run: deciding profitability once at the best-guess PUE would let the upper
 * bound use a machine that loses money at the upper PUE it is multiplied by.
 * - Lower: the most efficient machine profitable at `pue.lower`.
 * - Upper: the least efficient machine still profitable at `pue.upper`.
 * - Best: the equal-weight mean efficiency of the machines profitable at `pue.best` released within
 *   `basketMaxAgeYears` of `year` (all of them if none is that young): our simplification of CBECI's
 *   basket, stated in every report.
 * Best ≤ upper is not guaranteed: if no catalog machine breaks even between `pue.upper` and `pue.best`, the
 * basket (priced at `pue.best`) can come out above the upper bound; callers should check and say so.
 */
export function cbeciNetworkEnergy({
  hashrateHs,
  hashpriceUsdPerPhDay,
  machines,
  assumptions,
  year,
}: {
  year: number;
  hashrateHs: number;
  hashpriceUsdPerPhDay: number;
  machines: readonly FleetMachine[];
  assumptions: CbeciAssumptions;
}): readonly NetworkEnergyBound[] {
  const byEfficiency = [...machines].sort((a, b) => a.efficiencyJPerTh - b.efficiencyJPerTh);
  const profitableAt = (kind: NetworkEnergyBound['bound']): FleetMachine[] => {
    const pue = assumptions.pue[kind];
    const profitable = byEfficiency.filter(
      (m) =>
        breakEvenPowerPriceUsdPerMWh({
          hashpriceUsdPerPhDay,
          efficiencyJPerTh: m.efficiencyJPerTh,
          pue,
          poolFeeFraction: assumptions.poolFeeFraction,
        }) >= assumptions.electricityPriceUsdPerMWh,
    );
    if (profitable.length === 0) {
      throw new ValidationError([
        {
          field: 'assumptions.electricityPriceUsdPerMWh',
          problem: `leaves no machine in the catalog profitable at this hashprice and PUE ${pue} (${kind} bound)`,
          value: assumptions.electricityPriceUsdPerMWh,
          fix: `lower the assumed network electricity price or assumptions.pue.${kind}, or add newer machines to the catalog`,
        },
      ]);
    }
    return profitable;
  };
  // Upper first: it has the highest PUE, so it is the first set to run empty and names the tightest input.
  const atUpper = profitableAt('upper');
  const atBest = profitableAt('best');
  const atLower = profitableAt('lower');
  const mostEfficient = atLower[0]!;
  const leastEfficient = atUpper[atUpper.length - 1]!;
  const young = atBest.filter((m) => year - m.releaseYear < assumptions.basketMaxAgeYears);
  const basket = young.length > 0 ? young : atBest;
  const meanJPerTh = basket.reduce((sum, m) => sum + m.efficiencyJPerTh, 0) / basket.length;
  const bound = (
    kind: NetworkEnergyBound['bound'],
    fleetEfficiencyJPerTh: number,
    ids: string[],
  ): NetworkEnergyBound => {
    const pue = assumptions.pue[kind];
    const powerW = networkPowerW({ hashrateHs, fleetEfficiencyJPerTh, pue });
    return {
      bound: kind,
      fleetEfficiencyJPerTh,
      pue,
      powerW,
      energyTWhPerYear: energyTWhPerYear(powerW),
      machineIds: ids,
    };
  };
  return [
    bound('lower', mostEfficient.efficiencyJPerTh, [mostEfficient.id]),
    bound(
      'best',
      meanJPerTh,
      basket.map((m) => m.id),
    ),
    bound('upper', leastEfficient.efficiencyJPerTh, [leastEfficient.id]),
  ];
}
