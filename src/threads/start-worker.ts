/**
 * @module threads/start-worker
 * Starts a worker thread from a sibling module of the caller, whether the code runs as built JavaScript or as
 * TypeScript under tsx and vitest (where a `.ts` entry fails on Node 20 and goes through `boot.mjs`).
 */
import { Worker } from 'node:worker_threads';

/** `callerUrl` is the caller's `import.meta.url`; `entry` the worker module's name beside it, without extension. */
export function startWorker(callerUrl: string, entry: string, workerData: Record<string, unknown>): Worker {
  if (!callerUrl.endsWith('.ts')) return new Worker(new URL(`./${entry}.js`, callerUrl), { workerData });
  const __entry = new URL(`./${entry}.ts`, callerUrl).href;
  return new Worker(new URL('./boot.mjs', import.meta.url), { workerData: { ...workerData, __entry } });
}
