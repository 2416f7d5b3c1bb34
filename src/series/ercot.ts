/**
 * @module series/ercot
 * ERCOT settlement points and the frames the shipped ERCOT files load into. All prices are
 * settlement point prices in USD/MWh on an hourly UTC grid (hour beginning).
 */

import type { HourlyFrame } from './frame.ts';

export const ERCOT_HUBS = [
  'HB_BUSAVG',
  'HB_HOUSTON',
  'HB_HUBAVG',
  'HB_NORTH',
  'HB_PAN',
  'HB_SOUTH',
  'HB_WEST',
] as const;
export const ERCOT_LOAD_ZONES = [
  'LZ_AEN',
  'LZ_CPS',
  'LZ_HOUSTON',
  'LZ_LCRA',
  'LZ_NORTH',
  'LZ_RAYBN',
  'LZ_SOUTH',
  'LZ_WEST',
] as const;
export type ErcotHub = (typeof ERCOT_HUBS)[number];
export type ErcotLoadZone = (typeof ERCOT_LOAD_ZONES)[number];
export type ErcotSettlementPoint = ErcotHub | ErcotLoadZone;
export const ERCOT_SETTLEMENT_POINTS: readonly ErcotSettlementPoint[] = [...ERCOT_HUBS, ...ERCOT_LOAD_ZONES];

/** HB_HUBAVG day-ahead and real-time (mean of the hour's four 15-minute prices), USD/MWh. */
export type ErcotHubAvgFrame = HourlyFrame<'daPriceUsdPerMWh' | 'rtPriceUsdPerMWh' | 'rt15MinCount'>;

/** Day-ahead settlement point prices, USD/MWh, keyed by ERCOT's point name. */
export type ErcotDamFrame = HourlyFrame<ErcotSettlementPoint>;

/**
 * Real-time settlement point prices (hourly mean of 15-minute prices), USD/MWh, plus the highest
 * 15-minute HB_HUBAVG price of each hour and how many 15-minute prices were averaged.
 */
export type ErcotRtmFrame = HourlyFrame<ErcotSettlementPoint | 'hbHubAvgMax15MinUsdPerMWh' | 'rt15MinCount'>;

/** Real-time load-zone prices, USD/MWh. */
export type ErcotLoadZoneFrame = HourlyFrame<ErcotLoadZone>;

export const FUEL_MIX_GENERATION_COLUMNS = [
  'coalMWh',
  'gasCcMWh',
  'gasMWh',
  'nuclearMWh',
  'windMWh',
  'solarMWh',
  'hydroMWh',
  'biomassMWh',
  'otherMWh',
  'storageMWh',
  'totalGenExclStorageMWh',
] as const;
export type FuelMixGenerationColumn = (typeof FUEL_MIX_GENERATION_COLUMNS)[number];

/**
 * ERCOT generation by fuel (MWh in the hour) and our estimated life-cycle carbon intensity
 * (gCO2e/kWh; IPCC AR5 medians, not an ERCOT figure: see data/SOURCES.md).
 */
export type ErcotFuelMixFrame = HourlyFrame<FuelMixGenerationColumn | 'estLifecycleIntensityGPerKWh'>;
