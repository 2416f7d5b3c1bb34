import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../errors.ts';
import {
  aiServers,
  findAiServer,
  findGpu,
  gpuModels,
  gpuRentalMarketNotes,
  gpuRentalQuotes,
  gpuRentalSnapshots2024,
  inferenceThroughput,
  inferenceThroughputTable,
  rentalMarketNotes,
  rentalRangeUsdPerGpuH,
  rentalSnapshots2024For,
  requireKnownGpuIds,
  tokensPerSecPerGpu,
  wallPowerPerGpuW,
} from './gpus.ts';

describe('ECONOMICS.md §3.2 check: wall power per GPU', () => {
  it('10.2e3/8 → 1,275 W per H100 at the DGX maximum (1.82 × the 700 W TDP)', () => {
    const watts = wallPowerPerGpuW(findAiServer('dgx-h100'), 1);
    expect(Math.abs(watts - 10.2e3 / 8) / (10.2e3 / 8)).toBeLessThanOrEqual(1e-9);
    expect(watts).toBe(1275);
    expect(watts / findGpu('h100-sxm5').boardTdpW).toBeCloseTo(1.82, 2);
  });

  it('scales with the load factor and rejects one outside [0, 1]', () => {
    expect(wallPowerPerGpuW(findAiServer('DGX H100'), 0.7)).toBeCloseTo(892.5, 9);
    expect(() => wallPowerPerGpuW(findAiServer('dgx-h100'), 70)).toThrow(
      /serverLoadFactor: must be a fraction/,
    );
    expect(() => wallPowerPerGpuW({ serverPowerW: 10_200, gpuCount: 0 }, 1)).toThrow(ValidationError);
  });
});

describe('GPU and server catalogs', () => {
  it('holds the §3.2 GPUs and servers', () => {
    expect(gpuModels.map((gpu) => gpu.id)).toEqual([
      'a100-40gb-sxm',
      'a100-80gb-sxm',
      'a100-80gb-pcie',
      'h100-sxm5',
      'h100-pcie',
      'h200-sxm',
      'b200',
      'l40s',
      'rtx-4090',
    ]);
    expect(
      aiServers.map((server) => [server.id, server.gpuId, server.gpuCount, server.serverPowerW]),
    ).toEqual([
      ['dgx-a100', 'a100-40gb-sxm', 8, 6500],
      ['dgx-h100', 'h100-sxm5', 8, 10200],
      ['hgx-h200', 'h200-sxm', 8, 10200],
      ['dgx-b200', 'b200', 8, 14300],
    ]);
    expect(findGpu('h100-sxm5').purchasePrice).toMatchObject({
      lowUsd: 25_000,
      highUsd: 40_000,
      referenceUsd: 30_000,
    });
    expect(findGpu('H200').boardTdpW).toBe(700);
  });

  it('finds GPUs by name and says what is close when it cannot', () => {
    expect(findGpu('NVIDIA H100 PCIe').id).toBe('h100-pcie');
    expect(findGpu('rtx 4090').id).toBe('rtx-4090');
    expect(() => findGpu('H100 NVL')).toThrow(NotFoundError);
    expect(() => findGpu('H100 NVL')).toThrow(/close matches: .*h100/);
    expect(() => findAiServer('DGX H300')).toThrow(/close matches: .*dgx-h100/);
  });

  it('rejects a table row whose gpuId is not in the catalog', () => {
    expect(() => requireKnownGpuIds([{ gpuId: 'h100' }], (row) => [row.gpuId], 'fleet', 'site.yaml')).toThrow(
      /fleet\[#0\]\.gpuId: is not a GPU in gpuModels; got "h100"; fix: use one of a100-40gb-sxm/,
    );
  });
});

describe('rental prices by year (ECONOMICS.md §3.2)', () => {
  it('has every priced cell as rows and every word-only cell as a note', () => {
    expect(gpuRentalQuotes).toHaveLength(14);
    expect(gpuRentalMarketNotes).toHaveLength(8);
    expect(gpuRentalQuotes.every((row) => row.tag === 'P')).toBe(true);
  });

  it.each([
    ['h100-sxm5', 2023, [4.7, 8, 12]],
    ['h100-sxm5', 2024, [2.85, 2.99, 2]],
    ['h100-sxm5', 2025, [2.2, 1.7]],
    ['h100-sxm5', 2026, [2.35, 1.99]],
    ['h200-sxm', 2026, [2.5]],
    ['a100-80gb-sxm', 2026, [0.8]],
    ['b200', 2025, [3.2, 2.8]],
  ])('%s in %i', (gpuId, year, lows) => {
    expect(rentalRangeUsdPerGpuH(gpuId, year).map((row) => row.lowUsdPerGpuH)).toEqual(lows);
  });

  it('keeps ranges and one-sided quotes apart', () => {
    const [onDemand2026] = rentalRangeUsdPerGpuH('h100-sxm5', 2026).filter((row) => row.kind === 'on-demand');
    expect(onDemand2026).toMatchObject({
      bound: 'range',
      lowUsdPerGpuH: 1.99,
      highUsdPerGpuH: 5,
      asOf: '2026-05',
    });
    const spot = rentalRangeUsdPerGpuH('h100-sxm5', 2023).find((row) => row.kind === 'spot');
    expect(spot?.bound).toBe('at-least');
  });

  it('says which years exist, and quotes the cell, when a year has no price', () => {
    expect(() => rentalRangeUsdPerGpuH('h200-sxm', 2024)).toThrow(/years with prices: 2026; .*"launched"/);
    expect(() => rentalRangeUsdPerGpuH('l40s', 2025)).toThrow(/no rental prices in any year/);
    expect(rentalMarketNotes('a100-80gb-sxm', 2023).map((note) => note.text)).toEqual(['scarce']);
  });
});

describe('2024 rental snapshots (derived)', () => {
  it('divides multi-GPU listings by their count', () => {
    const first = gpuRentalSnapshots2024.find(
      (row) => row.gpu === 'H100 80GB' && row.sourceCommit === 'bbc926047876',
    );
    // Lambda "8x NVIDIA H100 SXM" at $27.92/h is $3.49 per GPU-hour, not the max.
    expect(first).toMatchObject({
      listingCount: 7,
      multiGpuListingCount: 1,
      minUsdPerGpuH: 2.1,
      maxUsdPerGpuH: 4.76,
    });
    const every = gpuRentalSnapshots2024.flatMap((row) => [row.minUsdPerGpuH, row.maxUsdPerGpuH]);
    expect(Math.max(...every)).toBeLessThan(10);
  });

  it('covers the 9 snapshot commits for H100 and links groups to catalog GPUs', () => {
    expect(rentalSnapshots2024For('h100-sxm5')).toHaveLength(9);
    expect(rentalSnapshots2024For('rtx-4090').every((row) => row.minUsdPerGpuH === 0.54)).toBe(true);
    expect(rentalSnapshots2024For('b200')).toHaveLength(0);
  });
});

describe('inference throughput (ECONOMICS.md §3.3)', () => {
  const TABLE: readonly [string, string, number, readonly [number, number, number]][] = [
    ['Llama 3.1 8B', 'h100-sxm5', 1, [27568.68, 15270.02, 13850.22]],
    ['Llama 3.1 8B', 'h200-sxm', 1, [28447.38, 17590.6, 17139.51]],
    ['Llama 3.1 70B', 'h100-sxm5', 2, [6183.41, 4191.26, 3920.44]],
    ['Llama 3.1 70B', 'h100-sxm5', 8, [14686.01, 11082.48, 11108.11]],
    ['Llama 3.1 70B', 'h200-sxm', 1, [3657.58, 2727.42, 2913.54]],
    ['Llama 3.1 70B', 'h200-sxm', 8, [15554.57, 12794.92, 13174.68]],
  ];
  const LENGTHS = [
    [128, 128],
    [1000, 1000],
    [1000, 2000],
  ] as const;

  it('holds exactly the 18 published values', () => {
    expect(inferenceThroughputTable).toHaveLength(18);
    for (const [model, gpuId, tp, values] of TABLE) {
      LENGTHS.forEach(([isl, osl], index) => {
        expect(inferenceThroughput({ model, gpuId, tp, isl, osl }).tokensPerS).toBe(values[index]);
      });
    }
  });

  it.each([
    ['Llama 3.1 8B', 'h100-sxm5', 1, 15_270],
    ['Llama 3.1 8B', 'h200-sxm', 1, 17_591],
    ['Llama 3.1 70B', 'h100-sxm5', 2, 2_096],
    ['Llama 3.1 70B', 'h100-sxm5', 8, 1_385],
    ['Llama 3.1 70B', 'h200-sxm', 1, 2_727],
    ['Llama 3.1 70B', 'h200-sxm', 8, 1_599],
  ])(
    'per GPU at 1000/1000: %s on %s tp%i → %i (the table rounds to whole tokens/s)',
    (model, gpuId, tp, perGpu) => {
      const row = inferenceThroughput({ model, gpuId, tp, isl: 1000, osl: 1000 });
      expect(Math.abs(tokensPerSecPerGpu(row) - perGpu)).toBeLessThanOrEqual(0.5);
    },
  );

  it('names the revision caveat in every source and lists what exists on a miss', () => {
    expect(inferenceThroughputTable.every((row) => row.source.includes('earlier revision'))).toBe(true);
    expect(() =>
      inferenceThroughput({ model: 'llama 3.1 70b', gpuId: 'H100 SXM', tp: 4, isl: 1000, osl: 1000 }),
    ).toThrow(/available for it: tp2 128\/128/);
  });
});
