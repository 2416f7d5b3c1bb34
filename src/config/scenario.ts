/**
 * @module config/scenario
 * The optional `scenario` section of a site file: what `switchyard simulate` needs beyond the site itself
 * (ECONOMICS.md §6). Every default is stated here; fields marked "fitted" default to a fit on the shipped
 * history over the stated window, and the report prints what was fitted.
 */
import { z } from 'zod';
import { networkEquilibriumFields } from './network-equilibrium.ts';

const num = (fix: string) => z.number().meta({ fix });
const positive = (fix: string) => z.number().positive().meta({ fix });
const nonNegative = (fix: string) => z.number().min(0).meta({ fix });
const fraction = (fix: string) => z.number().min(0).max(1).meta({ fix });
const wholeDays = (fix: string) => z.number().int().min(30).max(5000).meta({ fix });
const years = (fix: string) => z.number().int().min(1).max(40).meta({ fix });

const capex = z
  .object({
    asicUsdPerTh: positive(
      'ASIC price per TH/s at the start; 20 = newest generation, Hashrate Index 2023-07',
    ).default(20),
    miningFacilityUsdPerMW: nonNegative(
      'mining hall per facility MW (power, containers), e.g. 500000',
    ).default(500_000),
    aiFacilityUsdPerMW: positive(
      'AI hall per facility MW excluding GPUs; $3-5 M air, $8-15 M liquid',
    ).default(4_000_000),
    gpuPriceUsd: positive(
      'purchase price per GPU; omit to use the catalog price of the site server GPU',
    ).optional(),
    networkCapexFraction: fraction('network and storage on top of GPU capex, e.g. 0.15').default(0.15),
  })
  .strict()
  .meta({ fix: 'see examples/site-20mw.yaml for scenario.capex' });

const assets = z
  .object({
    asicLifeYears: years(
      'years before the ASIC fleet is replaced by the then-current generation, e.g. 5',
    ).default(5),
    gpuLifeYears: years('years before the GPUs are replaced by a new generation, e.g. 5').default(5),
    facilityLifeYears: years('book life of both halls, e.g. 15').default(15),
    asicResidualFraction: fraction('ASIC value at end of life ÷ cost, e.g. 0.1').default(0.1),
    gpuResidualFraction: fraction('GPU value at end of life ÷ cost, e.g. 0.1').default(0.1),
    miningOpexUsdPerMWYear: nonNegative('non-energy opex per mining IT MW-year, e.g. 60000').default(60_000),
    aiOpexUsdPerMWYear: nonNegative('non-energy opex per AI IT MW-year, e.g. 400000').default(400_000),
  })
  .strict()
  .meta({ fix: 'see examples/site-20mw.yaml for scenario.assets' });

const btc = z
  .object({
    model: z
      .enum(['gbm', 'bootstrap'])
      .meta({ fix: 'gbm (lognormal, transparent) or bootstrap (resamples shipped returns; keeps fat tails)' })
      .default('bootstrap'),
    windowDays: wholeDays(
      'days of shipped closes to fit on, ending at the start day, e.g. 1461 (4 years)',
    ).default(1461),
    volatilityPerYear: positive(
      'GBM σ per year, e.g. 0.6; omit to fit std(log returns) × √365 (fitted)',
    ).optional(),
    driftPerYear: num(
      'price drift μ per year, e.g. 0; omit to fit mean log return × 365 + σ²/2 (fitted)',
    ).optional(),
    meanBlockDays: z
      .number()
      .min(1)
      .max(365)
      .meta({ fix: 'mean block length of the stationary bootstrap in days, 20-30 (ECONOMICS.md §6.1)' })
      .default(25),
  })
  .strict()
  .meta({ fix: 'btc: { model: bootstrap, meanBlockDays: 25 }' });

const fees = z
  .object({
    windowDays: wholeDays(
      'days of shipped fees per block to fit on, ending at the start day, e.g. 730',
    ).default(730),
    eventMultiple: z
      .number()
      .gt(1)
      .meta({ fix: 'a day is an event day above this multiple of the window median, e.g. 4' })
      .default(4),
  })
  .strict()
  .meta({ fix: 'fees: { windowDays: 730, eventMultiple: 4 }' });

const difficulty = z
  .object({
    ...networkEquilibriumFields,
    powerShareOfRevenue: z
      .number()
      .gt(0)
      .max(2)
      .meta({ fix: 'share m of miner revenue spent on power at equilibrium, e.g. 1 (break-even)' })
      .default(1),
    lagDays: z
      .number()
      .int()
      .min(0)
      .max(730)
      .meta({ fix: 'ASIC delivery lag in days, 90-270 (ECONOMICS.md §6.2), e.g. 120' })
      .default(120),
    volatilityPerYear: nonNegative('noise of log hashrate per √year, e.g. 0.1').default(0.1),
  })
  .strict()
  .meta({ fix: 'see examples/site-20mw.yaml for scenario.difficulty' });

const electricity = z
  .object({
    spikeSigmas: positive('a day is a spike above this many robust σ over its month median, e.g. 4').default(
      4,
    ),
    meanUsdPerMWh: num(
      'long-run base price; omit to fit the shipped ERCOT HB_HUBAVG 2024-25 (fitted)',
    ).optional(),
    kappaPerYear: positive('OU reversion speed per year, e.g. 50 (half-life 5 days); omit to fit').optional(),
    volatilityUsdPerMWhPerSqrtYear: positive('OU σ in $/MWh per √year; omit to fit').optional(),
    spikesPerYear: nonNegative('spike days per year; omit to fit').optional(),
    spikeMeanUsdPerMWh: positive('mean spike excess over the base in $/MWh; omit to fit').optional(),
    seasonal: z.boolean().meta({ fix: 'true to keep the fitted month-by-month shape' }).default(true),
    capUsdPerMWh: positive("the market's offer cap, $/MWh; ERCOT system-wide cap 5000").default(5000),
    floorUsdPerMWh: num('lowest daily mean price allowed, $/MWh, e.g. -250').default(-250),
  })
  .strict()
  .meta({ fix: 'see examples/site-20mw.yaml for scenario.electricity' });

const gpu = z
  .object({
    rentalDeclinePerYear: z
      .number()
      .min(0)
      .max(3)
      .meta({ fix: 'λ of p_floor + (p0 − p_floor)·e^(−λt), 0.15-0.55 (ECONOMICS.md §6.5), e.g. 0.25' })
      .default(0.25),
    rentalFloorUsdPerGpuHour: nonNegative('long-run floor of the rental price, e.g. 1.65').default(1.65),
    noisePerSqrtYear: nonNegative('σ of the log rental-price noise per √year, e.g. 0.2').default(0.2),
    noiseReversionPerYear: positive('reversion speed of that noise per year, e.g. 2').default(2),
    contractYears: z
      .number()
      .min(0)
      .max(40)
      .meta({ fix: 'years the AI contract price holds before it re-prices with the market, e.g. 3' })
      .default(3),
  })
  .strict()
  .meta({ fix: 'see examples/site-20mw.yaml for scenario.gpu' });

export const scenarioSchema = z
  .object({
    years: years('simulated years, e.g. 10; --years overrides it').default(10),
    discountRatePerYear: z.number().gt(-1).lt(1).meta({ fix: 'a fraction, e.g. 0.10 for 10 %' }).default(0.1),
    capex: capex.prefault({}),
    assets: assets.prefault({}),
    btc: btc.prefault({}),
    fees: fees.prefault({}),
    difficulty: difficulty.prefault({}),
    electricity: electricity.prefault({}),
    gpu: gpu.prefault({}),
  })
  .strict()
  .meta({ fix: 'see examples/site-20mw.yaml for the scenario section' });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
