/**
 * @module montecarlo-run/pool
 * Splits the paths into one contiguous chunk per thread, runs each chunk in a worker writing into
 * SharedArrayBuffers, and relays progress.
 */
import { availableParallelism } from 'node:os';
import { ValidationError } from '../errors.ts';
import type { McInputs } from '../montecarlo/inputs.ts';
import { allocateBuffers, type McResults, viewResults } from '../montecarlo/layout.ts';
import { requireSeed } from '../montecarlo/rng.ts';
import { startWorker } from '../threads/start-worker.ts';
import type { WorkerMessage } from './protocol.ts';

export interface PoolOptions {
  readonly paths: number;
  readonly seed: number;
  /** Worker threads; default: the cores available. Never more than the paths. */
  readonly threads?: number;
  readonly onProgress?: (donePaths: number, totalPaths: number) => void;
}

export interface PoolRun {
  readonly results: McResults;
  readonly threads: number;
  /** Time each worker spent simulating, excluding its start-up, ns. */
  readonly workerComputeNs: readonly number[];
  readonly wallNs: number;
}

export const defaultThreads = (): number => availableParallelism();

export function chunkRanges(paths: number, threads: number): { firstPath: number; count: number }[] {
  const ranges: { firstPath: number; count: number }[] = [];
  let first = 0;
  for (let t = 0; t < threads; t++) {
    const count = Math.floor(paths / threads) + (t < paths % threads ? 1 : 0);
    if (count > 0) ranges.push({ firstPath: first, count });
    first += count;
  }
  return ranges;
}

export async function runPool(inputs: McInputs, options: PoolOptions): Promise<PoolRun> {
  const { paths } = options;
  if (!Number.isInteger(paths) || paths < 1) {
    throw new ValidationError([
      { field: '--paths', problem: 'must be a whole number ≥ 1', value: paths, fix: 'e.g. --paths 10000' },
    ]);
  }
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) {
    throw new ValidationError([
      { field: '--threads', problem: 'must be a whole number ≥ 1', value: threads, fix: 'e.g. --threads 2' },
    ]);
  }
  const seed = requireSeed(options.seed);
  const shape = { paths, strategies: inputs.sites.length, years: inputs.years };
  const buffers = allocateBuffers(shape, true);
  const ranges = chunkRanges(paths, Math.min(threads, paths));
  const done = new Array<number>(ranges.length).fill(0);
  const started = process.hrtime.bigint();
  const computeNs = await Promise.all(
    ranges.map(
      ({ firstPath, count }, i) =>
        new Promise<number>((resolve, reject) => {
          const worker = startWorker(import.meta.url, 'worker', {
            job: { inputs, seed, firstPath, count, shape, buffers },
          });
          let finished = false;
          worker.on('message', (message: WorkerMessage) => {
            if (message.kind === 'progress') {
              done[i] = message.done;
              options.onProgress?.(
                done.reduce((s, n) => s + n, 0),
                paths,
              );
            } else {
              finished = true;
              resolve(message.computeNs);
            }
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (!finished)
              reject(
                new Error(
                  `Monte-Carlo worker for paths ${firstPath}..${firstPath + count - 1} exited with code ${code}`,
                ),
              );
          });
        }),
    ),
  );
  return {
    results: viewResults(shape, buffers),
    threads: ranges.length,
    workerComputeNs: computeNs,
    wallNs: Number(process.hrtime.bigint() - started),
  };
}
