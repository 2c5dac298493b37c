-- National and regional arms embargoes added by an administrator (UN ones are reference data in code,
-- src/reference/un-embargoes.ts). Never deleted: an embargo ends by setting `until` with a reason.
CREATE TABLE reference_embargo (
  id uuid PRIMARY KEY,
  authority text NOT NULL CHECK (authority IN ('regional', 'national')),
  imposed_by text NOT NULL,
  country_code text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
  target text NOT NULL,
  scope text NOT NULL CHECK (scope IN ('whole_state', 'non_state_actors', 'partial', 'listed_persons')),
  direction text NOT NULL CHECK (direction IN ('to', 'to_and_from')),
  measures text NOT NULL,
  instruments text[] NOT NULL,
  since date NOT NULL,
  until date CHECK (until IS NULL OR until > since),
  lifted_reason text,
  lifted_at timestamptz,
  lifted_by text,
  source_title text NOT NULL,
  source_url text,
  note text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
CREATE INDEX reference_embargo_country ON reference_embargo (country_code, since);
