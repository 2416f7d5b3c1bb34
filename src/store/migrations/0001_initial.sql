-- Switchyard store, first schema. Runs unchanged on PGlite (Postgres 18) and a Postgres 15 server, so nothing
-- newer than 15 is used. Times are timestamptz, power W, energy MWh, money USD (float8: accounting estimates,
-- not settlement). CHECK and foreign keys do the validation, so the TypeScript side does not repeat it.

CREATE TABLE sites (
  site_id text PRIMARY KEY,
  name text NOT NULL,
  config jsonb NOT NULL
);

CREATE TABLE machines (
  site_id text NOT NULL REFERENCES sites (site_id),
  machine_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('miner', 'gpu-server')),
  firmware text NOT NULL,
  host text NOT NULL,
  port integer NOT NULL CHECK (port BETWEEN 0 AND 65535),
  rated_power_w float8 NOT NULL CHECK (rated_power_w >= 0),
  PRIMARY KEY (site_id, machine_id)
);

-- One sample per machine and instant: the key makes a retried batch idempotent and serves "latest per machine".
CREATE TABLE telemetry (
  site_id text NOT NULL,
  machine_id text NOT NULL,
  at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('running', 'curtailed', 'off', 'unknown')),
  power_w float8,
  hashrate_ths float8,
  temperature_c float8,
  PRIMARY KEY (site_id, machine_id, at),
  FOREIGN KEY (site_id, machine_id) REFERENCES machines (site_id, machine_id)
);
-- Range reads and retention pruning go by site and time across machines.
CREATE INDEX telemetry_site_at ON telemetry (site_id, at);

CREATE TABLE intents (
  intent_id text PRIMARY KEY,
  site_id text NOT NULL,
  machine_id text NOT NULL,
  cycle_id bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sleep', 'wake', 'power-target')),
  target_power_w float8,
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sent', 'confirmed', 'unconfirmed', 'failed', 'superseded')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  sent_at timestamptz,
  settled_at timestamptz,
  error text,
  FOREIGN KEY (site_id, machine_id) REFERENCES machines (site_id, machine_id)
);
CREATE INDEX intents_site_status ON intents (site_id, status, created_at);
CREATE INDEX intents_site_created ON intents (site_id, created_at);
CREATE INDEX intents_site_machine_created ON intents (site_id, machine_id, created_at);

-- A surrogate key: a restarted controller may count cycles from zero again, and no decision may be refused.
CREATE TABLE decisions (
  decision_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites (site_id),
  cycle_id bigint NOT NULL,
  at timestamptz NOT NULL,
  mining_target_w float8 NOT NULL,
  mining_measured_w float8 NOT NULL,
  binding_policy text NOT NULL,
  command_count integer NOT NULL CHECK (command_count >= 0),
  details jsonb NOT NULL,
  cycle_ms float8 NOT NULL
);
CREATE INDEX decisions_site_at ON decisions (site_id, at);

CREATE TABLE plans (
  site_id text NOT NULL REFERENCES sites (site_id),
  plan_id text NOT NULL,
  created_at timestamptz NOT NULL,
  start_at timestamptz NOT NULL,
  step_s integer NOT NULL CHECK (step_s > 0),
  status text NOT NULL,
  objective_usd float8 NOT NULL,
  mining_mw float8[] NOT NULL,
  ai_mw float8[] NOT NULL,
  import_mw float8[] NOT NULL,
  price_usd_per_mwh float8[] NOT NULL,
  PRIMARY KEY (site_id, plan_id),
  -- Every series is one value per step; a ragged plan is a bug upstream.
  CHECK (
    cardinality(ai_mw) = cardinality(mining_mw)
    AND cardinality(import_mw) = cardinality(mining_mw)
    AND cardinality(price_usd_per_mwh) = cardinality(mining_mw)
  )
);
CREATE INDEX plans_site_created ON plans (site_id, created_at);

CREATE TABLE alerts (
  alert_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id text NOT NULL REFERENCES sites (site_id),
  machine_id text,
  at timestamptz NOT NULL,
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  code text NOT NULL,
  message text NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by text,
  -- No foreign key to machines: an alert about a machine missing from the table must still be kept.
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX alerts_site_at ON alerts (site_id, at);
CREATE INDEX alerts_site_open ON alerts (site_id, at) WHERE acknowledged_at IS NULL;

-- One accrual per site and interval start: rewriting an interval replaces it instead of counting it twice.
CREATE TABLE revenue_accrual (
  site_id text NOT NULL REFERENCES sites (site_id),
  at timestamptz NOT NULL,
  duration_s float8 NOT NULL CHECK (duration_s > 0),
  mining_energy_mwh float8 NOT NULL,
  mining_revenue_usd float8 NOT NULL,
  energy_cost_usd float8 NOT NULL,
  PRIMARY KEY (site_id, at)
);
