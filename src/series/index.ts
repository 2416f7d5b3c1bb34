/**
 * @module series
 * Time series and frames shared by the whole project (pure: no I/O, no clock).
 */

export type { CarbonIntensityBasis, CarbonIntensityRow } from './carbon-intensity.ts';
export { findCarbonIntensity } from './carbon-intensity.ts';
export type { CentralResolution } from './central-time.ts';
export { centralDaylightSpanUtc, resolveCentralWallClock } from './central-time.ts';
export type { DailyMeanOptions } from './daily-mean.ts';
export { dailyMean } from './daily-mean.ts';
export type { DifficultyEpochs } from './epochs.ts';
export { epochIndexAtDay } from './epochs.ts';
export type {
  ErcotDamFrame,
  ErcotFuelMixFrame,
  ErcotHub,
  ErcotHubAvgFrame,
  ErcotLoadZone,
  ErcotLoadZoneFrame,
  ErcotRtmFrame,
  ErcotSettlementPoint,
  FuelMixGenerationColumn,
} from './ercot.ts';
export {
  ERCOT_HUBS,
  ERCOT_LOAD_ZONES,
  ERCOT_SETTLEMENT_POINTS,
  FUEL_MIX_GENERATION_COLUMNS,
} from './ercot.ts';
export type { ClockIrregularity, HourlyFrame } from './frame.ts';
export { frameSeries } from './frame.ts';
export type { DailyNetwork, NetworkColumn, SourceField, SourceRun } from './network.ts';
export { endOfDayHeights, HALVING_4_ANCHOR, networkSeries, sourceAt, sourceRuns } from './network.ts';
export type { Series } from './series.ts';
export {
  countGaps,
  endMs,
  hasValue,
  indexOf,
  lastIndexWithValue,
  makeSeries,
  sliceByTime,
  stepMs,
  valueAt,
} from './series.ts';
export { formatUtcDay, formatUtcMinute, MS_PER_HOUR, parseUtcDayMs } from './utc-time.ts';
