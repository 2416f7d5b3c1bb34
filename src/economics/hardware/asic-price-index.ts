/**
 * @module economics/hardware/asic-price-index
 * ASIC market prices in USD per TH/s by efficiency band, the levels ECONOMICS.md §3.1 quotes from the Hashrate
 * Index ASIC Price Index. Resale and residual-value models (§4.6) should tie ASIC value to these bands and to
 * hashprice, not to a launch price. Four points only: there is no shipped $/TH history (SOURCES.md "Not found").
 */
import { z } from 'zod';
import { AS_OF_DATE, SOURCE_TAGS, type SourceTag } from './asic-schema.ts';
import { validateCatalogRows } from './validate.ts';

export interface AsicPriceIndexLevel {
  /** Band as the index named it. */
  readonly band: string;
  /** Upper efficiency bound of the band (models at or below it qualify). */
  readonly maxEfficiencyJPerTh: number;
  /** Date of the level (YYYY-MM or YYYY-MM-DD). */
  readonly atDate: string;
  readonly priceUsdPerTh: number;
  readonly tag: SourceTag;
  readonly source: string;
  readonly note?: string;
}

const ECON_31 = 'ECONOMICS.md §3.1';

const ROWS: readonly AsicPriceIndexLevel[] = [
  {
    band: 'under 38 J/TH',
    maxEfficiencyJPerTh: 38,
    atDate: '2021-05-07',
    priceUsdPerTh: 119.25,
    tag: 'P',
    source: `${ECON_31}: Hashrate Index ASIC Price Index, via press`,
    note: 'peak of the band',
  },
  {
    band: 'under 38 J/TH',
    maxEfficiencyJPerTh: 38,
    atDate: '2022-12-25',
    priceUsdPerTh: 15.71,
    tag: 'P',
    source: `${ECON_31}: Hashrate Index ASIC Price Index, via press`,
    note: 'low of the band',
  },
  {
    band: 'newest generation (under 25 J/TH)',
    maxEfficiencyJPerTh: 25,
    atDate: '2022-07',
    priceUsdPerTh: 60,
    tag: 'P',
    source: `${ECON_31}: CoinDesk 2023-07-26 citing Hashrate Index`,
    note: 'month only in the source',
  },
  {
    band: 'newest generation (under 25 J/TH)',
    maxEfficiencyJPerTh: 25,
    atDate: '2023-07',
    priceUsdPerTh: 20,
    tag: 'P',
    source: `${ECON_31}: CoinDesk 2023-07-26 citing Hashrate Index`,
    note: 'month only in the source',
  },
];

const levelSchema = z
  .object({
    band: z.string().min(1),
    maxEfficiencyJPerTh: z.number().positive(),
    atDate: z.string().regex(AS_OF_DATE),
    priceUsdPerTh: z.number().positive(),
    tag: z.enum(SOURCE_TAGS),
    source: z.string().min(1),
    note: z.string().min(1).optional(),
  })
  .strict();

export const asicPriceIndexLevels: readonly AsicPriceIndexLevel[] = validateCatalogRows(ROWS, levelSchema, {
  catalog: 'asicPriceIndexLevels',
  sourceFile: 'src/economics/hardware/asic-price-index.ts',
  fixes: { default: 'correct the level against ECONOMICS.md §3.1; prices are USD per TH/s, > 0' },
  uniqueBy: (row) => {
    const level = row as AsicPriceIndexLevel;
    return `${level.band}@${level.atDate}`;
  },
});
