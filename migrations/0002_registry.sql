-- Registry: parties, their registrations, items, markings and custody events.
-- Nothing is deleted: parties are retired, registrations revoked, markings and events only appended.
-- Enumerations are checked in src/registry/model.ts (one source of truth); the database keeps text.

-- A person or an organisation. `name` is the organisation's legal name; for persons it stays NULL and
-- the personal fields live in registry_party_personal so they can be withheld (and audited when read).
CREATE TABLE registry_parties (
  id uuid PRIMARY KEY,
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('person', 'organisation')),
  roles text[] NOT NULL,
  name text,
  country text,
  -- Company / trade register number (organisations); never a personal identity number.
  registration_number text,
  contact_email text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  retired_at timestamptz,
  retired_reason text
);
CREATE INDEX registry_parties_name ON registry_parties (lower(name));

CREATE TABLE registry_party_personal (
  party_id uuid PRIMARY KEY REFERENCES registry_parties (id),
  given_names text,
  family_name text,
  date_of_birth date,
  address text,
  identity_document_number text
);

-- Every version of a party as it was (update = new version): public and personal parts apart.
CREATE TABLE registry_party_versions (
  party_id uuid NOT NULL REFERENCES registry_parties (id),
  version integer NOT NULL,
  state jsonb NOT NULL,
  personal jsonb,
  recorded_at timestamptz NOT NULL,
  reason text,
  PRIMARY KEY (party_id, version)
);

-- Licences and registrations a party holds (manufacturer licence, dealer licence, broker registration…).
CREATE TABLE registry_registrations (
  id uuid PRIMARY KEY,
  party_id uuid NOT NULL REFERENCES registry_parties (id),
  kind text NOT NULL,
  number text NOT NULL,
  issuing_authority text,
  issuing_country text,
  valid_from date NOT NULL,
  valid_until date,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoked_reason text,
  CHECK (valid_until IS NULL OR valid_until >= valid_from)
);
CREATE INDEX registry_registrations_party ON registry_registrations (party_id);
CREATE INDEX registry_registrations_number ON registry_registrations (number);

-- One firearm, part/component or ammunition lot. status/holder_party_id/keeper_party_id are a cache of
-- model.ts deriveState(events), written in the same transaction as each event (for search).
CREATE TABLE registry_items (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('firearm', 'part', 'ammunition')),
  firearm_type text,
  part_type text,
  ammunition_component text,
  make text,
  model text,
  calibre text,
  year_of_manufacture integer,
  country_of_manufacture text,
  place_of_manufacture text,
  manufacturer_party_id uuid REFERENCES registry_parties (id),
  serial_number text,
  -- Upper case without spaces, dashes, dots: what exact and partial search compare.
  serial_norm text,
  lot_number text,
  quantity_rounds bigint,
  is_antique boolean NOT NULL DEFAULT false,
  is_replica boolean NOT NULL DEFAULT false,
  temporary_import_purpose text,
  description text,
  -- Idempotency key of a bulk import row (re-importing a file must not duplicate items).
  import_key text,
  status text NOT NULL,
  holder_party_id uuid REFERENCES registry_parties (id),
  keeper_party_id uuid REFERENCES registry_parties (id),
  event_count integer NOT NULL DEFAULT 0,
  last_event_at timestamptz,
  manufactured_at timestamptz,
  destroyed_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX registry_items_serial_norm ON registry_items (serial_norm);
-- Partial serial search (obliterated marks): LIKE '%AB_12%' uses the trigram index.
CREATE INDEX registry_items_serial_trgm ON registry_items USING gin (serial_norm gin_trgm_ops);
CREATE UNIQUE INDEX registry_items_import_key ON registry_items (import_key) WHERE import_key IS NOT NULL;
CREATE INDEX registry_items_holder ON registry_items (holder_party_id, id);
CREATE INDEX registry_items_manufacturer ON registry_items (manufacturer_party_id, id);
CREATE INDEX registry_items_status ON registry_items (status, id);
CREATE INDEX registry_items_make ON registry_items (lower(make), id);

-- Markings are appended, never overwritten (Art. 8). seq is the order on the item.
CREATE TABLE registry_markings (
  id uuid PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES registry_items (id),
  seq integer NOT NULL,
  kind text NOT NULL,
  manufacturer_name text,
  country_of_manufacture text,
  place_of_manufacture text,
  serial_number text,
  serial_norm text,
  alternative_symbol text,
  alternative_code text,
  import_country text,
  import_year integer,
  transferring_country text,
  marking_country text,
  marking_year integer,
  certificate_ref text,
  year_of_manufacture integer,
  model text,
  calibre text,
  text text,
  location text NOT NULL,
  method text,
  recorded_at timestamptz NOT NULL,
  UNIQUE (item_id, seq)
);
CREATE INDEX registry_markings_serial_norm ON registry_markings (serial_norm) WHERE serial_norm IS NOT NULL;

-- Custody events are appended, never changed. seq is the order on the item (1-based).
CREATE TABLE registry_custody_events (
  id uuid PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES registry_items (id),
  seq integer NOT NULL,
  kind text NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL,
  from_party_id uuid REFERENCES registry_parties (id),
  to_party_id uuid REFERENCES registry_parties (id),
  place_locode text,
  place_text text,
  counterpart_country text,
  authorization_ref text,
  licence_id uuid,
  certificate_ref text,
  destruction_method text,
  witnesses text[],
  temporary_import_purpose text,
  note text,
  UNIQUE (item_id, seq)
);
CREATE INDEX registry_custody_events_to_party ON registry_custody_events (to_party_id) WHERE to_party_id IS NOT NULL;
CREATE INDEX registry_custody_events_licence ON registry_custody_events (licence_id) WHERE licence_id IS NOT NULL;
