/**
 * The API server as server.ts builds it (tokens per role, audit, errors, OpenAPI) with a run executor over the
 * same in-memory PGlite store, recording every run change it announces.
 */
import pino from 'pino';
import type { RunSummary } from '../../src/api/run-schemas.ts';
import { RunExecutor } from '../../src/runs/executor.ts';
import { openStore, type SqlStore } from '../../src/store/index.ts';
import { type RunningApi, SITE_ID, seedApiSite, startApi } from './api-server.ts';

export interface RunsApi {
  readonly api: RunningApi;
  readonly store: SqlStore;
  readonly executor: RunExecutor;
  /** Every run change the executor announced, in order. */
  readonly changes: RunSummary[];
  close(): Promise<void>;
}

export async function startRunsApi(): Promise<RunsApi> {
  const store = await openStore();
  const changes: RunSummary[] = [];
  const executor = await RunExecutor.start({
    store,
    siteId: SITE_ID,
    log: pino({ level: 'silent' }),
    onChange: (run) => changes.push(run),
  });
  const api = await startApi(store, await seedApiSite(store), { runs: executor });
  return {
    api,
    store,
    executor,
    changes,
    async close() {
      await api.close();
      await executor.close();
      await store.close();
    },
  };
}
