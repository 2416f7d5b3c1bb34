/**
 * @module montecarlo-run/load-inputs
 * The I/O edge of a simulation: read the site file and the shipped history, then build the inputs (pure).
 * A site without a scenario section runs on the scenario defaults.
 */
import { loadSiteFile } from '../config/load.ts';
import { type Scenario, scenarioSchema } from '../config/scenario.ts';
import type { Site } from '../config/site.ts';
import { DATA_FILES, loadBtcNetworkDaily, loadErcotHubAvgHourly } from '../history/load.ts';
import { type BuiltInputs, buildInputs, type DailyPrices } from '../montecarlo/build-inputs.ts';
import { dailyMean } from '../series/daily-mean.ts';
import { frameSeries } from '../series/frame.ts';

export function shippedDailyPrices(): DailyPrices {
  const frame = loadErcotHubAvgHourly();
  const daily = dailyMean(frameSeries(frame, 'rtPriceUsdPerMWh'), { minHours: 20 });
  return {
    firstDayMs: daily.startMs,
    dailyMeanUsdPerMWh: daily.values,
    source: `data/${DATA_FILES.ercotHubAvgHourly}, HB_HUBAVG real-time, UTC-day means (days with ≥ 20 hours)`,
  };
}

export function scenarioOf(site: Site, years?: number): Scenario {
  const scenario = site.scenario ?? scenarioSchema.parse({});
  return years === undefined ? scenario : { ...scenario, years };
}

export function loadInputsFor(site: Site, years?: number): BuiltInputs {
  return buildInputs(site, scenarioOf(site, years), loadBtcNetworkDaily(), shippedDailyPrices());
}

export function loadInputs(sitePath: string, years?: number): BuiltInputs & { site: Site } {
  const site = loadSiteFile(sitePath);
  return { ...loadInputsFor(site, years), site };
}
