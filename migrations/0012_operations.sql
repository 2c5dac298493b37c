-- Operations: a record of every backup, restore and migration of this node's database, each audited.
-- A backup's own row and audit entry are inside the backup (written just before the snapshot), so a
-- restored node shows which backup it came from.
CREATE TABLE operations_runs (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('backup', 'restore', 'migration')),
  at timestamptz NOT NULL,
  actor_name text NOT NULL,
  engine text NOT NULL,
  detail jsonb NOT NULL
);
CREATE INDEX operations_runs_at ON operations_runs (at);
