/**
 * @module history/backtest-inputs
 * Assembles the hourly inputs of a backtest from the shipped files: which ERCOT file covers the range at the
 * site's settlement point, the daily hashprice spread over hours, 4CP risk hours and hourly carbon.
 */

import { type BacktestSeries, eventFlags, fourCpRiskFlags } from '../backtest/series.ts';
import type { Site } from '../config/site.ts';
import { NotFoundError } from '../errors.ts';
import { averageIntensityFor } from '../report/carbon.ts';
import { type Assumption, isoDay, marketDay } from '../report/market.ts';
import type { HourlyFrame } from '../series/frame.ts';
import { MS_PER_DAY } from '../units/index.ts';
import {
  loadBtcNetworkDaily,
  loadErcotDamHourly,
  loadErcotFuelMixHourly,
  loadErcotHubAvgHourly,
  loadErcotLoadZoneRt2023,
  loadErcotRtmFeb,
  loadGridCarbonIntensityAnnual,
} from './load.ts';

const HOUR_MS = 3_600_000;

interface Column {
  readonly frame: HourlyFrame<string>;
  readonly column: string;
  readonly label: string;
}

/** Values of `column` on the hourly grid [fromMs, toMs); NaN where the frame has no value. */
function sample({ frame, column }: Column, fromMs: number, hours: number): Float64Array {
  const out = new Float64Array(hours).fill(Number.NaN);
  const values = frame.columns[column];
  if (values === undefined) return out;
  for (let h = 0; h < hours; h++) {
    const index = (fromMs + h * HOUR_MS - frame.startMs) / HOUR_MS;
    if (index >= 0 && index < frame.length) out[h] = values[index]!;
  }
  return out;
}

const coverage = (values: Float64Array): number =>
  values.reduce((n, v) => n + (Number.isNaN(v) ? 0 : 1), 0) / values.length;

/** Candidate files in order, each loaded only if the ones before it do not cover the range. */
type Candidates = readonly (() => readonly Column[])[];

function realTimeCandidates(point: string): Candidates {
  return [
    () =>
      point === 'HB_HUBAVG'
        ? [
            {
              frame: loadErcotHubAvgHourly(),
              column: 'rtPriceUsdPerMWh',
              label: 'ERCOT HB_HUBAVG real-time 2024-25',
            },
          ]
        : [],
    () =>
      point.startsWith('LZ_')
        ? [{ frame: loadErcotLoadZoneRt2023(), column: point, label: `ERCOT ${point} real-time 2023` }]
        : [],
    () =>
      [...loadErcotRtmFeb()].map(([year, frame]) => ({
        frame,
        column: point,
        label: `ERCOT ${point} real-time February ${year}`,
      })),
  ];
}

function dayAheadCandidates(point: string): Candidates {
  return [
    () =>
      point === 'HB_HUBAVG'
        ? [
            {
              frame: loadErcotHubAvgHourly(),
              column: 'daPriceUsdPerMWh',
              label: 'ERCOT HB_HUBAVG day-ahead 2024-25',
            },
          ]
        : [],
    () => [{ frame: loadErcotDamHourly(), column: point, label: `ERCOT ${point} day-ahead 2019-21` }],
  ];
}

/**
 * The first candidate covering at least 95 % of the range: local-time files start at local midnight, so a UTC
 * range misses a few edge hours, which are filled (and said) by the caller.
 */
function firstCovering(candidates: Candidates, fromMs: number, hours: number) {
  for (const load of candidates) {
    for (const c of load()) {
      const values = sample(c, fromMs, hours);
      if (coverage(values) >= 0.95) return { c, values };
    }
  }
  return undefined;
}

const FUEL_MIX_FIRST_MS = Date.UTC(2016, 0, 1);
const FUEL_MIX_END_MS = Date.UTC(2023, 0, 1);

/** Carries the previous hour over a source's missing clock hour (DST) and counts it, so it can be said. */
function carryGaps(values: Float64Array): number {
  let carried = 0;
  for (let i = 1; i < values.length; i++) {
    if (Number.isNaN(values[i]) && !Number.isNaN(values[i - 1])) {
      values[i] = values[i - 1]!;
      carried++;
    }
  }
  return carried;
}

function pickPrices(point: string, fromMs: number, hours: number, notes: Assumption[]) {
  const realTime = firstCovering(realTimeCandidates(point), fromMs, hours);
  const dayAhead = firstCovering(dayAheadCandidates(point), fromMs, hours);
  const settle = realTime ?? dayAhead;
  if (settle === undefined) {
    throw new NotFoundError(
      `no shipped ERCOT prices at ${point} cover ${isoDay(fromMs)} .. ${isoDay(fromMs + hours * HOUR_MS - 1)}; real time: HB_HUBAVG 2024-01-01..2025-11-30, load zones 2023, every point in February 2019/2020/2021; day-ahead: every point 2019-01-01..2021-07-24`,
    );
  }
  if (realTime === undefined)
    notes.push({
      input: 'price',
      assumed: `no real-time prices shipped for the range; settled at ${settle.c.label}`,
    });
  if (realTime !== undefined && dayAhead !== undefined) {
    let filled = 0;
    realTime.values.forEach((v, h) => {
      if (Number.isNaN(v) && !Number.isNaN(dayAhead.values[h]!)) {
        realTime.values[h] = dayAhead.values[h]!;
        filled++;
      }
    });
    if (filled > 0)
      notes.push({
        input: 'price',
        assumed: `${filled} hours without a real-time price settle at ${dayAhead.c.label}`,
      });
  }
  const carried = carryGaps(settle.values);
  if (carried > 0)
    notes.push({
      input: 'price',
      assumed: `${carried} hours missing in ${settle.c.label} (DST) carry the previous hour's price`,
    });
  let forecast: Float64Array;
  let forecastSource: string;
  if (dayAhead !== undefined && realTime !== undefined) {
    forecast = dayAhead.values;
    carryGaps(forecast);
    forecastSource = dayAhead.c.label;
  } else {
    forecast = new Float64Array(hours);
    for (let h = 0; h < hours; h++) forecast[h] = settle.values[Math.max(0, h - 24)]!;
    forecastSource = 'persistence: the same hour of the previous day';
  }
  return { prices: settle.values, priceSource: settle.c.label, forecast, forecastSource };
}

/**
 * Throws what loadBacktestSeries would when no shipped prices at `point` cover [fromMs, toMs), reading the price
 * files only: a cheap check before a backtest is queued.
 */
export function requireShippedPrices(point: string, fromMs: number, toMs: number): void {
  pickPrices(point, fromMs, Math.round((toMs - fromMs) / HOUR_MS), []);
}

export function loadBacktestSeries({
  site,
  fromMs,
  toMs,
}: {
  site: Site;
  fromMs: number;
  toMs: number;
}): BacktestSeries {
  const operations = site.operations;
  if (operations === undefined)
    throw new NotFoundError('the site file has no operations section; see examples/site-20mw.yaml');
  const hours = Math.round((toMs - fromMs) / HOUR_MS);
  const notes: Assumption[] = [];
  const { prices, priceSource, forecast, forecastSource } = pickPrices(
    operations.pricePoint,
    fromMs,
    hours,
    notes,
  );
  const network = loadBtcNetworkDaily();
  const hashprice = new Float64Array(hours);
  const forecastHashprice = new Float64Array(hours);
  let carriedDays = 0;
  for (let dayStart = fromMs; dayStart < toMs; dayStart += MS_PER_DAY) {
    const day = marketDay(network, dayStart);
    const yesterday = marketDay(network, dayStart - MS_PER_DAY);
    if (day.assumptions.length > 0) carriedDays++;
    const first = (dayStart - fromMs) / HOUR_MS;
    hashprice.fill(day.hashpriceUsdPerPhDay, first, first + 24);
    forecastHashprice.fill(yesterday.hashpriceUsdPerPhDay, first, first + 24);
  }
  if (carriedDays > 0)
    notes.push({
      input: 'hashprice',
      assumed: `${carriedDays} days use a carried difficulty or zero fees (see compare)`,
    });
  // The fuel mix files are the largest; read them only when the range lies inside them.
  const fuelMix =
    fromMs >= FUEL_MIX_FIRST_MS && toMs <= FUEL_MIX_END_MS ? loadErcotFuelMixHourly() : undefined;
  const fromFuelMix = (column: string): Float64Array =>
    fuelMix
      ? sample({ frame: fuelMix, column, label: '' }, fromMs, hours)
      : new Float64Array(hours).fill(Number.NaN);
  const hourlyCarbon = fromFuelMix('estLifecycleIntensityGPerKWh');
  const load = fromFuelMix('totalGenExclStorageMWh');
  let carbonAverageBasis = 'ERCOT hourly life-cycle estimate from the fuel mix (data/SOURCES.md §5)';
  if (coverage(hourlyCarbon) < 0.995) {
    const year = new Date(fromMs).getUTCFullYear();
    const chosen = averageIntensityFor(loadGridCarbonIntensityAnnual(), site.carbon.regionCode, year);
    hourlyCarbon.fill(chosen.intensity.gPerKWh);
    carbonAverageBasis = `${site.carbon.regionCode} ${chosen.intensity.year} annual average (${chosen.intensity.basis}); no hourly fuel mix shipped for the range`;
  } else carryGaps(hourlyCarbon);
  const loadShipped = coverage(load) > 0.995;
  const riskHours = operations.fourCp?.riskHoursPerMonth ?? 5;
  return {
    startMs: fromMs,
    stepS: 3600,
    length: hours,
    priceUsdPerMWh: prices,
    priceSource,
    forecastPriceUsdPerMWh: forecast,
    forecastSource,
    hashpriceUsdPerPhDay: hashprice,
    forecastHashpriceUsdPerPhDay: forecastHashprice,
    fourCpRisk: fourCpRiskFlags(fromMs, loadShipped ? load : prices, riskHours),
    forecastFourCpRisk: fourCpRiskFlags(fromMs, forecast, riskHours),
    fourCpPeak: fourCpRiskFlags(fromMs, loadShipped ? load : prices, 1),
    fourCpSource: loadShipped
      ? `top ${riskHours} ERCOT generation hours of each June-September month`
      : `top ${riskHours} price hours of each June-September month (no system load shipped for the range)`,
    drEvent: eventFlags(prices, operations.demandResponse?.eventPriceUsdPerMWh),
    forecastDrEvent: eventFlags(forecast, operations.demandResponse?.eventPriceUsdPerMWh),
    carbonAverageGPerKWh: hourlyCarbon,
    carbonAverageBasis,
    carbonMarginalGPerKWh: site.carbon.marginalGPerKWh,
    notes,
  };
}
