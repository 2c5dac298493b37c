-- Platform: extensions every module may use, and the append-only audit log.
-- Numbering: 00xx platform, 01xx registry, 02xx accounts, 03xx audit, 04xx reference,
-- 05xx licensing, 06xx screening, 07xx tracing, 08xx exchange, 09xx reporting.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- One row: the current size of the audit log. Updating it serialises appenders, so leaf indexes
-- are dense and in commit order on PostgreSQL as on PGlite.
CREATE TABLE audit_head (
  id smallint PRIMARY KEY CHECK (id = 1),
  size bigint NOT NULL
);
INSERT INTO audit_head (id, size) VALUES (1, 0);

-- Each row is one leaf of the RFC 6962 Merkle tree, leaf index = seq (0-based).
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  actor_kind text NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text NOT NULL,
  reason text,
  state_hash text NOT NULL,
  leaf_hash bytea NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
CREATE INDEX audit_log_at ON audit_log (at);
