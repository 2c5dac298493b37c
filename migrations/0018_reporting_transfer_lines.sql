-- Reporting (issue 15): licence and shipment lines with typed columns, for the report and chart
-- aggregates (1,000,000 transfers within seconds). Derived data, like an index: rebuilt from licensing's
-- audited records through the views of 0016 by reporting/store.ts refreshTransferLines, appended before
-- every computation (licences are snapshotted at issue and shipments never change their lines, so a
-- projected line never changes). Not audited itself; the reports computed from it are.
CREATE TABLE reporting_transfer_lines (
  basis text NOT NULL CHECK (basis IN ('authorised', 'actual')),
  -- The licence (authorised) or the shipment (actual) the line belongs to.
  source_id uuid NOT NULL,
  licence_id uuid NOT NULL,
  line_no int NOT NULL,
  on_date date NOT NULL,
  direction text NOT NULL CHECK (direction IN ('export', 'import')),
  partner text NOT NULL,
  control_entry text NOT NULL,
  item_type text NOT NULL,
  firearm_type text NOT NULL,
  description text NOT NULL,
  transit text NOT NULL,
  quantity bigint NOT NULL,
  unit text NOT NULL,
  value_minor bigint NOT NULL,
  currency text NOT NULL,
  PRIMARY KEY (basis, source_id, line_no)
);
CREATE INDEX reporting_transfer_lines_date ON reporting_transfer_lines (basis, on_date);

-- Shipment lines are projected from the projected licence lines (typed), so this view is not read any more.
DROP VIEW reporting_actual_lines;
