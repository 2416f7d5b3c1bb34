/**
 * @module cli/compare
 * `switchyard compare --date D [--site FILE]`: mining vs AI per MW of IT capacity at the numbers of one day.
 */
import type { Command } from 'commander';
import { loadSiteFile } from '../config/load.ts';
import { type Site, siteSchema } from '../config/site.ts';
import { NotFoundError } from '../errors.ts';
import {
  loadBtcNetworkDaily,
  loadErcotHubAvgHourly,
  loadGridCarbonIntensityAnnual,
} from '../history/load.ts';
import { averageIntensityFor } from '../report/carbon.ts';
import { type CompareReport, compareReport, type PowerPrice } from '../report/compare.ts';
import { type Assumption, isoDay, latestCompleteDayMs } from '../report/market.ts';
import { dailyMean } from '../series/daily-mean.ts';
import { frameSeries } from '../series/frame.ts';
import { valueAt } from '../series/series.ts';
import { renderCompare } from './compare-render.ts';
import { parseDayOption } from './options.ts';
import { type Io, toJson } from './output.ts';

/** ERCOT hub-average real-time price: the mean of the UTC day's 24 shipped hours. */
export function resolvePowerPrice(
  site: Site,
  dayMs: number,
  sitePath?: string,
): { power: PowerPrice; note?: Assumption } {
  if (site.power.kind === 'fixed') {
    return {
      power: {
        priceUsdPerMWh: site.power.priceUsdPerMWh,
        source:
          sitePath === undefined
            ? 'default site, fixed price; set power in a --site file'
            : `fixed price from ${sitePath}`,
      },
    };
  }
  const daily = dailyMean(frameSeries(loadErcotHubAvgHourly(), 'rtPriceUsdPerMWh'));
  const priceUsdPerMWh = valueAt(daily, dayMs);
  if (priceUsdPerMWh !== undefined)
    return { power: { priceUsdPerMWh, source: `ERCOT HB_HUBAVG real-time, mean of ${isoDay(dayMs)} UTC` } };
  const fallback = site.power.fallbackPriceUsdPerMWh;
  if (fallback === undefined) {
    throw new NotFoundError(
      `no shipped ERCOT HB_HUBAVG real-time prices for ${isoDay(dayMs)} (shipped: 2024-01-01 .. 2025-11-30); set power.fallbackPriceUsdPerMWh or use power.kind: fixed`,
    );
  }
  return {
    power: { priceUsdPerMWh: fallback, source: 'site fallback price' },
    note: {
      input: 'power price',
      assumed: `no ERCOT real-time prices shipped for ${isoDay(dayMs)}; used the site's fallback ${fallback} USD/MWh`,
    },
  };
}

/** `siteLabel` names the site file in the report (default: `sitePath`), e.g. the path a user would type. */
export function runCompare({
  date,
  sitePath,
  siteLabel = sitePath,
}: {
  date?: string | undefined;
  sitePath?: string | undefined;
  siteLabel?: string | undefined;
}): CompareReport {
  const site =
    sitePath === undefined
      ? siteSchema.parse({ name: 'default (1 MW IT, S21 mining vs DGX H100 rental)' })
      : loadSiteFile(sitePath);
  const network = loadBtcNetworkDaily();
  const dayMs = date === undefined ? latestCompleteDayMs(network) : parseDayOption(date);
  const { power, note } = resolvePowerPrice(site, dayMs, siteLabel);
  const carbon = averageIntensityFor(
    loadGridCarbonIntensityAnnual(),
    site.carbon.regionCode,
    new Date(dayMs).getUTCFullYear(),
  );
  const report = compareReport({ network, dayMs, site, power, carbon });
  return note ? { ...report, notes: [note, ...report.notes] } : report;
}

export function registerCompare(program: Command, io: Io): void {
  program
    .command('compare')
    .description(
      'mining vs AI per MW of IT power at the numbers of one date (revenue, margin, break-even, stability, carbon, halving)',
    )
    .option('--date <YYYY-MM-DD>', 'UTC day in the shipped history (default: latest day with every input)')
    .option('--latest', 'use the latest day with every input shipped (the default when --date is absent)')
    .option('--site <file>', 'site file (YAML or JSON): power price, PUE, fleets; see examples/site.yaml')
    .option('--json', 'print JSON')
    .action((options: { date?: string; site?: string; json?: boolean }) => {
      const report = runCompare({ date: options.date, sitePath: options.site });
      io.out(options.json ? toJson(report) : renderCompare(report));
    });
}
