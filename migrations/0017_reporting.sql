-- Reporting (issue 15): international returns computed from licences, shipments and denials.
-- The category mapping (control-list entry and item type -> UNROCA / ATT / Wassenaar category) keeps
-- every version: an edit supersedes the current row and inserts the next one; nothing is deleted.

CREATE TABLE reporting_category_mappings (
  id uuid PRIMARY KEY,
  -- What a licence line is matched on; '*' matches anything. control_entry also matches sub-entries
  -- (ML1 matches ML1.a), so the most specific row wins (see reporting/model.ts resolveCategory).
  control_entry text NOT NULL,
  item_type text NOT NULL,
  firearm_type text NOT NULL,
  -- UNROCA category, also the ATT Art. 2(1) category (I-VII, VII.a/b, SA1-SA6, LW1-LW7); null with
  -- reportable = false means "not reported under UNROCA/ATT" (parts, ammunition), not "unmapped".
  unroca_category text,
  -- Wassenaar Appendix 3 category (same codes); null when not an Appendix 3 item.
  wassenaar_category text,
  -- Wassenaar dual-use tier of a Basic List entry: basic, sensitive (SL) or very_sensitive (VSL).
  dual_use_tier text CHECK (dual_use_tier IN ('basic', 'sensitive', 'very_sensitive')),
  reportable boolean NOT NULL,
  version int NOT NULL,
  source text NOT NULL CHECK (source IN ('reference', 'officer')),
  reason text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  superseded_at timestamptz,
  superseded_by uuid
);
CREATE UNIQUE INDEX reporting_category_mappings_current
  ON reporting_category_mappings (control_entry, item_type, firearm_type) WHERE superseded_at IS NULL;
CREATE INDEX reporting_category_mappings_key ON reporting_category_mappings (control_entry, item_type, firearm_type, version);

-- ATT Art. 13(3): a State may withhold commercially sensitive or national-security data. The officer
-- marks licence lines; reports built afterwards show (or omit) them and print the declaration.
CREATE TABLE reporting_withheld_lines (
  id uuid PRIMARY KEY,
  licence_id uuid NOT NULL,
  line_no int NOT NULL,
  reason text NOT NULL CHECK (reason IN ('commercially_sensitive', 'national_security')),
  note text,
  marked_at timestamptz NOT NULL,
  marked_by text NOT NULL,
  released_at timestamptz,
  released_by text,
  released_reason text
);
CREATE UNIQUE INDEX reporting_withheld_lines_current ON reporting_withheld_lines (licence_id, line_no) WHERE released_at IS NULL;

-- Every generated report, reproducible: its kind, period and options, the audit-log size when it was
-- computed, the computed content and its SHA-256 (canonical JSON).
CREATE TABLE reporting_reports (
  id uuid PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('unroca', 'att', 'wassenaar')),
  period_start date NOT NULL,
  period_end date NOT NULL,
  options jsonb NOT NULL,
  audit_size bigint NOT NULL,
  content jsonb NOT NULL,
  content_hash text NOT NULL,
  generated_at timestamptz NOT NULL,
  generated_by text NOT NULL
);
CREATE INDEX reporting_reports_kind ON reporting_reports (kind, period_start, generated_at DESC);

-- The one place reporting reads licensing's tables (its read contract; a licensing change to these
-- columns updates this view). One row per licence line (authorised basis) with the line's goods as
-- snapshotted at issue; temporary, transit and brokering licences are not transfers of the State.
CREATE VIEW reporting_authorised_lines AS
SELECT l.id AS licence_id,
       l.number AS licence_number,
       l.kind AS licence_kind,
       (l.issued_at AT TIME ZONE 'UTC')::date AS on_date,
       l.snapshot->>'exportCountry' AS export_country,
       l.snapshot->>'importCountry' AS import_country,
       COALESCE(l.snapshot->'transitCountries', '[]'::jsonb) AS transit_countries,
       (g->>'lineNo')::int AS line_no,
       g->>'controlEntry' AS control_entry,
       g->>'itemType' AS item_type,
       COALESCE(g->>'firearmType', '') AS firearm_type,
       g->>'description' AS description,
       (g->>'quantity')::bigint AS quantity,
       g->>'unit' AS unit,
       (g->>'valueMinor')::bigint AS value_minor,
       g->>'currency' AS currency
FROM licensing_licences l
CROSS JOIN LATERAL jsonb_array_elements(l.snapshot->'goods') AS g
WHERE l.kind IN ('export', 'import');

-- One row per shipment line (actual basis), valued pro rata of the licence line.
CREATE VIEW reporting_actual_lines AS
SELECT a.licence_id,
       a.licence_number,
       a.licence_kind,
       s.shipped_on AS on_date,
       a.export_country,
       a.import_country,
       a.transit_countries,
       a.line_no,
       a.control_entry,
       a.item_type,
       a.firearm_type,
       a.description,
       (sl->>'quantity')::bigint AS quantity,
       a.unit,
       CASE WHEN a.quantity > 0 THEN (a.value_minor * (sl->>'quantity')::bigint) / a.quantity ELSE 0 END AS value_minor,
       a.currency
FROM licensing_shipments s
CROSS JOIN LATERAL jsonb_array_elements(s.lines) AS sl
JOIN reporting_authorised_lines a ON a.licence_id = s.licence_id AND a.line_no = (sl->>'lineNo')::int;

-- Refused licences (Wassenaar dual-use denial notifications).
CREATE VIEW reporting_refusals AS
SELECT id,
       reference,
       kind,
       (denied_at AT TIME ZONE 'UTC')::date AS denied_on,
       import_country AS destination,
       end_user_name,
       control_entries,
       reason
FROM licensing_denials;

-- Licences issued although essentially identical to a denial (Wassenaar "no undercut" notifications):
-- the issuing decision records the denials the officer acknowledged.
CREATE VIEW reporting_denial_overrides AS
SELECT l.number AS licence_number,
       (l.issued_at AT TIME ZONE 'UTC')::date AS approved_on,
       l.snapshot->>'importCountry' AS destination,
       l.snapshot->'finalRecipient'->>'name' AS end_user_name,
       d->>'reference' AS denial_reference,
       d->>'source' AS denial_source
FROM licensing_decisions dec
JOIN licensing_licences l ON l.application_id = dec.application_id
CROSS JOIN LATERAL jsonb_array_elements(COALESCE(dec.data->'denialsAcknowledged', '[]'::jsonb)) AS d
WHERE dec.kind = 'issued';
