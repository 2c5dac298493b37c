-- Licensing (Protocol Arts 10 and 15): applications and their append-only decisions, evidence for the
-- Art. 10(2) gate, licences snapshotted at issue, shipments and delivery verification, the broker
-- register and denials (read by screening). Nothing is deleted: rows are superseded or change status
-- with an audited reason.

-- Human reference counters (APP, EXP, IMP… per State and year); UPDATE … RETURNING serialises issuers.
CREATE TABLE licensing_counters (
  prefix text PRIMARY KEY,
  last bigint NOT NULL
);

CREATE TABLE licensing_applications (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('export', 'import', 'transit', 'brokering', 'temporary')),
  status text NOT NULL,
  -- Industry users see only applications whose organisation is theirs (the applicant's party id).
  organisation_id uuid,
  applicant_name text NOT NULL,
  export_country text NOT NULL,
  import_country text NOT NULL,
  content jsonb NOT NULL,
  assigned_officer text,
  countersignature_required boolean NOT NULL DEFAULT false,
  recommendation text,
  submitted_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX licensing_applications_org ON licensing_applications (organisation_id, submitted_at DESC);
CREATE INDEX licensing_applications_status ON licensing_applications (status, submitted_at);

-- Every decision on a case, append-only (LITE's LicenceDecision idea), stamped with the rules version.
CREATE TABLE licensing_decisions (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES licensing_applications (id),
  kind text NOT NULL,
  at timestamptz NOT NULL,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  reason text,
  data jsonb NOT NULL,
  rules_version text
);
CREATE INDEX licensing_decisions_app ON licensing_decisions (application_id, at, id);

CREATE TABLE licensing_documents (
  id uuid PRIMARY KEY,
  application_id uuid REFERENCES licensing_applications (id),
  kind text NOT NULL,
  filename text NOT NULL,
  media_type text NOT NULL,
  size_bytes bigint NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL,
  uploaded_by text NOT NULL
);
CREATE INDEX licensing_documents_app ON licensing_documents (application_id);

CREATE TABLE licensing_import_authorizations (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES licensing_applications (id),
  reference text NOT NULL,
  issuing_state text NOT NULL,
  issuing_authority text NOT NULL,
  issue_date date NOT NULL,
  expiry_date date NOT NULL,
  document_id uuid REFERENCES licensing_documents (id),
  document_sha256 text,
  goods jsonb NOT NULL,
  source text NOT NULL,
  recorded_at timestamptz NOT NULL,
  superseded_at timestamptz,
  superseded_reason text
);
CREATE INDEX licensing_import_auth_app ON licensing_import_authorizations (application_id);

CREATE TABLE licensing_transit_no_objections (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL REFERENCES licensing_applications (id),
  state text NOT NULL,
  reference text NOT NULL,
  notice_date date NOT NULL,
  document_id uuid REFERENCES licensing_documents (id),
  document_sha256 text,
  source text NOT NULL,
  recorded_at timestamptz NOT NULL,
  superseded_at timestamptz,
  superseded_reason text
);
CREATE INDEX licensing_transit_app ON licensing_transit_no_objections (application_id);

CREATE TABLE licensing_licences (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  application_id uuid NOT NULL UNIQUE REFERENCES licensing_applications (id),
  kind text NOT NULL,
  status text NOT NULL,
  organisation_id uuid,
  valid_from date NOT NULL,
  expires_on date NOT NULL,
  issued_at timestamptz NOT NULL,
  snapshot jsonb NOT NULL,
  snapshot_hash text NOT NULL,
  token text NOT NULL,
  status_reason text,
  status_changed_at timestamptz NOT NULL
);
CREATE INDEX licensing_licences_org ON licensing_licences (organisation_id, issued_at DESC);
CREATE INDEX licensing_licences_expiry ON licensing_licences (status, expires_on);

CREATE TABLE licensing_licence_lines (
  licence_id uuid NOT NULL REFERENCES licensing_licences (id),
  line_no int NOT NULL,
  quantity bigint NOT NULL,
  unit text NOT NULL,
  used bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (licence_id, line_no),
  CHECK (used >= 0 AND used <= quantity)
);

-- Lifecycle transitions of a licence, append-only.
CREATE TABLE licensing_licence_events (
  id uuid PRIMARY KEY,
  licence_id uuid NOT NULL REFERENCES licensing_licences (id),
  from_status text,
  to_status text NOT NULL,
  at timestamptz NOT NULL,
  actor_name text NOT NULL,
  actor_role text NOT NULL,
  reason text
);
CREATE INDEX licensing_licence_events_licence ON licensing_licence_events (licence_id, at);

CREATE TABLE licensing_shipments (
  id uuid PRIMARY KEY,
  licence_id uuid NOT NULL REFERENCES licensing_licences (id),
  shipped_on date NOT NULL,
  exit_point text NOT NULL,
  carrier jsonb NOT NULL,
  lines jsonb NOT NULL,
  -- Idempotency: customs re-sending the same declaration records it once.
  external_reference text,
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  status text NOT NULL CHECK (status IN ('shipped', 'delivered')),
  delivered_on date,
  verified_at timestamptz,
  verifying_state text,
  verification_evidence text,
  verification_document_sha256 text
);
CREATE INDEX licensing_shipments_licence ON licensing_shipments (licence_id, shipped_on);
CREATE INDEX licensing_shipments_awaiting ON licensing_shipments (status, shipped_on);
CREATE UNIQUE INDEX licensing_shipments_external ON licensing_shipments (licence_id, external_reference);

CREATE TABLE licensing_brokers (
  id uuid PRIMARY KEY,
  party_id uuid,
  name text NOT NULL,
  legal_form text,
  registration_no text NOT NULL UNIQUE,
  country text NOT NULL,
  location text NOT NULL,
  valid_from date NOT NULL,
  valid_to date NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'suspended', 'retired')),
  status_reason text,
  registered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX licensing_brokers_name ON licensing_brokers (lower(name));

-- Refused licences; screening reads this table for denial checks, reporting for Wassenaar notifications.
CREATE TABLE licensing_denials (
  id uuid PRIMARY KEY,
  application_id uuid NOT NULL UNIQUE REFERENCES licensing_applications (id),
  reference text NOT NULL,
  kind text NOT NULL,
  denied_at timestamptz NOT NULL,
  applicant_name text NOT NULL,
  consignee_name text,
  end_user_name text NOT NULL,
  parties jsonb NOT NULL,
  export_country text NOT NULL,
  import_country text NOT NULL,
  control_entries text[] NOT NULL,
  goods jsonb NOT NULL,
  criteria text[] NOT NULL,
  reason text NOT NULL
);
CREATE INDEX licensing_denials_end_user ON licensing_denials USING gin (lower(end_user_name) gin_trgm_ops);
