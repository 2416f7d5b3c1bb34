/**
 * @module economics/hardware/asic-schema
 * The shape of an ASIC catalog row and the runtime schema that checks it. Efficiency is deliberately absent:
 * it is derived from `powerW / hashrateThs` so it can never drift from the two stored numbers.
 */
import { z } from 'zod';

export const ASIC_COOLING_KINDS = ['air', 'hydro', 'immersion'] as const;
export type AsicCooling = (typeof ASIC_COOLING_KINDS)[number];

/** ECONOMICS.md §0: P = published with a named source; R = recalled, not re-checked (catalog default only). */
export const SOURCE_TAGS = ['P', 'R'] as const;
export type SourceTag = (typeof SOURCE_TAGS)[number];

/** A quoted purchase price (range; a point quote has lowUsd = highUsd) with its own provenance. */
export interface QuotedPriceUsd {
  readonly lowUsd: number;
  readonly highUsd: number;
  readonly tag: SourceTag;
  readonly source: string;
  /** When the quote was recorded (YYYY, YYYY-MM or YYYY-MM-DD); the quote itself may be older. */
  readonly asOf: string;
  readonly note?: string;
}

export interface AsicModel {
  /** Stable kebab-case id, e.g. `antminer-s21`. */
  readonly id: string;
  readonly manufacturer: string;
  /** Model name as the source spells it. */
  readonly model: string;
  /** Other spellings accepted by `findAsic` (e.g. ECONOMICS.md's "A1246" for "AvalonMiner 1246"). */
  readonly aliases?: readonly string[];
  /** Nameplate hash rate at stock settings. */
  readonly hashrateThs: number;
  /** Nameplate wall power at stock settings. */
  readonly powerW: number;
  readonly releaseYear: number;
  readonly releaseMonth?: number;
  readonly cooling: AsicCooling;
  readonly price?: QuotedPriceUsd;
  /** The source app's own default price (SOURCES.md §10): NOT a launch or market price. */
  readonly appDefaultPriceUsd?: number;
  /** Exact origin of the row: repository@commit:path via shipped file, or the document and section. */
  readonly source: string;
  readonly tag: SourceTag;
  /** When the row's figures were recorded (YYYY, YYYY-MM or YYYY-MM-DD). */
  readonly asOf: string;
  readonly note?: string;
}

export const KEBAB_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const AS_OF_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

export const quotedPriceSchema = z
  .object({
    lowUsd: z.number().positive(),
    highUsd: z.number().positive(),
    tag: z.enum(SOURCE_TAGS),
    source: z.string().min(1),
    asOf: z.string().regex(AS_OF_DATE),
    note: z.string().min(1).optional(),
  })
  .strict()
  .refine((price) => price.highUsd >= price.lowUsd, { message: 'must be >= lowUsd', path: ['highUsd'] });

export const asicModelSchema = z
  .object({
    id: z.string().regex(KEBAB_ID),
    manufacturer: z.string().min(1),
    model: z.string().min(1),
    aliases: z.array(z.string().min(1)).optional(),
    hashrateThs: z.number().positive().finite(),
    powerW: z.number().positive().finite(),
    // SHA-256 ASICs start in 2013; anything outside is a typo.
    releaseYear: z.number().int().min(2013).max(2100),
    releaseMonth: z.number().int().min(1).max(12).optional(),
    cooling: z.enum(ASIC_COOLING_KINDS),
    price: quotedPriceSchema.optional(),
    appDefaultPriceUsd: z.number().positive().optional(),
    source: z.string().min(1),
    tag: z.enum(SOURCE_TAGS),
    asOf: z.string().regex(AS_OF_DATE),
    note: z.string().min(1).optional(),
  })
  .strict();

export const ASIC_FIXES = {
  id: 'use a stable kebab-case id (lower-case letters, digits, hyphens), e.g. antminer-s21',
  hashrateThs: 'enter the nameplate hash rate in TH/s (not H/s or PH/s), > 0',
  powerW: 'enter the nameplate wall power in W (not kW), > 0',
  releaseYear: 'enter the four-digit release year from the source',
  releaseMonth: 'enter the release month 1-12, or leave it out',
  cooling: "use one of 'air', 'hydro', 'immersion'",
  price: 'give lowUsd <= highUsd (both > 0) with tag, source and asOf; never invent a price, leave it out',
  tag: "use 'P' (published, source named) or 'R' (recalled, not re-checked)",
  asOf: 'use YYYY, YYYY-MM or YYYY-MM-DD',
  source: 'name the exact origin: repository@commit:path or document and section',
  default: 'correct the row against its source, or remove the field',
} as const;
