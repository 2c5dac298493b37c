-- Registry bulk imports: one row per import job, and every bad row of it (the downloadable report).
-- A job is written when it starts (status running) and updated when it ends; an all-or-nothing import
-- interrupted by a crash leaves its job at running and none of its items (see docs/import-csv.md).
CREATE TABLE registry_import_jobs (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('items')),
  file_name text,
  file_sha256 text NOT NULL,
  file_bytes bigint NOT NULL,
  mode text NOT NULL CHECK (mode IN ('all_or_nothing', 'partial')),
  status text NOT NULL CHECK (status IN ('running', 'completed', 'rejected', 'failed')),
  rows_total integer NOT NULL DEFAULT 0,
  rows_invalid integer NOT NULL DEFAULT 0,
  items_created integer NOT NULL DEFAULT 0,
  -- Rows whose item is already in the registry (same natural key): re-imports do not duplicate.
  items_existing integer NOT NULL DEFAULT 0,
  message text,
  actor_id uuid,
  actor_name text NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX registry_import_jobs_sha ON registry_import_jobs (file_sha256, status);
CREATE INDEX registry_import_jobs_started ON registry_import_jobs (started_at);

CREATE TABLE registry_import_errors (
  job_id uuid NOT NULL REFERENCES registry_import_jobs (id),
  n integer NOT NULL,
  line integer NOT NULL,
  column_name text NOT NULL,
  code text NOT NULL,
  message text NOT NULL,
  PRIMARY KEY (job_id, n)
);
