/**
 * @module runs/protocol
 * What the executor sends its run thread (one run request at a time) and what comes back: progress as a
 * fraction, then either the result or why it failed, in words (the thread's error classes do not cross).
 */
import type { RunRequest, RunResult } from '../api/run-schemas.ts';

export type RunThreadJob = RunRequest;

export type RunThreadMessage =
  | { readonly kind: 'progress'; readonly fraction: number }
  | { readonly kind: 'done'; readonly result: RunResult }
  | { readonly kind: 'failed'; readonly message: string };
