-- AI work stopped by a drain (a grid event or import limit shed a GPU server's jobs): what it cost in lost
-- training and how long the server was down, for the SLA budget. `ended_at` stays NULL while it is drained.
CREATE TABLE ai_interruptions (
  site_id text NOT NULL,
  machine_id text NOT NULL,
  at timestamptz NOT NULL,
  ended_at timestamptz,
  pods_evicted integer NOT NULL CHECK (pods_evicted >= 0),
  pods_blocked integer NOT NULL CHECK (pods_blocked >= 0),
  work_lost_gpu_s float8 NOT NULL CHECK (work_lost_gpu_s >= 0),
  reason text NOT NULL,
  PRIMARY KEY (site_id, machine_id, at),
  FOREIGN KEY (site_id, machine_id) REFERENCES machines (site_id, machine_id),
  CHECK (ended_at IS NULL OR ended_at >= at)
);
CREATE INDEX ai_interruptions_site_at ON ai_interruptions (site_id, at);
