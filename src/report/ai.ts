/**
 * @module report/ai
 * What one MW of AI IT capacity earns and costs per day, and where its $/GPU-hour came from.
 */
import type { Site } from '../config/site.ts';
import { gpusPerFacilityMW } from '../economics/ai/facility.ts';
import { gpuRentalRevenueUsd } from '../economics/ai/rental.ts';
import { tokenRevenueUsdPerGpuHour } from '../economics/ai/tokens.ts';
import type { AiServer, GpuModel, GpuRentalQuote } from '../economics/hardware/gpu-schema.ts';
import {
  inferenceThroughput,
  rentalRangeUsdPerGpuH,
  tokensPerSecPerGpu,
} from '../economics/hardware/gpus.ts';
import { percentile } from '../economics/metrics/stability.ts';
import { NotFoundError } from '../errors.ts';
import { HOURS_PER_DAY } from '../units/index.ts';
import { type Assumption, isoDay } from './market.ts';

export interface AiPricing {
  /** Revenue per GPU-hour actually sold or served, after utilization. */
  readonly revenueUsdPerGpuHour: number;
  readonly basis: string;
  readonly quotesUsed: readonly GpuRentalQuote[];
  readonly assumptions: readonly Assumption[];
}

/** Two-sided quotes (ranges and points, not "up to"/"more than") already published on `dayMs`. */
function quotesKnownOn(gpuId: string, year: number, dayMs: number): readonly GpuRentalQuote[] {
  const asOfMs = (asOf: string): number => Date.parse(asOf.length === 7 ? `${asOf}-01` : asOf);
  return rentalRangeUsdPerGpuH(gpuId, year).filter(
    (q) => (q.bound === 'range' || q.bound === 'point') && (q.asOf === undefined || asOfMs(q.asOf) <= dayMs),
  );
}

/**
 * The year's quotes known by that day; when none is yet (e.g. January, with every quote dated later),
 * the previous year's. `NotFoundError` says how to set a price instead.
 */
function catalogQuotes(gpu: GpuModel, dayMs: number): { quotes: readonly GpuRentalQuote[]; year: number } {
  const year = new Date(dayMs).getUTCFullYear();
  for (const candidate of [year, year - 1]) {
    try {
      const quotes = quotesKnownOn(gpu.id, candidate, dayMs);
      if (quotes.length > 0) return { quotes, year: candidate };
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      if (candidate === year - 1) {
        throw new NotFoundError(
          `${error.message}; set ai.pricing.priceUsdPerGpuHour in a site file (--site) for ${year}`,
          { cause: error },
        );
      }
    }
  }
  throw new NotFoundError(
    `no two-sided rental quote for ${gpu.id} known on ${isoDay(dayMs)}; set ai.pricing.priceUsdPerGpuHour in a site file (--site)`,
  );
}

/**
 * A site's own $/GPU-hour wins. Without one, the year's catalog quotes that are ranges or points (not
 * one-sided "up to"/"more than" figures) are reduced to the median of their midpoints, and the report lists them.
 */
export function resolveAiPricing({
  pricing,
  gpu,
  dayMs,
}: {
  pricing: Site['ai']['pricing'];
  gpu: GpuModel;
  dayMs: number;
}): AiPricing {
  if (pricing.kind === 'tokens') {
    const row = inferenceThroughput({
      model: pricing.model,
      gpuId: gpu.id,
      tp: pricing.tensorParallel,
      isl: pricing.inputTokens,
      osl: pricing.outputTokens,
    });
    const perGpu = tokensPerSecPerGpu(row);
    return {
      revenueUsdPerGpuHour: tokenRevenueUsdPerGpuHour({
        tokensPerSecPerGpu: perGpu,
        priceUsdPerMTok: pricing.priceUsdPerMTok,
        utilization: pricing.utilization,
      }),
      basis: `${row.model} tp${row.tp} ${row.isl}/${row.osl}: ${perGpu.toFixed(0)} tok/s/GPU at $${pricing.priceUsdPerMTok}/M tokens, ${(pricing.utilization * 100).toFixed(0)} % of peak sold`,
      quotesUsed: [],
      assumptions: [],
    };
  }
  if (pricing.priceUsdPerGpuHour !== undefined) {
    return {
      revenueUsdPerGpuHour: gpuRentalRevenueUsd({
        gpuCount: 1,
        priceUsdPerGpuHour: pricing.priceUsdPerGpuHour,
        durationH: 1,
        utilization: pricing.utilization,
      }),
      basis: `site price $${pricing.priceUsdPerGpuHour}/GPU-h, ${(pricing.utilization * 100).toFixed(0)} % utilization`,
      quotesUsed: [],
      assumptions: [],
    };
  }
  const { quotes, year } = catalogQuotes(gpu, dayMs);
  const priceUsdPerGpuHour = percentile(
    quotes.map((q) => (q.lowUsdPerGpuH + q.highUsdPerGpuH) / 2),
    0.5,
  );
  return {
    revenueUsdPerGpuHour: gpuRentalRevenueUsd({
      gpuCount: 1,
      priceUsdPerGpuHour,
      durationH: 1,
      utilization: pricing.utilization,
    }),
    basis: `catalog ${year} median $${priceUsdPerGpuHour.toFixed(2)}/GPU-h, ${(pricing.utilization * 100).toFixed(0)} % utilization`,
    quotesUsed: quotes,
    assumptions: [
      {
        input: 'AI price',
        assumed: `no site price; $${priceUsdPerGpuHour.toFixed(2)}/GPU-h = median of ${quotes.length} ${year} quotes for ${gpu.id}${year === new Date(dayMs).getUTCFullYear() ? '' : ` (no ${year + 1} quote was published by ${isoDay(dayMs)})`} (${quotes.map((q) => `${q.kind} "${q.quote}"`).join('; ')}); set ai.pricing.priceUsdPerGpuHour to use your own`,
      },
    ],
  };
}

/** One GPU's catalog price: the source's reference figure (e.g. an MSRP), else the middle of its range. */
export function catalogGpuPriceUsd(gpu: GpuModel): number | undefined {
  const price = gpu.purchasePrice;
  return price === undefined ? undefined : (price.referenceUsd ?? (price.lowUsd + price.highUsd) / 2);
}

export interface AiPerMW {
  readonly server: string;
  /** Servers sized on their maximum draw, so the hall never exceeds its IT capacity. */
  readonly servers: number;
  readonly gpus: number;
  readonly itEnergyMWhPerDay: number;
  readonly facilityEnergyMWhPerDay: number;
  readonly gpuHoursPerDay: number;
  readonly revenueUsdPerDay: number;
  readonly energyCostUsdPerDay: number;
  readonly marginUsdPerDay: number;
  readonly breakEvenUsdPerMWh: number;
  readonly hardwareCapexUsd: number | undefined;
}

export function aiPerItMW({
  server,
  gpu,
  revenueUsdPerGpuHour,
  priceUsdPerMWh,
  terms,
}: {
  server: AiServer;
  gpu: GpuModel;
  revenueUsdPerGpuHour: number;
  priceUsdPerMWh: number;
  terms: { pue: number; serverLoadFactor: number };
}): AiPerMW {
  // PUE 1: a MW of IT capacity, servers sized on their maximum draw.
  const { serversPerMW: servers, gpusPerMW: gpus } = gpusPerFacilityMW({
    serverPowerW: server.serverPowerW,
    gpusPerServer: server.gpuCount,
    pue: 1,
  });
  const itEnergyMWhPerDay = HOURS_PER_DAY * terms.serverLoadFactor;
  const facilityEnergyMWhPerDay = itEnergyMWhPerDay * terms.pue;
  const gpuHoursPerDay = gpus * HOURS_PER_DAY;
  const revenueUsdPerDay = gpuHoursPerDay * revenueUsdPerGpuHour;
  const energyCostUsdPerDay = facilityEnergyMWhPerDay * priceUsdPerMWh;
  const unitPriceUsd = catalogGpuPriceUsd(gpu);
  return {
    server: server.id,
    servers,
    gpus,
    itEnergyMWhPerDay,
    facilityEnergyMWhPerDay,
    gpuHoursPerDay,
    revenueUsdPerDay,
    energyCostUsdPerDay,
    marginUsdPerDay: revenueUsdPerDay - energyCostUsdPerDay,
    breakEvenUsdPerMWh: revenueUsdPerDay / facilityEnergyMWhPerDay,
    hardwareCapexUsd: unitPriceUsd === undefined ? undefined : gpus * unitPriceUsd,
  };
}
