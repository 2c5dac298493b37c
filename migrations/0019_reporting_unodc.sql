-- Reporting (issue 15): the UNODC illicit arms flows questionnaire / SDG 16.4.2 return ('iafq') and the
-- Firearms Protocol self-assessment ('protocol') are stored like the other reports.
ALTER TABLE reporting_reports DROP CONSTRAINT reporting_reports_kind_check;
ALTER TABLE reporting_reports ADD CONSTRAINT reporting_reports_kind_check CHECK (kind IN ('unroca', 'att', 'wassenaar', 'iafq', 'protocol'));

-- The self-assessment's evidence from licensing (its read contract for reporting, like 0017's views):
-- one row per licence with what Protocol Arts 7, 10 and 15 ask it to carry.
CREATE VIEW reporting_licence_evidence AS
SELECT l.number AS licence_number,
       l.kind AS licence_kind,
       (l.issued_at AT TIME ZONE 'UTC')::date AS on_date,
       l.expires_on,
       COALESCE(l.snapshot->>'placeOfIssue', '') <> '' AS has_place_of_issue,
       COALESCE(l.snapshot->>'exportCountry', '') <> '' AND COALESCE(l.snapshot->>'importCountry', '') <> '' AS has_countries,
       COALESCE(l.snapshot->'finalRecipient'->>'name', '') <> '' AS has_final_recipient,
       jsonb_array_length(COALESCE(l.snapshot->'goods', '[]'::jsonb)) AS goods_lines,
       jsonb_array_length(COALESCE(l.snapshot->'importAuthorizations', '[]'::jsonb))
         + CASE WHEN jsonb_typeof(l.snapshot->'importAuthorization') = 'object' THEN 1 ELSE 0 END AS import_authorizations,
       jsonb_array_length(COALESCE(l.snapshot->'transitCountries', '[]'::jsonb)) AS transit_states,
       (SELECT count(DISTINCT t) FROM jsonb_array_elements_text(COALESCE(l.snapshot->'transitCountries', '[]'::jsonb)) AS t
         WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(l.snapshot->'transitNoObjections', '[]'::jsonb)) AS n WHERE n->>'state' = t)) AS transit_states_no_objection,
       jsonb_array_length(COALESCE(l.snapshot->'brokers', '[]'::jsonb)) AS brokers_named,
       (SELECT count(*) FROM licensing_shipments s WHERE s.licence_id = l.id) AS shipments,
       (SELECT count(*) FROM licensing_shipments s WHERE s.licence_id = l.id AND s.verified_at IS NOT NULL) AS shipments_verified
FROM licensing_licences l;

-- Registered brokers (Protocol Art. 15(1)(a)).
CREATE VIEW reporting_broker_evidence AS
SELECT registration_no, status, valid_from, valid_to, (registered_at AT TIME ZONE 'UTC')::date AS registered_on
FROM licensing_brokers;

-- The self-assessment's evidence from the registry (Arts 7, 8, 11): one row per item with the facts
-- counted, read through this view (the registry's read contract for reporting).
CREATE VIEW reporting_item_evidence AS
SELECT i.id,
       i.kind,
       (i.created_at AT TIME ZONE 'UTC')::date AS registered_on,
       EXISTS (SELECT 1 FROM registry_markings m WHERE m.item_id = i.id AND m.kind = 'manufacture'
               AND (COALESCE(m.serial_number, '') <> '' OR COALESCE(m.alternative_code, '') <> '')) AS has_manufacture_marking,
       EXISTS (SELECT 1 FROM registry_custody_events e WHERE e.item_id = i.id AND e.kind = 'imported') AS imported,
       EXISTS (SELECT 1 FROM registry_markings m WHERE m.item_id = i.id AND m.kind = 'import') AS has_import_marking,
       i.temporary_import_purpose IS NOT NULL AS temporary_import,
       EXISTS (SELECT 1 FROM registry_custody_events e WHERE e.item_id = i.id AND e.kind IN ('reported_lost', 'reported_stolen')) AS reported_lost_stolen
FROM registry_items i;
