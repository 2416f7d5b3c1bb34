/**
 * @module economics/hardware/gpu-schema
 * Shapes and runtime schemas of the GPU, AI-server, rental-price and inference-throughput catalogs.
 */
import { z } from 'zod';
import {
  AS_OF_DATE,
  KEBAB_ID,
  type QuotedPriceUsd,
  quotedPriceSchema,
  SOURCE_TAGS,
  type SourceTag,
} from './asic-schema.ts';

export const GPU_FORM_FACTORS = ['SXM', 'PCIe'] as const;
export type GpuFormFactor = (typeof GPU_FORM_FACTORS)[number];

export interface GpuModel {
  readonly id: string;
  readonly model: string;
  readonly aliases?: readonly string[];
  readonly memoryGb: number;
  readonly memoryType: string;
  readonly formFactor: GpuFormFactor;
  /** Board (TGP/TDP) power of one GPU. Wall power per GPU is higher: see `wallPowerPerGpuW`. */
  readonly boardTdpW: number;
  /** Purchase price range; `referenceUsd` is a single figure (e.g. an MSRP) the source gives inside it. */
  readonly purchasePrice?: QuotedPriceUsd & { readonly referenceUsd?: number };
  readonly source: string;
  /** Tag of the memory and power figures; the price carries its own. */
  readonly tag: SourceTag;
  readonly asOf: string;
  readonly note?: string;
}

export interface AiServer {
  readonly id: string;
  readonly name: string;
  readonly gpuId: string;
  readonly gpuCount: number;
  /** Maximum wall power of the whole server (not the sum of board TDPs). */
  readonly serverPowerW: number;
  readonly source: string;
  readonly tag: SourceTag;
  readonly asOf: string;
  readonly note?: string;
}

export const RENTAL_KINDS = ['on-demand', 'contract-1y', 'marketplace', 'spot', 'market-average'] as const;
export type RentalKind = (typeof RENTAL_KINDS)[number];
/** How to read low/high: a range, one figure, or a one-sided quote (">$8", "up to $12", "<$2"). */
export const RENTAL_BOUNDS = ['range', 'point', 'at-least', 'at-most'] as const;
export type RentalBound = (typeof RENTAL_BOUNDS)[number];

export interface GpuRentalQuote {
  readonly gpuId: string;
  readonly year: number;
  readonly kind: RentalKind;
  readonly bound: RentalBound;
  readonly lowUsdPerGpuH: number;
  readonly highUsdPerGpuH: number;
  /** Month or date of the quote when the source gives one. */
  readonly asOf?: string;
  /** The words of the ECONOMICS.md cell this row comes from. */
  readonly quote: string;
  readonly source: string;
  readonly tag: SourceTag;
  readonly note?: string;
}

/** A cell of the rental table with no price in it ("scarce", "launched", an index change). */
export interface GpuRentalMarketNote {
  readonly gpuId: string;
  readonly year: number;
  readonly text: string;
  readonly source: string;
}

export interface InferenceThroughput {
  readonly model: string;
  readonly precision: 'FP8';
  readonly gpuId: string;
  /** Tensor-parallel GPUs the figure is measured on. */
  readonly tp: number;
  /** Input and output sequence lengths, tokens. */
  readonly isl: number;
  readonly osl: number;
  /** Total output tokens per second across all `tp` GPUs. */
  readonly tokensPerS: number;
  readonly mode: 'offline-max-throughput';
  readonly source: string;
  readonly tag: SourceTag;
}

const positive = z.number().positive().finite();
const text = z.string().min(1);

export const gpuModelSchema = z
  .object({
    id: z.string().regex(KEBAB_ID),
    model: text,
    aliases: z.array(text).optional(),
    memoryGb: positive,
    memoryType: text,
    formFactor: z.enum(GPU_FORM_FACTORS),
    boardTdpW: positive,
    purchasePrice: z
      .object({ ...quotedPriceSchema.shape, referenceUsd: positive.optional() })
      .strict()
      .refine((price) => price.highUsd >= price.lowUsd, { message: 'must be >= lowUsd', path: ['highUsd'] })
      .optional(),
    source: text,
    tag: z.enum(SOURCE_TAGS),
    asOf: z.string().regex(AS_OF_DATE),
    note: text.optional(),
  })
  .strict();

export const aiServerSchema = z
  .object({
    id: z.string().regex(KEBAB_ID),
    name: text,
    gpuId: z.string().regex(KEBAB_ID),
    gpuCount: z.number().int().positive(),
    serverPowerW: positive,
    source: text,
    tag: z.enum(SOURCE_TAGS),
    asOf: z.string().regex(AS_OF_DATE),
    note: text.optional(),
  })
  .strict();

export const gpuRentalQuoteSchema = z
  .object({
    gpuId: z.string().regex(KEBAB_ID),
    year: z.number().int().min(2015).max(2100),
    kind: z.enum(RENTAL_KINDS),
    bound: z.enum(RENTAL_BOUNDS),
    lowUsdPerGpuH: positive,
    highUsdPerGpuH: positive,
    asOf: z.string().regex(AS_OF_DATE).optional(),
    quote: text,
    source: text,
    tag: z.enum(SOURCE_TAGS),
    note: text.optional(),
  })
  .strict()
  .refine((row) => row.highUsdPerGpuH >= row.lowUsdPerGpuH, {
    message: 'must be >= lowUsdPerGpuH',
    path: ['highUsdPerGpuH'],
  })
  .refine((row) => row.bound === 'range' || row.highUsdPerGpuH === row.lowUsdPerGpuH, {
    message: 'a point or one-sided quote has lowUsdPerGpuH = highUsdPerGpuH',
    path: ['bound'],
  });

export const gpuRentalMarketNoteSchema = z
  .object({ gpuId: z.string().regex(KEBAB_ID), year: z.number().int(), text, source: text })
  .strict();

export const inferenceThroughputSchema = z
  .object({
    model: text,
    precision: z.literal('FP8'),
    gpuId: z.string().regex(KEBAB_ID),
    tp: z.number().int().positive(),
    isl: z.number().int().positive(),
    osl: z.number().int().positive(),
    tokensPerS: positive,
    mode: z.literal('offline-max-throughput'),
    source: text,
    tag: z.enum(SOURCE_TAGS),
  })
  .strict();

export const gpuRentalSnapshotSchema = z
  .object({
    gpu: text,
    catalogGpuIds: z.array(z.string().regex(KEBAB_ID)).min(1),
    snapshotDate: z.string().regex(AS_OF_DATE),
    sourceCommit: z.string().regex(/^[0-9a-f]{12}$/),
    listingCount: z.number().int().positive(),
    multiGpuListingCount: z.number().int().nonnegative(),
    minUsdPerGpuH: positive,
    medianUsdPerGpuH: positive,
    maxUsdPerGpuH: positive,
    providers: z.array(text).min(1),
  })
  .strict()
  .refine((row) => row.minUsdPerGpuH <= row.medianUsdPerGpuH && row.medianUsdPerGpuH <= row.maxUsdPerGpuH, {
    message: 'must satisfy min <= median <= max',
    path: ['medianUsdPerGpuH'],
  });

export const GPU_FIXES = {
  id: 'use a stable kebab-case id, e.g. h100-sxm5',
  gpuId: 'use the id of a row in gpuModels, e.g. h100-sxm5',
  memoryGb: 'enter the memory per GPU in GB, > 0',
  boardTdpW: 'enter the board power of one GPU in W (not kW), > 0',
  serverPowerW: 'enter the maximum wall power of the whole server in W, > 0',
  gpuCount: 'enter the whole number of GPUs in the server',
  lowUsdPerGpuH: 'enter USD per GPU-hour (divide instance prices by the GPU count), > 0',
  highUsdPerGpuH: 'enter USD per GPU-hour, >= the low value; for a point quote repeat the low value',
  bound: "use 'range' for a range; for 'point', 'at-least', 'at-most' set low = high",
  tokensPerS: 'enter the total output tokens/s over all tp GPUs, > 0',
  purchasePrice: 'give lowUsd <= highUsd with tag, source and asOf; never invent a price, leave it out',
  tag: "use 'P' (published, source named) or 'R' (recalled, not re-checked)",
  asOf: 'use YYYY, YYYY-MM or YYYY-MM-DD',
  default: 'correct the row against its source (ECONOMICS.md §3.2 / §3.3), or remove the field',
} as const;
