-- The HTTP API: its bearer tokens, the audit log of what operators did through it, and the operator's standing
-- instructions to the controller (mode, per-fleet power overrides). Within Postgres 15, like the rest.

-- Only the SHA-256 of a token is kept: the plaintext is shown once, at creation, and a leaked table opens nothing.
-- Tokens are revoked, never deleted, so the audit log can always name who acted.
CREATE TABLE api_tokens (
  token_id text PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  token_sha256 text NOT NULL UNIQUE CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);

-- A row is written `pending` before an action runs and finished with its result and HTTP status, so an action
-- cut short by a crash still shows (as pending) instead of vanishing. The token's name is copied: it is what a
-- person reads, and it must survive a later rename.
CREATE TABLE audit_log (
  audit_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  site_id text NOT NULL,
  at timestamptz NOT NULL,
  token_id text NOT NULL REFERENCES api_tokens (token_id),
  token_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  action text NOT NULL,
  target text NOT NULL,
  request_body jsonb,
  result text NOT NULL,
  status integer CHECK (status BETWEEN 100 AND 599),
  CHECK ((result = 'pending') = (status IS NULL))
);
CREATE INDEX audit_log_site_at ON audit_log (site_id, at);

-- One row per site once an operator has acted; no row means `auto` with no overrides. No foreign key to sites:
-- an operator may put a site in manual before its controller first registers it.
CREATE TABLE operator_state (
  site_id text PRIMARY KEY,
  mode text NOT NULL CHECK (mode IN ('auto', 'manual')),
  -- { "mining": { "powerW": 1.2e6, "untilMs": null }, "ai": … }: a fleet absent has no override.
  fleet_overrides jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fleet_overrides) = 'object'),
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);
