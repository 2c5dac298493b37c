-- A running import renews its lease every few seconds; a job still 'running' whose lease has run out was cut
-- off (crash, kill -9, lost server) and reads as 'interrupted'. Plain UPDATEs, so it works on every engine
-- and behind any connection pooler (no advisory lock: see docs/import-csv.md). Bookkeeping, not audited state.
ALTER TABLE registry_import_jobs ADD COLUMN lease_until timestamptz;
