-- What other States' nodes tell this one about lost and stolen firearms (Protocol Arts 11, 12(1); ITI), and
-- what becomes of it: a recovery here that matches a foreign report (a hit this State notifies to the
-- reporting State), and a hit notified by another State on an item this State reported (an open alert
-- here). Each row names the signed envelope it came from or went out as (exchange_inbox / exchange_outbox
-- keep the envelopes as signed). Nothing is deleted: a withdrawn report stays, marked withdrawn.

-- A lost/stolen report received from another State's node (a lost_stolen_notice).
CREATE TABLE tracing_foreign_reports (
  id uuid PRIMARY KEY,
  reporting_state text NOT NULL,
  report_reference text NOT NULL,
  kind text NOT NULL,                   -- lost | stolen
  status text NOT NULL,                 -- active | withdrawn
  occurred_on date,
  place jsonb,
  reporting_authority jsonb NOT NULL,
  -- The weapons as the reporting State described them (the exchange's weapon shape, ISACS 05.31).
  weapons jsonb NOT NULL,
  envelope_id uuid NOT NULL,
  received_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  withdrawal_reason text,
  withdrawal_envelope_id uuid,
  UNIQUE (reporting_state, report_reference)
);

-- The serial of each reported weapon, normalised as the registry does, for the recovery check.
CREATE TABLE tracing_foreign_report_serials (
  report_id uuid NOT NULL REFERENCES tracing_foreign_reports (id),
  weapon_index integer NOT NULL,
  serial_norm text NOT NULL,
  PRIMARY KEY (report_id, weapon_index)
);
CREATE INDEX tracing_foreign_report_serials_serial ON tracing_foreign_report_serials (serial_norm);

-- A recovered item here that matches a weapon another State reported lost or stolen.
CREATE TABLE tracing_foreign_hits (
  id uuid PRIMARY KEY,
  recovered_item_id uuid NOT NULL REFERENCES recovered_items (id),
  foreign_report_id uuid NOT NULL REFERENCES tracing_foreign_reports (id),
  weapon_index integer NOT NULL,
  matched_on text[] NOT NULL,
  -- The hit_notification sent to the reporting State's node; null when it has no node enrolled here.
  notification_envelope_id uuid,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  UNIQUE (recovered_item_id, foreign_report_id, weapon_index)
);

-- A hit notified by another State: an item this State reported lost or stolen was recovered there.
CREATE TABLE tracing_hits_abroad (
  id uuid PRIMARY KEY,
  notifying_state text NOT NULL,
  report_reference text NOT NULL,
  weapon jsonb NOT NULL,
  matched_on text[] NOT NULL,
  recovery_type text NOT NULL,          -- seized | found | surrendered
  recovered_on date NOT NULL,
  place jsonb NOT NULL,
  holding_authority jsonb NOT NULL,
  case_reference text,
  envelope_id uuid NOT NULL,
  alert_status text NOT NULL,           -- open | acknowledged
  received_at timestamptz NOT NULL,
  UNIQUE (notifying_state, envelope_id)
);
CREATE INDEX tracing_hits_abroad_open ON tracing_hits_abroad (alert_status, received_at);
