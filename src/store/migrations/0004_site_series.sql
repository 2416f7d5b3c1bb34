-- What the dashboard draws over time: each cycle's whole-site power split beside the mining figures the decision
-- row already had, and each accrual interval's AI side, facility energy, price and emissions beside its mining
-- side. New columns are nullable: rows written before this migration simply have no split to show.

ALTER TABLE decisions
  ADD COLUMN ai_measured_w float8,
  -- Rated power of the machines held curtailed / off / unknown: what the site could draw and does not.
  ADD COLUMN curtailed_w float8,
  ADD COLUMN idle_w float8,
  ADD COLUMN unknown_w float8,
  ADD COLUMN metered_import_w float8,
  -- Facility import once the commands in flight land (the controller's own figure, before the meter's).
  ADD COLUMN expected_import_w float8,
  -- The tightest import limit in force: the connection's, or a grid event's.
  ADD COLUMN limit_w float8,
  ADD COLUMN price_usd_per_mwh float8,
  -- The historical instant a replayed plan stood at (demo clock); NULL when the plan is not a replay.
  ADD COLUMN historical_at timestamptz;

-- A cost or an emission that could not be known (no price for the interval, no grid intensity configured) is NULL,
-- never 0: a missing input is said, not filled.
ALTER TABLE revenue_accrual
  ALTER COLUMN energy_cost_usd DROP NOT NULL,
  ADD COLUMN ai_energy_mwh float8 NOT NULL DEFAULT 0,
  ADD COLUMN ai_revenue_usd float8 NOT NULL DEFAULT 0,
  -- The AI hall's energy at its PUE × the price, as energy_cost_usd is the mining hall's.
  ADD COLUMN ai_energy_cost_usd float8,
  -- Everything the grid connection took over the interval (metered; else both halls with their PUE and the
  -- overhead), and what it cost: the site's bill, overhead included.
  ADD COLUMN facility_energy_mwh float8 NOT NULL DEFAULT 0,
  ADD COLUMN facility_energy_cost_usd float8,
  -- Energy the curtailed machines could have drawn and did not: what the site gave the grid.
  ADD COLUMN curtailed_energy_mwh float8 NOT NULL DEFAULT 0,
  ADD COLUMN price_usd_per_mwh float8,
  ADD COLUMN co2_kg float8;
