/**
 * @module history/load
 * The I/O edge for the shipped history: read a file from `data/` (or a given path), parse it with
 * the pure parser, and keep the result for the life of the process, since reports call loaders
 * repeatedly. The arrays of a cached result are shared: callers must not write into them.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CarbonIntensityRow } from '../series/carbon-intensity.ts';
import { findCarbonIntensity } from '../series/carbon-intensity.ts';
import type { DifficultyEpochs } from '../series/epochs.ts';
import type {
  ErcotDamFrame,
  ErcotFuelMixFrame,
  ErcotHubAvgFrame,
  ErcotLoadZoneFrame,
  ErcotRtmFrame,
} from '../series/ercot.ts';
import type { DailyNetwork } from '../series/network.ts';
import { parseBtcNetworkDaily } from './btc-network.ts';
import { parseDifficultyEpochs } from './difficulty-epochs.ts';
import { joinFuelMixFrames, parseErcotFuelMixHourly } from './ercot-fuel-mix.ts';
import { parseErcotHubAvgHourly } from './ercot-hub-avg.ts';
import { parseErcotLoadZoneRt } from './ercot-load-zone.ts';
import { parseErcotDamHourly, parseErcotRtmFeb } from './ercot-spp.ts';
import { parseGridCarbonIntensityAnnual } from './grid-carbon.ts';

export const DATA_FILES = {
  btcNetworkDaily: 'btc_network_daily.csv',
  difficultyEpochs: 'btc_difficulty_epochs.csv',
  ercotHubAvgHourly: 'ercot_hb_hubavg_hourly_2024_2025.csv',
  ercotRtmFeb: 'ercot_rtm_spp_hourly_feb_2019_2021.csv',
  ercotDamHourly: 'ercot_dam_spp_hourly_2019_2021.csv',
  ercotLoadZoneRt2023: 'ercot_loadzone_rt_hourly_2023.csv',
  ercotFuelMix2016To2019: 'ercot_fuelmix_hourly_2016_2019.csv',
  ercotFuelMix2020To2022: 'ercot_fuelmix_hourly_2020_2022.csv',
  gridCarbonIntensityAnnual: 'grid_carbon_intensity_annual.csv',
} as const;

/**
 * Absolute path of a shipped file. `../../data` is the package's data folder both from
 * `src/history/` (tsx, vitest) and from `dist/history/` (the built package).
 */
export function shippedDataPath(fileName: string): string {
  return fileURLToPath(new URL(`../../data/${fileName}`, import.meta.url));
}

const cache = new Map<string, unknown>();

/**
 * Read and parse once per (parser, path). Messages name a shipped file as `data/<name>` and any
 * other file by the path it was given.
 */
function cached<T>(
  kind: string,
  fileName: string,
  path: string | undefined,
  parse: (text: string, sourceName: string) => T,
): T {
  const resolved = path ?? shippedDataPath(fileName);
  const key = `${kind}\u0000${resolved}`;
  if (cache.has(key)) return cache.get(key) as T;
  const sourceName = path ?? `data/${fileName}`;
  const value = parse(readFileSync(resolved, 'utf8'), sourceName);
  cache.set(key, value);
  return value;
}

/** Forget every cached file, e.g. after a test rewrote one. */
export function clearHistoryCache(): void {
  cache.clear();
}

export function loadBtcNetworkDaily(path?: string): DailyNetwork {
  return cached('btcNetworkDaily', DATA_FILES.btcNetworkDaily, path, parseBtcNetworkDaily);
}

export function loadDifficultyEpochs(path?: string): DifficultyEpochs {
  return cached('difficultyEpochs', DATA_FILES.difficultyEpochs, path, parseDifficultyEpochs);
}

export function loadErcotHubAvgHourly(path?: string): ErcotHubAvgFrame {
  return cached('ercotHubAvgHourly', DATA_FILES.ercotHubAvgHourly, path, parseErcotHubAvgHourly);
}

/** February 2019, 2020 and 2021 (Winter Storm Uri), one frame per year. */
export function loadErcotRtmFeb(path?: string): ReadonlyMap<number, ErcotRtmFrame> {
  return cached('ercotRtmFeb', DATA_FILES.ercotRtmFeb, path, parseErcotRtmFeb);
}

export function loadErcotDamHourly(path?: string): ErcotDamFrame {
  return cached('ercotDamHourly', DATA_FILES.ercotDamHourly, path, parseErcotDamHourly);
}

export function loadErcotLoadZoneRt2023(path?: string): ErcotLoadZoneFrame {
  return cached('ercotLoadZoneRt2023', DATA_FILES.ercotLoadZoneRt2023, path, parseErcotLoadZoneRt);
}

/** Both shipped fuel-mix files joined (2016-01-01 .. 2022-12-31 local), or the given files in order. */
export function loadErcotFuelMixHourly(paths?: readonly string[]): ErcotFuelMixFrame {
  const files = [DATA_FILES.ercotFuelMix2016To2019, DATA_FILES.ercotFuelMix2020To2022];
  const chosen = paths ?? files.map((fileName) => shippedDataPath(fileName));
  const key = `ercotFuelMixHourly\u0000${chosen.join('\u0000')}`;
  if (cache.has(key)) return cache.get(key) as ErcotFuelMixFrame;
  const parts = chosen.map((path, index) => {
    const sourceName = paths === undefined ? `data/${files[index]}` : path;
    return { frame: parseErcotFuelMixHourly(readFileSync(path, 'utf8'), sourceName), sourceName };
  });
  const joined = joinFuelMixFrames(parts);
  cache.set(key, joined);
  return joined;
}

export function loadGridCarbonIntensityAnnual(path?: string): readonly CarbonIntensityRow[] {
  return cached(
    'gridCarbonIntensityAnnual',
    DATA_FILES.gridCarbonIntensityAnnual,
    path,
    parseGridCarbonIntensityAnnual,
  );
}

/** Annual intensity of a region from the shipped file; `NotFoundError` lists what exists instead. */
export function carbonIntensityFor(regionCode: string, year: number, path?: string): CarbonIntensityRow {
  return findCarbonIntensity(loadGridCarbonIntensityAnnual(path), regionCode, year);
}
