/**
 * @module montecarlo-run/worker
 * The only thread entry: simulate one contiguous range of paths straight into the shared result buffers and
 * report progress to the pool. Path p draws from rngFor(seed, p), so the split never changes a number.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulateRange } from '../montecarlo/engine.ts';
import { viewResults } from '../montecarlo/layout.ts';
import type { WorkerJob, WorkerMessage } from './protocol.ts';

const job = (workerData as { job: WorkerJob }).job;
const port = parentPort;
if (port === null) throw new Error('montecarlo-run/worker.ts must run as a worker thread');
const post = (message: WorkerMessage): void => port.postMessage(message);
const results = viewResults(job.shape, job.buffers);
const started = process.hrtime.bigint();
simulateRange(job.inputs, job.seed, job.firstPath, job.count, results, (done) =>
  post({ kind: 'progress', done }),
);
post({ kind: 'done', computeNs: Number(process.hrtime.bigint() - started) });
