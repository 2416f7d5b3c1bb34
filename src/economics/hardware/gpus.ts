/**
 * @module economics/hardware/gpus
 * The validated GPU, AI-server, rental-price and inference-throughput catalogs and their lookups. Every table is
 * checked at module load, including that each `gpuId` names a catalog GPU, so a typo cannot reach a caller.
 */
import { NotFoundError, ValidationError, type ValidationIssue } from '../../errors.ts';
import { requireFinite, requireFraction, requirePositive } from '../../units/guards.ts';
import { AI_SERVER_ROWS, GPU_MODEL_ROWS } from './gpu-models.ts';
import { GPU_RENTAL_MARKET_NOTE_ROWS, GPU_RENTAL_QUOTE_ROWS } from './gpu-rental-prices.ts';
import { GPU_RENTAL_SNAPSHOT_ROWS_2024, type GpuRentalSnapshotSummary } from './gpu-rental-snapshots-2024.ts';
import {
  type AiServer,
  aiServerSchema,
  GPU_FIXES,
  type GpuModel,
  type GpuRentalMarketNote,
  type GpuRentalQuote,
  gpuModelSchema,
  gpuRentalMarketNoteSchema,
  gpuRentalQuoteSchema,
  gpuRentalSnapshotSchema,
  type InferenceThroughput,
  inferenceThroughputSchema,
} from './gpu-schema.ts';
import { INFERENCE_THROUGHPUT_ROWS } from './inference-throughput.ts';
import { findByIdOrName, normalizeName } from './names.ts';
import { validateCatalogRows } from './validate.ts';

const DIR = 'src/economics/hardware';

export const gpuModels: readonly GpuModel[] = validateCatalogRows(GPU_MODEL_ROWS, gpuModelSchema, {
  catalog: 'gpuModels',
  sourceFile: `${DIR}/gpu-models.ts`,
  fixes: GPU_FIXES,
});

/** Every `gpuId` in a table must name a catalog GPU; checked once per table at load. */
export function requireKnownGpuIds<T>(
  rows: readonly T[],
  gpuIdsOf: (row: T) => readonly string[],
  catalog: string,
  sourceFile: string,
): readonly T[] {
  const known = new Set(gpuModels.map((gpu) => gpu.id));
  const issues: ValidationIssue[] = [];
  rows.forEach((row, index) => {
    for (const gpuId of gpuIdsOf(row)) {
      if (!known.has(gpuId)) {
        issues.push({
          field: `${catalog}[#${index}].gpuId`,
          problem: 'is not a GPU in gpuModels',
          value: gpuId,
          fix: `use one of ${[...known].join(', ')}, or add the GPU to gpu-models.ts first`,
          source: sourceFile,
        });
      }
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return rows;
}

function validated<T extends { readonly gpuId: string }>(
  rows: readonly T[],
  schema: Parameters<typeof validateCatalogRows>[1],
  catalog: string,
  file: string,
  uniqueBy: (row: T) => string,
): readonly T[] {
  const sourceFile = `${DIR}/${file}`;
  validateCatalogRows(rows, schema, {
    catalog,
    sourceFile,
    fixes: GPU_FIXES,
    uniqueBy: (row) => uniqueBy(row as T),
  });
  return requireKnownGpuIds(rows, (row) => [row.gpuId], catalog, sourceFile);
}

export const aiServers: readonly AiServer[] = validated(
  AI_SERVER_ROWS,
  aiServerSchema,
  'aiServers',
  'gpu-models.ts',
  (row) => row.id,
);

export const gpuRentalQuotes: readonly GpuRentalQuote[] = validated(
  GPU_RENTAL_QUOTE_ROWS,
  gpuRentalQuoteSchema,
  'gpuRentalQuotes',
  'gpu-rental-prices.ts',
  (row) => `${row.gpuId}/${row.year}/${row.kind}/${row.quote}`,
);

export const gpuRentalMarketNotes: readonly GpuRentalMarketNote[] = validated(
  GPU_RENTAL_MARKET_NOTE_ROWS,
  gpuRentalMarketNoteSchema,
  'gpuRentalMarketNotes',
  'gpu-rental-prices.ts',
  (row) => `${row.gpuId}/${row.year}/${row.text}`,
);

export const inferenceThroughputTable: readonly InferenceThroughput[] = validated(
  INFERENCE_THROUGHPUT_ROWS,
  inferenceThroughputSchema,
  'inferenceThroughputTable',
  'inference-throughput.ts',
  (row) => `${row.model}/${row.gpuId}/tp${row.tp}/${row.isl}/${row.osl}`,
);

/** DERIVED per-snapshot min/median/max of the 2024 list prices (see gpu-rental-snapshots-2024.ts). */
export const gpuRentalSnapshots2024: readonly GpuRentalSnapshotSummary[] = requireKnownGpuIds(
  validateCatalogRows(GPU_RENTAL_SNAPSHOT_ROWS_2024, gpuRentalSnapshotSchema, {
    catalog: 'gpuRentalSnapshots2024',
    sourceFile: `${DIR}/gpu-rental-snapshots-2024.ts`,
    fixes: GPU_FIXES,
    uniqueBy: (row) => {
      const summary = row as GpuRentalSnapshotSummary;
      return `${summary.gpu}@${summary.sourceCommit}`;
    },
  }),
  (row) => row.catalogGpuIds,
  'gpuRentalSnapshots2024',
  `${DIR}/gpu-rental-snapshots-2024.ts`,
);

export function findGpu(idOrName: string): GpuModel {
  return findByIdOrName(idOrName, gpuModels, (gpu) => [gpu.id, gpu.model, ...(gpu.aliases ?? [])], 'GPU');
}

export function findAiServer(idOrName: string): AiServer {
  return findByIdOrName(idOrName, aiServers, (server) => [server.id, server.name], 'AI server');
}

/**
 * Wall power per GPU from the server figure, not the board TDP (ECONOMICS.md §3.2): the server also feeds CPUs,
 * NICs, fans and PSU losses. `serverLoadFactor` is the operating share of the server maximum (1 = nameplate
 * maximum; typically 0.6-0.8 [R]); calibrate it from metered data.
 */
export function wallPowerPerGpuW(
  server: Pick<AiServer, 'serverPowerW' | 'gpuCount'>,
  serverLoadFactor: number,
): number {
  requirePositive(
    'server.serverPowerW',
    server.serverPowerW,
    'use the maximum wall power of the server in W',
  );
  requirePositive('server.gpuCount', server.gpuCount, 'use the number of GPUs in the server, e.g. 8');
  requireFraction(
    'serverLoadFactor',
    serverLoadFactor,
    'use 1 for the server maximum, ~0.6-0.8 for operation',
  );
  return (server.serverPowerW / server.gpuCount) * serverLoadFactor;
}

function yearsWithQuotes(gpuId: string): number[] {
  return [...new Set(gpuRentalQuotes.filter((row) => row.gpuId === gpuId).map((row) => row.year))].sort(
    (a, b) => a - b,
  );
}

/** Every quoted rental figure for the GPU in that year; `NotFoundError` says which years exist. */
export function rentalRangeUsdPerGpuH(gpuId: string, year: number): readonly GpuRentalQuote[] {
  requireFinite('year', year, 'pass a calendar year, e.g. 2025');
  const gpu = findGpu(gpuId);
  const rows = gpuRentalQuotes.filter((row) => row.gpuId === gpu.id && row.year === year);
  if (rows.length > 0) return rows;
  const years = yearsWithQuotes(gpu.id);
  const notes = gpuRentalMarketNotes.filter((note) => note.gpuId === gpu.id && note.year === year);
  const said =
    notes.length > 0 ? `; ECONOMICS.md §3.2 says: ${notes.map((note) => `"${note.text}"`).join(', ')}` : '';
  const withPrices = [...new Set(gpuRentalQuotes.map((row) => row.gpuId))].join(', ');
  const where =
    years.length > 0
      ? `years with prices: ${years.join(', ')}`
      : `it has no rental prices in any year (GPUs with prices: ${withPrices})`;
  throw new NotFoundError(`no rental price for ${gpu.id} in ${year}; ${where}${said}`);
}

/** The cells of the rental table that hold words, not prices ("scarce", "launched"). */
export function rentalMarketNotes(gpuId: string, year?: number): readonly GpuRentalMarketNote[] {
  const gpu = findGpu(gpuId);
  return gpuRentalMarketNotes.filter(
    (note) => note.gpuId === gpu.id && (year === undefined || note.year === year),
  );
}

/** Snapshot summaries whose group may contain this catalog GPU (SXM and PCIe listings are pooled). */
export function rentalSnapshots2024For(gpuId: string): readonly GpuRentalSnapshotSummary[] {
  const gpu = findGpu(gpuId);
  return gpuRentalSnapshots2024.filter((row) => row.catalogGpuIds.includes(gpu.id));
}

export interface InferenceQuery {
  readonly model: string;
  readonly gpuId: string;
  readonly tp: number;
  readonly isl: number;
  readonly osl: number;
}

/** The catalog row for a model/GPU/TP/sequence-length combination; `NotFoundError` lists what exists. */
export function inferenceThroughput(query: InferenceQuery): InferenceThroughput {
  const gpu = findGpu(query.gpuId);
  const model = normalizeName(query.model);
  const row = inferenceThroughputTable.find(
    (entry) =>
      normalizeName(entry.model) === model &&
      entry.gpuId === gpu.id &&
      entry.tp === query.tp &&
      entry.isl === query.isl &&
      entry.osl === query.osl,
  );
  if (row) return row;
  const available = inferenceThroughputTable
    .filter((entry) => normalizeName(entry.model) === model && entry.gpuId === gpu.id)
    .map((entry) => `tp${entry.tp} ${entry.isl}/${entry.osl}`);
  const models = [...new Set(inferenceThroughputTable.map((entry) => `${entry.model} on ${entry.gpuId}`))];
  const hint =
    available.length > 0 ? `available for it: ${available.join(', ')}` : `available: ${models.join('; ')}`;
  throw new NotFoundError(
    `no throughput for ${query.model} on ${gpu.id} tp${query.tp} ${query.isl}/${query.osl}; ${hint}`,
  );
}

/** Output tokens/s per GPU: the published total over `tp` GPUs, shared equally. */
export function tokensPerSecPerGpu(row: Pick<InferenceThroughput, 'tokensPerS' | 'tp'>): number {
  requirePositive('tokensPerS', row.tokensPerS, 'use the total output tokens/s over all tp GPUs');
  requirePositive('tp', row.tp, 'use the tensor-parallel GPU count, e.g. 8');
  return row.tokensPerS / row.tp;
}
