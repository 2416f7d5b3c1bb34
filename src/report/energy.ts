/**
 * @module report/energy
 * The policymaker's view of one day: network power and annual energy with CBECI-style bounds, the CO2
 * that implies at a stated intensity, and what the seed's "over 150 TWh annually" would require.
 */
import { networkHashrateHs } from '../economics/bitcoin/difficulty.ts';
import type { CarbonIntensity } from '../economics/carbon/intensity.ts';
import {
  type CbeciAssumptions,
  cbeciNetworkEnergy,
  impliedFleetEfficiencyJPerTh,
  type NetworkEnergyBound,
} from '../economics/energy/network.ts';
import type { AsicModel } from '../economics/hardware/asic-schema.ts';
import { asicEfficiencyJPerTh } from '../economics/hardware/asics.ts';
import type { DailyNetwork } from '../series/network.ts';
import { HOURS_PER_YEAR } from '../units/index.ts';
import { type Assumption, dayIndex, isoDay, type MarketDay, marketDay } from './market.ts';

export interface EnergyReport {
  readonly date: string;
  readonly market: MarketDay;
  readonly hashrate: {
    /** CBECI averages over 7 days; the shipped daily estimate is noisy. */
    readonly sevenDayMeanEhs: number | undefined;
    readonly fromDifficultyEhs: number;
    readonly usedEhs: number;
    readonly usedFrom: string;
  };
  readonly assumptions: CbeciAssumptions;
  readonly machinesConsidered: number;
  readonly bounds: readonly (NetworkEnergyBound & { readonly emissionsMtCo2PerYear: number })[];
  readonly intensity: CarbonIntensity;
  readonly seedClaim: {
    readonly energyTWhPerYear: number;
    readonly continuousGW: number;
    readonly impliedFleetJPerThAtPue1: number;
    readonly impliedFleetJPerThAtBestPue: number;
    readonly withinBounds: boolean;
  };
  readonly notes: readonly Assumption[];
}

const SEED_TWH_PER_YEAR = 150;

function sevenDayMeanEhs(network: DailyNetwork, index: number): number | undefined {
  let sum = 0;
  for (let i = index - 6; i <= index; i++) {
    const v = network.hashrateEhs[i];
    if (i < 0 || v === undefined || Number.isNaN(v)) return undefined;
    sum += v;
  }
  return sum / 7;
}

export function energyReport({
  network,
  dayMs,
  machines,
  assumptions,
  intensity,
  extraNotes = [],
}: {
  network: DailyNetwork;
  dayMs: number;
  machines: readonly AsicModel[];
  assumptions: CbeciAssumptions;
  intensity: CarbonIntensity;
  extraNotes?: readonly Assumption[];
}): EnergyReport {
  const market = marketDay(network, dayMs);
  const notes: Assumption[] = [...market.assumptions, ...extraNotes];
  const fromDifficultyEhs = networkHashrateHs(market.difficulty) / 1e18;
  const sevenDay = sevenDayMeanEhs(network, dayIndex(network, dayMs));
  if (sevenDay === undefined) {
    notes.push({
      input: 'hashrate',
      assumed: `no 7-day shipped hashrate ending ${isoDay(dayMs)}; used difficulty × 2^32 / 600 s`,
    });
  }
  const usedEhs = sevenDay ?? fromDifficultyEhs;
  const year = new Date(dayMs).getUTCFullYear();
  const available = machines.filter((m) => m.releaseYear <= year);
  const bounds = cbeciNetworkEnergy({
    hashrateHs: usedEhs * 1e18,
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    year,
    machines: available.map((m) => ({
      id: m.id,
      efficiencyJPerTh: asicEfficiencyJPerTh(m),
      releaseYear: m.releaseYear,
    })),
    assumptions,
  }).map((b) => ({
    ...b,
    emissionsMtCo2PerYear: (b.energyTWhPerYear * 1e6 * intensity.gPerKWh) / 1e3 / 1e6,
  }));
  const continuousGW = (SEED_TWH_PER_YEAR * 1e12) / HOURS_PER_YEAR / 1e9;
  const impliedAt = (pue: number): number =>
    impliedFleetEfficiencyJPerTh({ energyTWhPerYear: SEED_TWH_PER_YEAR, hashrateHs: usedEhs * 1e18, pue });
  return {
    date: isoDay(dayMs),
    market,
    hashrate: {
      sevenDayMeanEhs: sevenDay,
      fromDifficultyEhs,
      usedEhs,
      usedFrom: sevenDay === undefined ? 'difficulty' : 'shipped 7-day mean',
    },
    assumptions,
    machinesConsidered: available.length,
    bounds,
    intensity,
    seedClaim: {
      energyTWhPerYear: SEED_TWH_PER_YEAR,
      continuousGW,
      impliedFleetJPerThAtPue1: impliedAt(1),
      impliedFleetJPerThAtBestPue: impliedAt(assumptions.pue.best),
      withinBounds:
        bounds[0]!.energyTWhPerYear <= SEED_TWH_PER_YEAR && SEED_TWH_PER_YEAR <= bounds[2]!.energyTWhPerYear,
    },
    notes,
  };
}
