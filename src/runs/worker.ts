/**
 * @module runs/worker
 * The run thread's entry: runs each request it is sent, one at a time, off the event loop of the process that
 * serves the API and drives the site (a backtest's optimizer holds its thread for seconds). It stays up between
 * runs, so the shipped history it loaded stays cached; stopping a run means terminating the thread.
 */
import { parentPort } from 'node:worker_threads';
import { executeRun } from './jobs.ts';
import type { RunThreadJob, RunThreadMessage } from './protocol.ts';

const port = parentPort;
if (port === null) throw new Error('runs/worker.ts must run as a worker thread');
const post = (message: RunThreadMessage): void => port.postMessage(message);

port.on('message', (job: RunThreadJob) => {
  executeRun(job, (fraction) => post({ kind: 'progress', fraction })).then(
    (result) => post({ kind: 'done', result }),
    (error: unknown) =>
      post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
