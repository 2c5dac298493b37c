-- The business references an outbox envelope's body carries, kept beside the signed bytes so a read can find
-- a licensing case's messages (caseReference: import checks, transit notifications and their answers, hit
-- notifications) or the peers a lost/stolen report went to (reportReference) by index, instead of decoding
-- every stored payload. Written by the outbox from the envelope it signs; never part of the audited state.
ALTER TABLE exchange_outbox ADD COLUMN case_reference text;
ALTER TABLE exchange_outbox ADD COLUMN report_reference text;

-- Rows written before this migration: decoded once from the compact JWS this node signed (a relayed JWE
-- stored whole has no readable payload and keeps null, as the decoding read passed it over before).
UPDATE exchange_outbox o
SET case_reference = d.body ->> 'caseReference', report_reference = d.body ->> 'reportReference'
FROM (
  SELECT s.id, convert_from(decode(rpad(translate(s.payload, '-_', '+/'), ((length(s.payload) + 3) / 4) * 4, '='), 'base64'), 'UTF8')::jsonb -> 'body' AS body
  FROM (
    SELECT id, split_part(token, '.', 2) AS payload FROM exchange_outbox
    WHERE type IN ('import_authorisation_check', 'import_authorisation_answer', 'transit_notification', 'transit_answer', 'lost_stolen_notice', 'hit_notification')
      AND token ~ '^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
  ) s
) d
WHERE o.id = d.id;

CREATE INDEX exchange_outbox_case_reference ON exchange_outbox (case_reference, id) WHERE case_reference IS NOT NULL;
CREATE INDEX exchange_outbox_report_reference ON exchange_outbox (report_reference, id) WHERE report_reference IS NOT NULL;
