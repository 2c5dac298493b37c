-- Reporting (issue 15): the report aggregates over 1,000,000 transfers within seconds. The projected lines
-- (0018) are summed per month and everything a report groups by, as they are appended (refreshTransferLines,
-- in the same statement), so a yearly report sums a few thousand monthly groups instead of grouping a million
-- lines. Derived data like the lines themselves; withheld lines (ATT Art. 13(3)) are taken out of these sums
-- when a report is computed, from the lines.
CREATE TABLE reporting_transfer_groups (
  basis text NOT NULL,
  month date NOT NULL,
  direction text NOT NULL,
  partner text NOT NULL,
  control_entry text NOT NULL,
  item_type text NOT NULL,
  firearm_type text NOT NULL,
  description text NOT NULL,
  transit text NOT NULL,
  unit text NOT NULL,
  currency text NOT NULL,
  quantity bigint NOT NULL,
  value_minor bigint NOT NULL,
  lines bigint NOT NULL,
  PRIMARY KEY (basis, month, direction, partner, control_entry, item_type, firearm_type, description, transit, unit, currency)
);

INSERT INTO reporting_transfer_groups
SELECT basis, date_trunc('month', on_date)::date, direction, partner, control_entry, item_type, firearm_type, description, transit, unit, currency,
       sum(quantity), sum(value_minor), count(*)
FROM reporting_transfer_lines
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11;

-- The withheld lines of a period are found from reporting_withheld_lines (few) by licence and line.
CREATE INDEX reporting_transfer_lines_licence_line ON reporting_transfer_lines (licence_id, line_no);
-- Wassenaar's SL/VSL licences read only dual-use lines: a partial index with the query's own predicate.
CREATE INDEX reporting_transfer_lines_dual_use ON reporting_transfer_lines (basis, on_date) WHERE control_entry ~ '^[0-9][A-E][0-9]{3}';

-- The Protocol self-assessment's Art. 11 evidence counts the items reported lost or stolen in the report's
-- period (0019's reporting_item_evidence only says whether an item ever was): the registry's read contract.
CREATE VIEW reporting_loss_theft_reports AS
SELECT e.item_id, e.kind, (e.occurred_at AT TIME ZONE 'UTC')::date AS reported_on
FROM registry_custody_events e
WHERE e.kind IN ('reported_lost', 'reported_stolen');

-- How many licences (authorised) and shipments (actual) the projection holds: a refresh that finds as many
-- export and import licences, and shipments under them, as projected has nothing to append and skips the
-- anti-join over every id (seconds at 1,000,000 lines). Licences and shipments are never deleted.
CREATE TABLE reporting_projection_counts (
  basis text PRIMARY KEY,
  sources bigint NOT NULL
);
INSERT INTO reporting_projection_counts
SELECT b.basis, (SELECT count(DISTINCT source_id) FROM reporting_transfer_lines t WHERE t.basis = b.basis)
FROM (VALUES ('authorised'), ('actual')) AS b (basis);
