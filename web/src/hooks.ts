/**
 * Data hooks on top of the one client: `useApi` loads (and optionally refreshes) a GET, `useAction` runs an
 * operator action and keeps its refusal for the control that caused it.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, type Query } from './api.ts';
import { useSession } from './session.ts';

export const asFailure = (error: unknown): ApiFailure =>
  error instanceof ApiFailure
    ? error
    : new ApiFailure(0, 'CLIENT', error instanceof Error ? error.message : String(error));

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiFailure | undefined;
  reload(): void;
}

/**
 * What to load besides the path: a fixed query, or one computed at each load (a window ending now) with the
 * `key` that names it (a window of 1 h stays the same request as it slides).
 */
type Request = { readonly query?: Query } | { readonly query: () => Query; readonly key: string };

/**
 * GET `path` (null: nothing to load yet) and again every `refreshMs`. Data belong to the request that loaded
 * them: after the path or query changes the old data are not shown as the new ones. A failed refresh keeps
 * the last data and reports the failure beside them.
 */
export function useApi<T>(
  path: string | null,
  options: Request & { readonly refreshMs?: number } = {},
): Loaded<T> {
  const { client } = useSession();
  const { query, refreshMs } = options;
  const identity = 'key' in options ? options.key : JSON.stringify(query ?? {});
  const key = path === null ? null : `${path}?${identity}`;
  const [state, setState] = useState<{ key: string | null; data?: T; error?: ApiFailure }>({ key: null });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  // `key` stands for path and query (a query object is new on every render); `tick` forces a reload.
  useEffect(() => {
    if (path === null) return;
    let current = true;
    client.get<T>(path, typeof query === 'function' ? query() : query).then(
      (data) => current && setState({ key, data }),
      (error: unknown) =>
        current &&
        setState((s) => ({ key, ...(s.key === key ? { data: s.data } : {}), error: asFailure(error) })),
    );
    return () => {
      current = false;
    };
  }, [client, key, tick]);

  useEffect(() => {
    if (refreshMs === undefined) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, reload]);

  const mine = state.key === key;
  return { data: mine ? state.data : undefined, error: mine ? state.error : undefined, reload };
}

export interface Action {
  readonly busy: boolean;
  readonly error: ApiFailure | null;
  run(action: () => Promise<unknown>): Promise<void>;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(asFailure(failure));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
