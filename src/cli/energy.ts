/**
 * @module cli/energy
 * `switchyard energy --date D`: network power and energy bounds, CO2 at a stated intensity, and the seed's 150 TWh.
 */
import type { Command } from 'commander';
import { asicModels, f2pool2020AsicModels } from '../economics/hardware/asics.ts';
import { loadBtcNetworkDaily, loadGridCarbonIntensityAnnual } from '../history/load.ts';
import { averageIntensityFor } from '../report/carbon.ts';
import { distinctAsicModels, type EnergyReport, energyReport } from '../report/energy.ts';
import { latestCompleteDayMs } from '../report/market.ts';
import { notesBlock, num, table, usd } from './format.ts';
import { parseDayOption, parseNumberOption } from './options.ts';
import { type Io, toJson } from './output.ts';

interface EnergyOptions {
  date?: string;
  electricityPrice: string;
  region: string;
  basketMaxAge: string;
  json?: boolean;
}

export function renderEnergy(report: EnergyReport): string {
  const a = report.assumptions;
  const lines = [
    `Bitcoin network energy on ${report.date} (CBECI-style bounds)`,
    `hashrate ${num(report.hashrate.usedEhs, 1)} EH/s (${report.hashrate.usedFrom}; difficulty implies ${num(report.hashrate.fromDifficultyEhs, 1)} EH/s), hashprice ${usd(report.market.hashpriceUsdPerPhDay, 2)}/PH/day`,
    `assumed: one network electricity price ${usd(a.electricityPriceUsdPerMWh)}/MWh; PUE ${a.pue.lower} / ${a.pue.best} / ${a.pue.upper}; ${report.machinesConsidered} catalog models released by ${report.date.slice(0, 4)}; each bound uses the models profitable at its own PUE; best-guess basket = those under ${a.basketMaxAgeYears} years old`,
    '',
    table(
      [
        'bound',
        'fleet J/TH',
        'PUE',
        'power GW',
        'TWh/yr',
        `Mt CO2/yr @ ${num(report.intensity.gPerKWh, 1)} g/kWh`,
        'set by',
      ],
      report.bounds.map((b) => [
        b.bound,
        num(b.fleetEfficiencyJPerTh, 1),
        num(b.pue, 2),
        num(b.powerW / 1e9, 2),
        num(b.energyTWhPerYear, 1),
        num(b.emissionsMtCo2PerYear, 1),
        b.machineIds.length === 1 ? b.machineIds[0]! : `${b.machineIds.length} models`,
      ]),
    ),
    `CO2 intensity: ${report.intensity.gPerKWh} g/kWh, ${report.intensity.method} (${report.intensity.basis}; ${report.intensity.source})`,
    '',
    `The seed's "over 150 TWh annually" = ${num(report.seedClaim.continuousGW, 2)} GW continuous; at ${num(report.hashrate.usedEhs, 0)} EH/s that needs a fleet of ${num(report.seedClaim.impliedFleetJPerThAtPue1, 1)} J/TH at PUE 1.0 or ${num(report.seedClaim.impliedFleetJPerThAtBestPue, 1)} J/TH at PUE ${a.pue.best}: ${report.seedClaim.withinBounds ? 'inside' : 'outside'} the bounds above.`,
  ];
  return lines.join('\n') + notesBlock('Missing inputs and what was assumed', report.notes);
}

/** What the command assumes unless told otherwise (the API uses the same). */
export const ENERGY_DEFAULTS = {
  electricityPriceUsdPerMWh: 50,
  region: 'World',
  basketMaxAgeYears: 4,
} as const;

export interface EnergyInputs {
  /** `YYYY-MM-DD`; default: the latest day with every input shipped. */
  readonly date?: string | undefined;
  /** One electricity price for the whole network (CBECI-style). */
  readonly electricityPriceUsdPerMWh: number;
  /** Carbon-intensity region of data/grid_carbon_intensity_annual.csv. */
  readonly region: string;
  /** Oldest model age kept in the best-guess basket. */
  readonly basketMaxAgeYears: number;
}

export function runEnergy(inputs: EnergyInputs): EnergyReport {
  const network = loadBtcNetworkDaily();
  const dayMs = inputs.date === undefined ? latestCompleteDayMs(network) : parseDayOption(inputs.date);
  const chosen = averageIntensityFor(
    loadGridCarbonIntensityAnnual(),
    inputs.region,
    new Date(dayMs).getUTCFullYear(),
  );
  return energyReport({
    network,
    dayMs,
    machines: distinctAsicModels(asicModels, f2pool2020AsicModels),
    assumptions: {
      electricityPriceUsdPerMWh: inputs.electricityPriceUsdPerMWh,
      pue: { lower: 1.01, best: 1.1, upper: 1.2 },
      poolFeeFraction: 0,
      basketMaxAgeYears: inputs.basketMaxAgeYears,
    },
    intensity: chosen.intensity,
    extraNotes: chosen.assumption ? [chosen.assumption] : [],
  });
}

export function registerEnergy(program: Command, io: Io): void {
  program
    .command('energy')
    .description('network power, TWh/yr and Mt CO2/yr with lower/best/upper bounds for a date')
    .option('--date <YYYY-MM-DD>', 'UTC day in the shipped history (default: latest complete day)')
    .option(
      '--electricity-price <usdPerMWh>',
      'one electricity price for the whole network (CBECI-style)',
      String(ENERGY_DEFAULTS.electricityPriceUsdPerMWh),
    )
    .option(
      '--region <code>',
      'carbon-intensity region from data/grid_carbon_intensity_annual.csv',
      ENERGY_DEFAULTS.region,
    )
    .option(
      '--basket-max-age <years>',
      'oldest model age kept in the best-guess basket',
      String(ENERGY_DEFAULTS.basketMaxAgeYears),
    )
    .option('--json', 'print JSON')
    .action((options: EnergyOptions) => {
      const report = runEnergy({
        date: options.date,
        electricityPriceUsdPerMWh: parseNumberOption(
          options.electricityPrice,
          '--electricity-price',
          'e.g. --electricity-price 50',
        ),
        region: options.region,
        basketMaxAgeYears: parseNumberOption(
          options.basketMaxAge,
          '--basket-max-age',
          'e.g. --basket-max-age 4',
        ),
      });
      io.out(options.json ? toJson(report) : renderEnergy(report));
    });
}
