/**
 * @module montecarlo-run/protocol
 * What the pool sends a worker (in `workerData`) and what comes back: progress counts and the compute time.
 */
import type { McInputs } from '../montecarlo/inputs.ts';
import type { McBuffers, McShape } from '../montecarlo/layout.ts';

export interface WorkerJob {
  readonly inputs: McInputs;
  readonly seed: number;
  readonly firstPath: number;
  readonly count: number;
  readonly shape: McShape;
  readonly buffers: McBuffers;
}

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly done: number }
  | { readonly kind: 'done'; readonly computeNs: number };
