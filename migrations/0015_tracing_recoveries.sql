-- Tracing: recovered firearms, parts and ammunition (Protocol Arts 6, 11; ITI para 9; ISACS 05.31).
-- Table and column names are plain on purpose: the reporting module (UNODC IAFQ, SDG 16.4.2) reads them.
-- Nothing is deleted. Enumerations are checked in src/tracing/model.ts; the database keeps text.

-- One recovery: a seizure, a find or a surrender, at one date and place, by one agency.
CREATE TABLE recovery_cases (
  id uuid PRIMARY KEY,
  -- Human reference printed on documents, e.g. REC-2026-000001.
  reference text NOT NULL UNIQUE,
  recovered_on date NOT NULL,
  -- The place: a UN/LOCODE, coordinates (WGS 84), a description, or several of them.
  place_locode text,
  place_latitude double precision,
  place_longitude double precision,
  place_text text,
  -- The recovering agency: a registry party (state agency).
  agency_party_id uuid NOT NULL REFERENCES registry_parties (id),
  recovery_type text NOT NULL,          -- seized | found | surrendered
  legal_justification text NOT NULL,    -- illicit_possession | illicit_trafficking | illicit_manufacturing | marking_offence | other
  criminal_context text NOT NULL,       -- trafficking | violent_crime | drugs | organised_crime | terrorism | other | none
  -- The seizure order or police file number the recovery is recorded under.
  legal_reference text,
  notes text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
CREATE INDEX recovery_cases_recovered_on ON recovery_cases (recovered_on, id);
CREATE INDEX recovery_cases_agency ON recovery_cases (agency_party_id, id);

-- Persons and organisations involved, as registry parties (their personal data stays in the registry,
-- withheld from roles that may not read it).
CREATE TABLE recovery_case_persons (
  case_id uuid NOT NULL REFERENCES recovery_cases (id),
  party_id uuid NOT NULL REFERENCES registry_parties (id),
  role text NOT NULL,                   -- suspect | owner | finder | surrendering_person | witness | other
  PRIMARY KEY (case_id, party_id, role)
);

-- One recovered firearm, part or ammunition lot, as found.
CREATE TABLE recovered_items (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES recovery_cases (id),
  seq integer NOT NULL,
  kind text NOT NULL,                   -- firearm | part | ammunition
  -- Firearm type, part type or ammunition component (the registry's enumerations).
  item_type text,
  make text,
  model text,
  calibre text,
  country_of_manufacture text,
  nature text NOT NULL,                 -- industrial | craft | converted | reactivated | 3d_printed | other_privately_made
  quantity integer NOT NULL DEFAULT 1,  -- rounds for ammunition, 1 otherwise
  description text,
  -- What the automatic check concluded: hit (lost/stolen), linked (legal holding), candidates (partial
  -- matches for an officer to decide), registered (no match: recorded in the registry), unchecked.
  check_outcome text NOT NULL,
  checked_at timestamptz,
  -- How many registry items the partial search matched (all of them, not only the ranked ones kept).
  candidate_count integer NOT NULL DEFAULT 0,
  -- The registry item this recovered item is (matched, or registered because nothing matched).
  registry_item_id uuid REFERENCES registry_items (id),
  created_at timestamptz NOT NULL,
  UNIQUE (case_id, seq)
);
CREATE INDEX recovered_items_registry_item ON recovered_items (registry_item_id) WHERE registry_item_id IS NOT NULL;
CREATE INDEX recovered_items_outcome ON recovered_items (check_outcome, id);

-- Each mark as read off the item, with its state (Art. 5(1)(c) evidence).
CREATE TABLE recovered_item_markings (
  id uuid PRIMARY KEY,
  recovered_item_id uuid NOT NULL REFERENCES recovered_items (id),
  seq integer NOT NULL,
  location text NOT NULL,               -- the registry's marking locations (frame, receiver, barrel, …)
  state text NOT NULL,                  -- intact | obliterated | altered | removed | falsified | unmarked
  -- The serial as read: `?` for each character that cannot be read, `*` for an unreadable run.
  serial_as_read text,
  serial_norm text,
  manufacturer_name text,
  country_of_manufacture text,
  -- Everything else on the mark, verbatim.
  text_as_read text,
  UNIQUE (recovered_item_id, seq)
);
CREATE INDEX recovered_item_markings_serial ON recovered_item_markings (serial_norm) WHERE serial_norm IS NOT NULL;

-- Ranked registry candidates for a partially readable serial (the best few; the count is on the item),
-- with what the registry said of each when the check ran.
CREATE TABLE recovery_candidates (
  recovered_item_id uuid NOT NULL REFERENCES recovered_items (id),
  registry_item_id uuid NOT NULL REFERENCES registry_items (id),
  rank integer NOT NULL,
  score double precision NOT NULL,
  serial_number text,
  make text,
  model text,
  calibre text,
  registry_status text NOT NULL,
  PRIMARY KEY (recovered_item_id, registry_item_id)
);

-- A recovered item that is a registry item: a hit when the registry item was reported lost or stolen
-- (an alert to the agency that took the report), a link when it was in legal hands.
CREATE TABLE recovery_matches (
  id uuid PRIMARY KEY,
  recovered_item_id uuid NOT NULL REFERENCES recovered_items (id),
  registry_item_id uuid NOT NULL REFERENCES registry_items (id),
  kind text NOT NULL,                   -- lost_stolen_hit | legal_holding
  -- How it was found: exact serial, or a partial candidate an officer confirmed.
  found_by text NOT NULL,               -- exact_serial | confirmed_candidate
  -- The registry's status when matched (lost, stolen, active, …).
  registry_status text NOT NULL,
  -- Both references: the recovery's, and the lost/stolen report's (the registry custody event).
  recovery_reference text NOT NULL,
  report_event_id uuid REFERENCES registry_custody_events (id),
  report_reference text,
  -- The agency that took the lost/stolen report, alerted by the hit.
  reporting_agency_party_id uuid REFERENCES registry_parties (id),
  alert_status text,                    -- open | acknowledged (hits only)
  acknowledged_at timestamptz,
  acknowledged_by text,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  UNIQUE (recovered_item_id)
);
CREATE INDEX recovery_matches_alerts ON recovery_matches (reporting_agency_party_id, alert_status) WHERE kind = 'lost_stolen_hit';
CREATE INDEX recovery_matches_registry_item ON recovery_matches (registry_item_id);

-- A domestic trace of a recovered item through the registry's chain of custody (ITI para 5; ISACS 05.31
-- steps 2 and 4): where its lawful chain begins in the State, its last legal holder, and when it left legal hands.
CREATE TABLE domestic_traces (
  id uuid PRIMARY KEY,
  -- Human reference printed on the trace report, e.g. TRC-2026-000001.
  reference text NOT NULL UNIQUE,
  recovered_item_id uuid NOT NULL REFERENCES recovered_items (id),
  registry_item_id uuid NOT NULL REFERENCES registry_items (id),
  origin_kind text NOT NULL,            -- manufactured | imported | unknown
  origin_event_id uuid REFERENCES registry_custody_events (id),
  origin_country text,
  last_legal_event_id uuid REFERENCES registry_custody_events (id),
  last_legal_holder_party_id uuid REFERENCES registry_parties (id),
  -- The window in which the item left legal hands: after the last lawful event, by the report or recovery.
  diversion_from timestamptz,
  diversion_to timestamptz NOT NULL,
  diversion_basis text NOT NULL,        -- lost_stolen_report | recovery
  diversion_place text,
  report_event_id uuid REFERENCES registry_custody_events (id),
  -- The State's records end abroad: an international tracing request is needed, to request_country.
  ends_abroad boolean NOT NULL,
  request_country text,
  -- Illicit origin established by tracing (SDG 16.4.2 numerator).
  illicit_origin_established boolean NOT NULL,
  -- The evidence as the trace read it: lawful chain (event ids in order) and authorizations cited.
  findings jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
CREATE INDEX domestic_traces_recovered_item ON domestic_traces (recovered_item_id);

-- International tracing requests (Protocol Art. 12(4); ITI paras 14–24; ISACS 05.31), outgoing and
-- incoming. Bodies are the exchange's message bodies (src/exchange/messages.ts) exactly as signed, so the
-- State-to-State exchange can carry them unchanged; until then they travel as signed documents.
CREATE TABLE tracing_requests (
  id uuid PRIMARY KEY,
  direction text NOT NULL,              -- outgoing | incoming
  -- This node's reference (TRQ-YYYY-NNNNNN); the other State's is counterpart_reference.
  reference text NOT NULL UNIQUE,
  counterpart_state text NOT NULL,
  counterpart_reference text,
  recovered_item_id uuid REFERENCES recovered_items (id),
  trace_id uuid REFERENCES domestic_traces (id),
  -- draft | received | sent | acknowledged | in_progress | responded | partial | delayed | refused | closed
  status text NOT NULL,
  status_reason text,
  priority text NOT NULL,               -- routine | urgent
  request_body jsonb NOT NULL,
  caveats jsonb NOT NULL,
  response_due_on date,
  -- The signed request as sent or received (compact JWS envelope), and its envelope id.
  request_document text,
  request_envelope_id uuid,
  -- The sender's key fingerprint an officer checked out of band (incoming).
  sender_key_fingerprint text,
  response_body jsonb,
  response_document text,
  sent_at timestamptz,
  acknowledged_at timestamptz,
  responded_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX tracing_requests_status ON tracing_requests (direction, status, id);
CREATE UNIQUE INDEX tracing_requests_incoming ON tracing_requests (counterpart_state, request_envelope_id) WHERE direction = 'incoming';

-- Disposal of a confiscated item (Protocol Arts 6 and 9): destruction (the default), deactivation, or another
-- disposal officially authorised. Each has a signed certificate anyone can check by its number.
CREATE TABLE disposals (
  id uuid PRIMARY KEY,
  -- Certificate number printed on the certificate, e.g. DST-2026-000001.
  certificate_number text NOT NULL UNIQUE,
  kind text NOT NULL,                   -- destruction | deactivation | other
  registry_item_id uuid NOT NULL REFERENCES registry_items (id),
  recovered_item_id uuid REFERENCES recovered_items (id),
  disposed_on date NOT NULL,
  place text NOT NULL,
  -- Destruction method (cutting, crushing, smelting…), deactivation method, or the other disposal's description.
  method text NOT NULL,
  witnesses text[] NOT NULL,
  -- Deactivation (Art. 9): standard applied, verifying authority, essential parts treated, the mark applied.
  standard_applied text,
  verifying_authority text,
  essential_parts text[],
  deactivation_mark text,
  -- Other disposal (Art. 6(2)): the authorisation, who gave it, who receives the item, the identifying mark.
  authorization_ref text,
  authorizing_body text,
  recipient_party_id uuid REFERENCES registry_parties (id),
  identifying_marking text,
  -- The item as the certificate describes it (kind, type, make, model, calibre, serial), as at disposal.
  item_snapshot jsonb NOT NULL,
  -- The certificate as signed: SHA-256 of its canonical content and the node's signature (compact JWS).
  content_hash text NOT NULL,
  certificate_token text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL
);
CREATE INDEX disposals_registry_item ON disposals (registry_item_id);
