/**
 * @module economics/hardware/gpu-rental-prices
 * The ECONOMICS.md §3.2 rental table, USD per GPU-hour by year, one row per quoted figure (a cell with three
 * quotes gives three rows) and one market note per cell without a price. All [P], secondary sources (§9);
 * the table says "on-demand unless stated". Where §3.2 names the source in the cell it is given below; otherwise
 * `source` points to the §9 list, which does not attribute each figure.
 *
 * The "A100 80 GB" row does not state a form factor; it is filed under `a100-80gb-sxm`.
 * One-sided quotes (">$8", "up to ~$12", "<$2") keep low = high and say so in `bound`.
 */
import type { GpuRentalMarketNote, GpuRentalQuote } from './gpu-schema.ts';

const TABLE = 'ECONOMICS.md §3.2 rental table';
const SECONDARY = `${TABLE} [P], secondary; figure not attributed individually (see ECONOMICS.md §9, GPU rental prices)`;
const TIERS = `${TABLE} [P]; "by provider tier" quotes match §9's aimultiple GPU index / Mercatus cloud GPU pricing (May 2026)`;

export const GPU_RENTAL_QUOTE_ROWS: readonly GpuRentalQuote[] = [
  // H100 SXM
  {
    gpuId: 'h100-sxm5',
    year: 2023,
    kind: 'on-demand',
    bound: 'point',
    lowUsdPerGpuH: 4.7,
    highUsdPerGpuH: 4.7,
    quote: 'launch $4.70/h',
    source: SECONDARY,
    tag: 'P',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2023,
    kind: 'spot',
    bound: 'at-least',
    lowUsdPerGpuH: 8,
    highUsdPerGpuH: 8,
    quote: 'peak >$8/h spot',
    source: SECONDARY,
    tag: 'P',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2023,
    kind: 'on-demand',
    bound: 'at-most',
    lowUsdPerGpuH: 12,
    highUsdPerGpuH: 12,
    quote: 'hyperscaler on-demand up to ~$12/h',
    source: SECONDARY,
    tag: 'P',
    note: 'hyperscaler list prices',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2024,
    kind: 'on-demand',
    bound: 'point',
    lowUsdPerGpuH: 2.85,
    highUsdPerGpuH: 2.85,
    quote: 'early 2024 ~$2.85',
    source: SECONDARY,
    tag: 'P',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2024,
    kind: 'on-demand',
    bound: 'point',
    lowUsdPerGpuH: 2.99,
    highUsdPerGpuH: 2.99,
    asOf: '2024-10',
    quote: 'Oct 2024 $2.99 on-demand SXM after a 30 % cut',
    source: SECONDARY,
    tag: 'P',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2024,
    kind: 'marketplace',
    bound: 'at-most',
    lowUsdPerGpuH: 2,
    highUsdPerGpuH: 2,
    quote: 'marketplace <$2 by late 2024',
    source: SECONDARY,
    tag: 'P',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2025,
    kind: 'marketplace',
    bound: 'range',
    lowUsdPerGpuH: 2.2,
    highUsdPerGpuH: 2.4,
    quote: 'marketplace ~$2.2-2.4',
    source: SECONDARY,
    tag: 'P',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2025,
    kind: 'contract-1y',
    bound: 'point',
    lowUsdPerGpuH: 1.7,
    highUsdPerGpuH: 1.7,
    asOf: '2025-10',
    quote: '1-year-contract index low $1.70 (Oct 2025)',
    source: `${TABLE} [P], index attributed to SemiAnalysis in the 2026 cell`,
    tag: 'P',
    note: 'the low of the index, not a typical price',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2026,
    kind: 'contract-1y',
    bound: 'point',
    lowUsdPerGpuH: 2.35,
    highUsdPerGpuH: 2.35,
    asOf: '2026-03',
    quote: '1-year contract $2.35 (Mar 2026), +40 % off the low (SemiAnalysis)',
    source: `${TABLE} [P]: SemiAnalysis (via compux.net / neighborhoodsf, §9)`,
    tag: 'P',
  },
  {
    gpuId: 'h100-sxm5',
    year: 2026,
    kind: 'on-demand',
    bound: 'range',
    lowUsdPerGpuH: 1.99,
    highUsdPerGpuH: 5,
    asOf: '2026-05',
    quote: 'on-demand $1.99-5.00 by provider tier (May 2026)',
    source: TIERS,
    tag: 'P',
  },
  // H200 SXM
  {
    gpuId: 'h200-sxm',
    year: 2026,
    kind: 'on-demand',
    bound: 'range',
    lowUsdPerGpuH: 2.5,
    highUsdPerGpuH: 7,
    quote: '$2.50-7.00 by provider tier',
    source: TIERS,
    tag: 'P',
  },
  // A100 80 GB
  {
    gpuId: 'a100-80gb-sxm',
    year: 2026,
    kind: 'on-demand',
    bound: 'range',
    lowUsdPerGpuH: 0.8,
    highUsdPerGpuH: 3,
    quote: '$0.80-3.00 by provider tier',
    source: TIERS,
    tag: 'P',
    note: 'the table row is "A100 80 GB" without a form factor',
  },
  // B200
  {
    gpuId: 'b200',
    year: 2025,
    kind: 'market-average',
    bound: 'point',
    lowUsdPerGpuH: 3.2,
    highUsdPerGpuH: 3.2,
    quote: '~$3.20/h early 2025',
    source: `${TABLE} [P]: FT Alphaville via newsbeep, RBC data (§9: B200 $3.20 → $2.80)`,
    tag: 'P',
  },
  {
    gpuId: 'b200',
    year: 2025,
    kind: 'market-average',
    bound: 'point',
    lowUsdPerGpuH: 2.8,
    highUsdPerGpuH: 2.8,
    quote: 'floor $2.80',
    source: `${TABLE} [P]: FT Alphaville via newsbeep, RBC data (§9: B200 $3.20 → $2.80)`,
    tag: 'P',
    note: 'the floor reached later in 2025',
  },
];

export const GPU_RENTAL_MARKET_NOTE_ROWS: readonly GpuRentalMarketNote[] = [
  { gpuId: 'h100-sxm5', year: 2025, text: 'AWS cut P5 prices ~44 % (June 2025)', source: TABLE },
  { gpuId: 'h200-sxm', year: 2023, text: 'n/a', source: TABLE },
  { gpuId: 'h200-sxm', year: 2024, text: 'launched', source: TABLE },
  {
    gpuId: 'h200-sxm',
    year: 2025,
    text: 'RBC: average H200 rates -29 % year to date (FT; year inferred)',
    source: `${TABLE}: FT Alphaville via newsbeep, RBC data (§9)`,
  },
  { gpuId: 'a100-80gb-sxm', year: 2023, text: 'scarce', source: TABLE },
  { gpuId: 'b200', year: 2023, text: 'n/a', source: TABLE },
  { gpuId: 'b200', year: 2024, text: 'release; buy ~$50k', source: TABLE },
  {
    gpuId: 'b200',
    year: 2026,
    text: 'sold out at times; newest-generation on-demand medians rising',
    source: TABLE,
  },
];
