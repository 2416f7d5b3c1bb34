/**
 * @module history
 * The shipped historical data (data/*.csv, provenance in data/SOURCES.md): pure parsers that take a
 * file's text, and loaders that read the file once per process.
 */

export { parseBtcNetworkDaily } from './btc-network.ts';
export { parseDifficultyEpochs } from './difficulty-epochs.ts';
export { joinFuelMixFrames, parseErcotFuelMixHourly } from './ercot-fuel-mix.ts';
export { parseErcotHubAvgHourly } from './ercot-hub-avg.ts';
export { parseErcotLoadZoneRt } from './ercot-load-zone.ts';
export { parseErcotDamHourly, parseErcotRtmFeb } from './ercot-spp.ts';
export { parseGridCarbonIntensityAnnual } from './grid-carbon.ts';
export {
  carbonIntensityFor,
  clearHistoryCache,
  DATA_FILES,
  loadBtcNetworkDaily,
  loadDifficultyEpochs,
  loadErcotDamHourly,
  loadErcotFuelMixHourly,
  loadErcotHubAvgHourly,
  loadErcotLoadZoneRt2023,
  loadErcotRtmFeb,
  loadGridCarbonIntensityAnnual,
  shippedDataPath,
} from './load.ts';
