/**
 * The site as the stream shows it, shared by every view: the latest status, the live window of the power split
 * (seeded from `/power`, then one point per controller cycle), the alerts and run moves the stream announced,
 * and the connection state. One stream per tab, opened once signed in, so switching views loses nothing.
 */
import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useReducer } from 'preact/hooks';
import type { ApiClient } from './api.ts';
import { type Connection, openStream } from './stream.ts';
import type { Alert, PowerPoint, PowerReply, RunSummary, SiteStatus } from './types.ts';

/** What the live charts keep: 15 minutes is ~450 cycles at the demo's 2 s cadence. */
const LIVE_WINDOW_MS = 15 * 60_000;
const KEPT_ALERTS = 50;

interface FeedState {
  readonly connection: Connection;
  readonly status: SiteStatus | null;
  /** Oldest first, within LIVE_WINDOW_MS of the newest. */
  readonly points: readonly PowerPoint[];
  readonly seedError: string | null;
  /** Alerts raised since the stream opened, newest first. */
  readonly alerts: readonly Alert[];
  /** The latest summary of every run the stream mentioned. */
  readonly runs: ReadonlyMap<string, RunSummary>;
}

type Action =
  | { readonly kind: 'connection'; readonly connection: Connection }
  | { readonly kind: 'seed'; readonly reply: PowerReply }
  | { readonly kind: 'seed-failed'; readonly message: string }
  | { readonly kind: 'event'; readonly name: string; readonly data: unknown };

const INITIAL: FeedState = {
  connection: 'connecting',
  status: null,
  points: [],
  seedError: null,
  alerts: [],
  runs: new Map(),
};

/** A cycle's status as one point of the `/power` series, so seeded and live points draw alike. */
const pointOf = (s: SiteStatus): PowerPoint => ({
  atMs: s.atMs,
  miningW: s.power.miningW,
  aiW: s.power.aiW,
  curtailedW: s.power.curtailedW,
  idleW: s.power.idleW,
  unknownW: s.power.unknownW,
  meteredImportW: s.power.meteredImportW,
  expectedImportW: s.power.expectedImportW,
  limitW: s.power.limitW,
  miningTargetW: s.miningTargetW,
  priceUsdPerMWh: s.powerPriceUsdPerMWh,
  historicalMs: s.historicalMs,
});

const withinWindow = (points: readonly PowerPoint[]): readonly PowerPoint[] => {
  const newest = points.at(-1)?.atMs ?? 0;
  return points.filter((p) => p.atMs >= newest - LIVE_WINDOW_MS);
};

function reduce(state: FeedState, action: Action): FeedState {
  switch (action.kind) {
    case 'connection':
      return state.connection === action.connection ? state : { ...state, connection: action.connection };
    case 'seed': {
      // A bucket covers [atMs, atMs + stepS): cycles the stream delivered inside the last bucket are in it.
      const { points, stepS } = action.reply;
      const last = points.at(-1);
      const live =
        last === undefined ? state.points : state.points.filter((p) => p.atMs >= last.atMs + stepS * 1000);
      return { ...state, points: withinWindow([...points, ...live]), seedError: null };
    }
    case 'seed-failed':
      return { ...state, seedError: action.message };
    case 'event':
      return onEvent(state, action.name, action.data);
  }
}

function onEvent(state: FeedState, name: string, data: unknown): FeedState {
  if (name === 'status') {
    const status = data as SiteStatus;
    const last = state.points.at(-1);
    // Every connection starts with the latest status, which a reconnect has usually drawn already.
    const points =
      last !== undefined && status.atMs <= last.atMs ? state.points : [...state.points, pointOf(status)];
    return { ...state, status, points: withinWindow(points) };
  }
  if (name === 'alert') return { ...state, alerts: [data as Alert, ...state.alerts].slice(0, KEPT_ALERTS) };
  if (name === 'run') {
    const run = data as RunSummary;
    return { ...state, runs: new Map(state.runs).set(run.runId, run) };
  }
  return state;
}

const FeedContext = createContext<FeedState>(INITIAL);

export function FeedProvider({ client, children }: { client: ApiClient; children: ComponentChildren }) {
  const [state, dispatch] = useReducer(reduce, INITIAL);
  useEffect(
    () =>
      openStream(client, {
        onEvent: (name, data) => dispatch({ kind: 'event', name, data }),
        onConnection: (connection) => dispatch({ kind: 'connection', connection }),
      }),
    [client],
  );
  useEffect(() => {
    client
      .get<PowerReply>('/power', { fromMs: Date.now() - LIVE_WINDOW_MS })
      .then((reply) => dispatch({ kind: 'seed', reply }))
      .catch((error: Error) => dispatch({ kind: 'seed-failed', message: error.message }));
  }, [client]);
  return <FeedContext.Provider value={state}>{children}</FeedContext.Provider>;
}

export const useFeed = (): FeedState => useContext(FeedContext);
