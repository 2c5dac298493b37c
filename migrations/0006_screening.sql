-- Screening: sanctions list versions and their entries, screening runs and hits, officers' decisions,
-- alerts raised by re-screening, and denials received from other States. Nothing is deleted: a list
-- version is superseded, never removed, so every past screening can be re-read against the exact list
-- it used.

CREATE TABLE screening_list_version (
  id uuid PRIMARY KEY,
  source text NOT NULL,
  format text NOT NULL,
  published_on date,
  file_name text,
  file_sha256 text NOT NULL,
  entry_count integer NOT NULL,
  name_count integer NOT NULL,
  status text NOT NULL CHECK (status IN ('loading', 'active', 'superseded')),
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL,
  superseded_at timestamptz,
  superseded_by uuid
);
-- At most one active version per list: the switch from old to new happens in one transaction.
CREATE UNIQUE INDEX screening_list_version_active ON screening_list_version (source) WHERE status = 'active';

CREATE TABLE screening_entry (
  version_id uuid NOT NULL REFERENCES screening_list_version (id),
  external_id text NOT NULL,
  kind text NOT NULL,
  primary_name text NOT NULL,
  reference_number text,
  programmes text[] NOT NULL,
  countries text[] NOT NULL,
  data jsonb NOT NULL,
  content_hash text NOT NULL,
  PRIMARY KEY (version_id, external_id)
);

CREATE TABLE screening_entry_name (
  version_id uuid NOT NULL,
  external_id text NOT NULL,
  name_no integer NOT NULL,
  name text NOT NULL,
  normalized text NOT NULL,
  quality text NOT NULL,
  PRIMARY KEY (version_id, external_id, name_no)
);
CREATE INDEX screening_entry_name_trgm ON screening_entry_name USING gin (normalized gin_trgm_ops);

-- Candidate retrieval keys: normalised tokens, Metaphone codes (p:), consonant skeletons (s:),
-- Korean-folded tokens (k:) and identity document numbers (id:), one row per (entry, key).
CREATE TABLE screening_name_key (
  version_id uuid NOT NULL,
  key text NOT NULL,
  external_id text NOT NULL
);
CREATE INDEX screening_name_key_lookup ON screening_name_key (key, version_id);

-- A party known to screening (from the registry, a licence application or an ad-hoc check), with a
-- fingerprint of what was screened so a remembered decision lapses when the party changes.
CREATE TABLE screening_subject (
  id uuid PRIMARY KEY,
  party_ref text NOT NULL UNIQUE,
  origin text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  country text,
  birth_date text,
  identifiers jsonb NOT NULL,
  fingerprint text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE screening_run (
  id uuid PRIMARY KEY,
  subject_id uuid REFERENCES screening_subject (id),
  purpose text NOT NULL,
  query jsonb NOT NULL,
  list_versions jsonb NOT NULL,
  threshold real NOT NULL,
  hit_count integer NOT NULL,
  open_hit_count integer NOT NULL,
  screened_at timestamptz NOT NULL,
  screened_by text NOT NULL
);
CREATE INDEX screening_run_subject ON screening_run (subject_id, screened_at);

CREATE TABLE screening_hit (
  id uuid PRIMARY KEY,
  run_id uuid NOT NULL REFERENCES screening_run (id),
  subject_id uuid REFERENCES screening_subject (id),
  version_id uuid NOT NULL,
  source text NOT NULL,
  external_id text NOT NULL,
  entry_hash text NOT NULL,
  entry_name text NOT NULL,
  score real NOT NULL,
  explanation jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'suppressed', 'decided')),
  suppressed_by uuid
);
CREATE INDEX screening_hit_run ON screening_hit (run_id);
CREATE INDEX screening_hit_subject ON screening_hit (subject_id, source, external_id);

CREATE TABLE screening_decision (
  id uuid PRIMARY KEY,
  hit_id uuid NOT NULL REFERENCES screening_hit (id),
  subject_id uuid REFERENCES screening_subject (id),
  source text NOT NULL,
  external_id text NOT NULL,
  entry_hash text NOT NULL,
  subject_fingerprint text,
  decision text NOT NULL CHECK (decision IN ('true_match', 'false_positive')),
  reason text NOT NULL,
  decided_at timestamptz NOT NULL,
  decided_by text NOT NULL
);
CREATE INDEX screening_decision_subject ON screening_decision (subject_id, source, external_id, decided_at);

CREATE TABLE screening_alert (
  id uuid PRIMARY KEY,
  subject_id uuid NOT NULL REFERENCES screening_subject (id),
  hit_id uuid NOT NULL REFERENCES screening_hit (id),
  version_id uuid NOT NULL,
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'acknowledged')),
  raised_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by text
);
CREATE INDEX screening_alert_status ON screening_alert (status, raised_at);

CREATE TABLE screening_denial (
  id uuid PRIMARY KEY,
  notifying_state text NOT NULL,
  reference text NOT NULL,
  denied_on date NOT NULL,
  destination text NOT NULL,
  end_user_name text NOT NULL,
  end_user_normalized text NOT NULL,
  control_categories text[] NOT NULL,
  reason text,
  received_at timestamptz NOT NULL,
  received_by text NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  UNIQUE (notifying_state, reference)
);
CREATE INDEX screening_denial_destination ON screening_denial (destination);
