/**
 * @module config/site
 * The site file (YAML or JSON) used by the reports: power, PUE, power price, fleets and investment case.
 * Every field says its unit in its name; every rule carries the fix shown when it is broken.
 */
import { z } from 'zod';
import { findAsic } from '../economics/hardware/asics.ts';
import { networkEquilibriumFields } from './network-equilibrium.ts';
import { operationsSchema } from './operations.ts';
import { scenarioSchema } from './scenario.ts';

const fraction = (fix: string) => z.number().min(0).max(1).meta({ fix });
const positive = (fix: string) => z.number().positive().meta({ fix });
const pue = (fix: string) => z.number().min(1).max(3).meta({ fix });

const fleetEntry = z.object({
  model: z
    .string()
    .min(1)
    .meta({ fix: 'use a catalog id such as antminer-s21 (switchyard catalog asics lists them)' }),
  share: z
    .number()
    .gt(0)
    .max(1)
    .meta({ fix: 'give the share of mining IT power on this model, e.g. 0.5' })
    .optional(),
  count: z
    .number()
    .int()
    .positive()
    .meta({ fix: 'give the number of machines of this model, e.g. 3400' })
    .optional(),
});

type FleetEntryInput = z.infer<typeof fleetEntry>;

/** Every entry gives a share, or every entry gives a machine count: a fleet is described one way. */
function fleetIsConsistent(entries: readonly FleetEntryInput[]): boolean {
  const byShare = entries.every((e) => e.share !== undefined && e.count === undefined);
  const byCount = entries.every((e) => e.count !== undefined && e.share === undefined);
  return byCount || (byShare && Math.abs(entries.reduce((s, e) => s + (e.share ?? 0), 0) - 1) < 1e-6);
}

/**
 * Machine counts become shares of mining IT power (count × nameplate W) and the installed IT MW; shares stay as
 * given. Downstream code only ever sees shares.
 */
function withShares(entries: readonly FleetEntryInput[]): {
  fleet: { model: string; share: number; count?: number }[];
  installedItMW?: number;
} {
  if (entries.every((e) => e.share !== undefined))
    return { fleet: entries.map((e) => ({ model: e.model, share: e.share! })) };
  const powersW = entries.map((e) => e.count! * findAsic(e.model).powerW);
  const totalW = powersW.reduce((s, w) => s + w, 0);
  return {
    fleet: entries.map((e, i) => ({ model: e.model, share: powersW[i]! / totalW, count: e.count! })),
    installedItMW: totalW / 1e6,
  };
}

const mining = z
  .object({
    pue: pue('use 1.03-1.20 for a mining hall (1.10 air-cooled)').default(1.1),
    poolFeeFraction: z.number().min(0).lt(1).meta({ fix: 'e.g. 0.025 for a 2.5 % FPPS fee' }).default(0.025),
    uptimeFraction: fraction('e.g. 0.97; curtailment is not downtime').default(0.97),
    staleRejectFraction: z.number().min(0).lt(1).meta({ fix: 'e.g. 0.005' }).default(0.005),
    fleet: z
      .array(fleetEntry)
      .min(1)
      .meta({ fix: 'list the ASIC models with a share each (adding up to 1) or a machine count each' })
      .refine(fleetIsConsistent, {
        message: 'give every model a share (adding up to 1) or every model a count',
      })
      .default([{ model: 'antminer-s21', share: 1 }]),
  })
  .transform(({ fleet, ...rest }) => ({ ...rest, ...withShares(fleet) }))
  .meta({ fix: 'see examples/site.yaml for the mining section' });

const rentalPricing = z.object({
  kind: z.literal('rental'),
  priceUsdPerGpuHour: positive(
    'give the $/GPU-hour you sell at, or omit it to use the catalog range midpoint of that year',
  ).optional(),
  utilization: z.number().gt(0).max(1).meta({ fix: 'share of GPU-hours sold, in (0, 1], e.g. 0.8' }),
});

const tokenPricing = z.object({
  kind: z.literal('tokens'),
  model: z.string().min(1).meta({ fix: 'a model in the throughput catalog, e.g. "Llama 3.1 70B FP8"' }),
  tensorParallel: z.number().int().positive().meta({ fix: 'GPUs per model replica, e.g. 8' }),
  inputTokens: z.number().int().positive().meta({ fix: 'input sequence length, e.g. 1000' }).default(1000),
  outputTokens: z.number().int().positive().meta({ fix: 'output sequence length, e.g. 1000' }).default(1000),
  priceUsdPerMTok: positive('$ per million output tokens, e.g. 0.88'),
  utilization: z
    .number()
    .gt(0)
    .max(1)
    .meta({ fix: 'share of peak throughput actually sold, in (0, 1], e.g. 0.3' }),
});

const ai = z
  .object({
    pue: pue('use 1.1-1.5 for an AI hall (1.3 typical colocation)').default(1.3),
    server: z.string().min(1).meta({ fix: 'an AI server id such as dgx-h100' }).default('dgx-h100'),
    serverLoadFactor: z
      .number()
      .gt(0)
      .max(1)
      .meta({ fix: 'operating draw ÷ server maximum, e.g. 0.8' })
      .default(0.8),
    pricing: z
      .discriminatedUnion('kind', [rentalPricing, tokenPricing])
      .meta({ fix: 'kind: rental (priceUsdPerGpuHour, utilization) or tokens (model, priceUsdPerMTok, ...)' })
      .default({ kind: 'rental', utilization: 0.8 }),
  })
  .meta({ fix: 'see examples/site.yaml for the ai section' });

const power = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('fixed'),
      priceUsdPerMWh: z.number().meta({ fix: 'the all-in $/MWh you pay, e.g. 45' }),
    }),
    z.object({
      kind: z.literal('ercot-rt-hubavg'),
      fallbackPriceUsdPerMWh: z
        .number()
        .meta({ fix: 'price to assume on days without shipped ERCOT data' })
        .optional(),
    }),
  ])
  .meta({ fix: 'power: { kind: fixed, priceUsdPerMWh: 45 } or { kind: ercot-rt-hubavg }' });

const carbon = z.object({
  regionCode: z
    .string()
    .min(1)
    .meta({ fix: 'a region in data/grid_carbon_intensity_annual.csv, e.g. US-TEX-ERCO' })
    .default('US-TEX-ERCO'),
  marginalGPerKWh: z
    .number()
    .min(0)
    .meta({
      fix: 'gCO2/kWh of the unit on the margin; 490 = gas combined cycle (IPCC AR5 life-cycle median)',
    })
    .default(490),
});

const invest = z.object({
  convertItMW: positive('IT megawatts moved from mining to AI, e.g. 10'),
  horizonYears: z.number().int().min(1).max(30).meta({ fix: 'whole years, e.g. 6' }).default(6),
  discountRatePerYear: z.number().gt(-1).lt(1).meta({ fix: 'a fraction, e.g. 0.10 for 10 %' }).default(0.1),
  taxRate: fraction('0 for pre-tax cash flows, e.g. 0.21').default(0),
  leadTimeMonths: z
    .number()
    .int()
    .min(0)
    .max(60)
    .meta({ fix: 'months from decision to AI revenue, e.g. 18' })
    .default(18),
  aiFacilityCapexUsdPerMW: positive(
    'AI hall capex per facility MW excluding GPUs; $3-5 M air, $8-15 M liquid',
  ).default(4_000_000),
  gpuPriceUsd: positive('purchase price per GPU; omit to use the catalog midpoint').optional(),
  networkCapexFraction: fraction('network/storage on top of GPU capex, e.g. 0.15').default(0.15),
  gpuLifeYears: z.number().int().min(1).max(15).meta({ fix: 'book life of GPU servers, e.g. 5' }).default(5),
  facilityLifeYears: z
    .number()
    .int()
    .min(1)
    .max(40)
    .meta({ fix: 'book life of the AI hall, e.g. 15' })
    .default(15),
  gpuResidualFraction: fraction('resale value at the horizon ÷ purchase price, e.g. 0.1').default(0.1),
  gpuRentalDeclinePerYear: z
    .number()
    .min(0)
    .max(2)
    .meta({ fix: 'λ of p_floor + (p0 − p_floor)·e^(−λt), e.g. 0.25' })
    .default(0.25),
  gpuRentalFloorUsdPerGpuHour: z
    .number()
    .min(0)
    .meta({ fix: 'long-run floor of the rental price, e.g. 1.65' })
    .default(1.65),
  asicResaleUsdPerTh: z
    .number()
    .min(0)
    .meta({ fix: 'what the ASICs fetch per TH/s today, e.g. 20' })
    .default(20),
  difficultyGrowthPerYear: z
    .number()
    .min(-1)
    .max(3)
    .meta({
      fix: 'a constant log growth per year, e.g. 0.35; omit to let difficulty follow the network equilibrium',
    })
    .optional(),
  network: z
    .object({
      ...networkEquilibriumFields,
    })
    .meta({ fix: 'see examples/site.yaml for invest.network' })
    .prefault({}),
  feesBtcPerBlock: z
    .number()
    .min(0)
    .meta({ fix: 'mean fees per block to project, e.g. 0.05; omit to use the trailing 365-day mean' })
    .optional(),
  btcPriceGrowthPerYear: z.number().min(-1).max(3).meta({ fix: 'log growth per year, e.g. 0' }).default(0),
  miningOpexUsdPerMWYear: z
    .number()
    .min(0)
    .meta({ fix: 'non-energy opex per IT MW-year (staff, repairs, insurance)' })
    .default(60_000),
  aiOpexUsdPerMWYear: z
    .number()
    .min(0)
    .meta({ fix: 'non-energy opex per IT MW-year (staff, network, licences)' })
    .default(400_000),
});

export const siteSchema = z
  .object({
    name: z.string().min(1).meta({ fix: 'give the site a name' }),
    itPowerMW: positive('total IT power of the site in MW, e.g. 20').default(1),
    power: power.default({ kind: 'fixed', priceUsdPerMWh: 45 }),
    carbon: carbon.prefault({}),
    mining: mining.prefault({}),
    ai: ai.prefault({}),
    invest: invest.optional(),
    operations: operationsSchema.optional(),
    scenario: scenarioSchema.optional(),
  })
  .strict()
  .meta({ fix: 'see examples/site.yaml' });

export type Site = z.infer<typeof siteSchema>;
export type SiteInput = z.input<typeof siteSchema>;
export type InvestCase = NonNullable<Site['invest']>;
