/**
 * @module report/energy
 * The policymaker's view of one day: network power and annual energy with CBECI-style bounds, the CO2
 * that implies at a stated intensity, and what the seed's "over 150 TWh annually" would require.
 */
import { networkHashrateHs } from '../economics/bitcoin/difficulty.ts';
import { type CarbonIntensity, type Emissions, emissionsFromEnergy } from '../economics/carbon/intensity.ts';
import {
  type CbeciAssumptions,
  cbeciNetworkEnergy,
  impliedFleetEfficiencyJPerTh,
  type NetworkEnergyBound,
} from '../economics/energy/network.ts';
import type { AsicModel } from '../economics/hardware/asic-schema.ts';
import { asicEfficiencyJPerTh } from '../economics/hardware/asics.ts';
import { normalizeName } from '../economics/hardware/names.ts';
import type { DailyNetwork } from '../series/network.ts';
import { ehsToHs, energyMWhFromPowerW, HOURS_PER_YEAR, hsToEhs } from '../units/index.ts';
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
  readonly bounds: readonly EnergyBoundWithEmissions[];
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

export interface EnergyBoundWithEmissions extends NetworkEnergyBound {
  readonly emissionsMtCo2PerYear: number;
  /** One year of the bound's energy, carrying the intensity's method, basis and source with the tonnes. */
  readonly emissionsPerYear: Emissions;
}

const SEED_TWH_PER_YEAR = 150;
const TONNES_PER_MEGATONNE = 1e6;

/**
 * The main catalog plus the F2Pool 2020 rows it does not already hold. Both lists carry the common models
 * (the S19 Pro is `antminer-s19-pro` and `f2pool2020-antminer-s19-pro`), and an equal-weight basket would
 * count such a model twice. An extra row is a duplicate when its (TH/s, W) pair or its normalised
 * manufacturer + model name is in the main catalog; the main row wins, as it is the curated source.
 */
export function distinctAsicModels(
  main: readonly AsicModel[],
  extra: readonly AsicModel[],
): readonly AsicModel[] {
  const specKey = (m: AsicModel): string => `${m.hashrateThs}|${m.powerW}`;
  const nameKey = (m: AsicModel): string => normalizeName(`${m.manufacturer} ${m.model}`);
  const specs = new Set(main.map(specKey));
  const names = new Set(main.map(nameKey));
  return [...main, ...extra.filter((m) => !specs.has(specKey(m)) && !names.has(nameKey(m)))];
}

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
  const fromDifficultyEhs = hsToEhs(networkHashrateHs(market.difficulty));
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
  const bounds: EnergyBoundWithEmissions[] = cbeciNetworkEnergy({
    hashrateHs: ehsToHs(usedEhs),
    hashpriceUsdPerPhDay: market.hashpriceUsdPerPhDay,
    year,
    machines: available.map((m) => ({
      id: m.id,
      efficiencyJPerTh: asicEfficiencyJPerTh(m),
      releaseYear: m.releaseYear,
    })),
    assumptions,
  }).map((b) => {
    const emissionsPerYear = emissionsFromEnergy({
      energyMWh: energyMWhFromPowerW(b.powerW, HOURS_PER_YEAR),
      intensity,
    });
    return {
      ...b,
      emissionsMtCo2PerYear: emissionsPerYear.tonnesCo2 / TONNES_PER_MEGATONNE,
      emissionsPerYear,
    };
  });
  const [lower, best, upper] = [bounds[0]!, bounds[1]!, bounds[2]!];
  if (best.energyTWhPerYear > upper.energyTWhPerYear) {
    notes.push({
      input: 'upper bound',
      assumed: `no catalog model breaks even between PUE ${assumptions.pue.best} and ${assumptions.pue.upper}, so the upper bound (${upper.energyTWhPerYear.toFixed(1)} TWh/yr) lies below the best guess (${best.energyTWhPerYear.toFixed(1)}); the catalog cannot bound the fleet from above on this day`,
    });
  }
  const continuousGW = (SEED_TWH_PER_YEAR * 1e12) / HOURS_PER_YEAR / 1e9;
  const impliedAt = (pue: number): number =>
    impliedFleetEfficiencyJPerTh({ energyTWhPerYear: SEED_TWH_PER_YEAR, hashrateHs: ehsToHs(usedEhs), pue });
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
        lower.energyTWhPerYear <= SEED_TWH_PER_YEAR && SEED_TWH_PER_YEAR <= upper.energyTWhPerYear,
    },
    notes,
  };
}
