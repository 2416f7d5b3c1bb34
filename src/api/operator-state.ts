/**
 * @module api/operator-state
 * The operator's standing state as the API serves it: read from the store once, then kept in step by the
 * operator routes, which are the only writers (one controller and its API per site). So the status a
 * dashboard polls costs no query.
 */
import type { OperatorState, SqlStore } from '../store/types.ts';

export class OperatorStateCache {
  private loaded: Promise<OperatorState | undefined> | undefined;

  constructor(
    private readonly store: SqlStore,
    private readonly siteId: string,
  ) {}

  get(): Promise<OperatorState | undefined> {
    // A failed read is not remembered: the next request asks the store again.
    this.loaded ??= this.store.operatorState(this.siteId).catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    return this.loaded;
  }

  /** What the store returned for a change just written. */
  set(state: OperatorState): void {
    this.loaded = Promise.resolve(state);
  }
}
