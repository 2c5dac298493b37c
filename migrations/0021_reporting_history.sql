-- Reporting (issue 15): past transfers of the State imported from published registers (the SIPRI
-- arms-transfer trade register, the EU COARM annual reports), so reports and charts show years of data
-- the node never recorded itself. Kept apart from the node's own licence and shipment lines: a report
-- prints them in their own tables, marked as imported, and never adds them to the computed figures.

-- One row per imported file (audited: 'reporting_history_import'). A later import of the same source
-- for the same State supersedes the earlier one; nothing is deleted.
CREATE TABLE reporting_history_imports (
  id uuid PRIMARY KEY,
  state text NOT NULL,
  -- The State's name in the source file ("Spain"): whose rows were taken.
  source_name text NOT NULL,
  source text NOT NULL CHECK (source IN ('sipri', 'eu_coarm')),
  file_name text NOT NULL,
  file_sha256 text NOT NULL,
  -- rows read, exports, imports, rows of other States, mapped, not reportable, unmapped, aggregates.
  counts jsonb NOT NULL,
  attribution text NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL,
  superseded_at timestamptz,
  superseded_by text
);
CREATE UNIQUE INDEX reporting_history_imports_current ON reporting_history_imports (state, source) WHERE superseded_at IS NULL;

-- One row per source row that concerns the State (derived from the audited import: the import's entry
-- holds the file's SHA-256 and counts; the rows are re-created by importing the same file again).
CREATE TABLE reporting_historical_transfers (
  import_id uuid NOT NULL REFERENCES reporting_history_imports (id),
  -- The line of the file the row was read from (1 = the file's first line).
  source_line int NOT NULL,
  state text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('export', 'import')),
  supplier text NOT NULL,
  recipient text NOT NULL,
  -- The other State as ISO 3166-1 alpha-2 when its name is known, else null (partner_name is printed).
  partner_code text,
  partner_name text NOT NULL,
  -- Year of the transfer on the actual basis (SIPRI: first year of delivery; EU: the report's year) and
  -- on the authorised basis (SIPRI: year of order; EU: the report's year).
  year_actual int,
  year_authorised int,
  -- What the documented mapping (reporting/history.ts) made of the row: a UNROCA/ATT category, not
  -- reportable, unmapped (listed in the reports), or an aggregate ('Total' rows of the EU reports).
  mapping text NOT NULL CHECK (mapping IN ('mapped', 'not_reportable', 'unmapped', 'aggregate')),
  category text,
  rule text NOT NULL,
  control_entry text,
  designation text NOT NULL,
  description text NOT NULL,
  quantity_actual bigint,
  quantity_authorised bigint,
  licences int,
  value_authorised_minor bigint,
  value_actual_minor bigint,
  currency text,
  delivery_years text NOT NULL,
  tiv text,
  comments text NOT NULL,
  PRIMARY KEY (import_id, source_line)
);
CREATE INDEX reporting_historical_transfers_actual ON reporting_historical_transfers (state, year_actual);
CREATE INDEX reporting_historical_transfers_authorised ON reporting_historical_transfers (state, year_authorised);
