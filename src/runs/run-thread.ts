/**
 * @module runs/run-thread
 * The worker thread the runs execute on, one at a time (the executor's queue sees to that). The thread is started
 * on the first run and kept, so the history it loaded stays cached; aborting a run terminates it (a solver in
 * the middle of a solve cannot be asked to stop), together with any threads it started (a simulation's pool),
 * and the next run starts a fresh one. An idle thread does not keep the process alive.
 */
import type { Worker } from 'node:worker_threads';
import type { RunRequest, RunResult } from '../api/run-schemas.ts';
import { startWorker } from '../threads/start-worker.ts';
import type { RunThreadMessage } from './protocol.ts';

/** The run failed inside the thread: `message` is its error's, in its words. */
export class RunFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailure';
  }
}

export class RunThread {
  #worker: Worker | undefined;

  /** Rejects with `signal.reason` once aborted, after the thread has stopped. */
  run(
    request: RunRequest,
    options: { readonly signal: AbortSignal; readonly onProgress: (fraction: number) => void },
  ): Promise<RunResult> {
    const { signal, onProgress } = options;
    if (signal.aborted) return Promise.reject(signal.reason);
    this.#worker ??= this.#start();
    const worker = this.#worker;
    return new Promise<RunResult>((resolve, reject) => {
      const settle = (finish: () => void): void => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        signal.removeEventListener('abort', onAbort);
        worker.unref();
        finish();
      };
      const onMessage = (message: RunThreadMessage): void => {
        if (message.kind === 'progress') onProgress(message.fraction);
        else if (message.kind === 'done') settle(() => resolve(message.result));
        else settle(() => reject(new RunFailure(message.message)));
      };
      const onError = (error: Error): void => {
        settle(() => reject(new RunFailure(`the run thread failed: ${error.message}`)));
      };
      const onExit = (code: number): void => {
        settle(() => reject(new RunFailure(`the run thread exited with code ${code}`)));
      };
      const onAbort = (): void => {
        this.#forget(worker);
        settle(() => {});
        worker.terminate().then(
          () => reject(signal.reason),
          () => reject(signal.reason),
        );
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      signal.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #start(): Worker {
    const worker = startWorker(import.meta.url, 'worker', {});
    // Between runs too: an 'error' event nobody listens to would take the whole process down.
    worker.on('error', () => this.#forget(worker)).on('exit', () => this.#forget(worker));
    return worker;
  }

  #forget(worker: Worker): void {
    if (this.#worker === worker) this.#worker = undefined;
  }
}
