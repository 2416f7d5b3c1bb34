// Thread bootstrap for running the TypeScript worker under tsx and vitest (STACK.md: a .ts worker entry fails
// with ERR_UNKNOWN_FILE_EXTENSION on Node 20). The built package starts dist/montecarlo-run/worker.js directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.__entry);
