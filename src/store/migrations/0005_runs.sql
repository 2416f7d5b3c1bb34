-- Backtests and Monte-Carlo simulations started through the API. A run is written `queued` before it is put in
-- the executor's queue and moves on by guarded updates (queued → running → done | failed | cancelled), so a
-- cancel racing the start, or a process that dies mid-run, can never leave two stories. Within Postgres 15.
CREATE TABLE runs (
  run_id text PRIMARY KEY CHECK (run_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  -- Insertion order breaks ties between runs created in the same millisecond, so "newest first" is stable.
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  site_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('backtest', 'simulate')),
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress float8 NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  -- The request with its defaults filled: what was run, whatever the defaults become later.
  params jsonb NOT NULL CHECK (jsonb_typeof(params) = 'object'),
  -- Kept apart from the row's other columns in the queries: a two-year backtest's result is tens of kB.
  result jsonb,
  error text,
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  created_by text NOT NULL,
  CHECK ((status = 'done') = (result IS NOT NULL)),
  CHECK ((status = 'failed') = (error IS NOT NULL)),
  CHECK ((status IN ('done', 'failed', 'cancelled')) = (finished_at IS NOT NULL)),
  -- No ordering checks between the timestamps: a wall clock stepped back must not fail a run's last write.
  CHECK (status NOT IN ('running', 'done') OR started_at IS NOT NULL)
);
CREATE INDEX runs_site_created ON runs (site_id, created_at, seq);
