-- Tracing (issue 13 §2): a lost/stolen hit is an alert to the agency that took the report. An officer's
-- account names the agency they work for (a registry party with the state_agency role, set by an
-- administrator), so their dashboard and hit list show that agency's alerts first. Null: no agency.
ALTER TABLE users ADD COLUMN agency_party_id uuid REFERENCES registry_parties (id);
CREATE INDEX users_agency ON users (agency_party_id) WHERE agency_party_id IS NOT NULL;

-- A hit another State notified names this State's report; the agency that took that report (the registry
-- event's recipient) is resolved when the hit arrives, so it reaches the same officers. Null when the
-- report could not be traced to an agency.
ALTER TABLE tracing_hits_abroad ADD COLUMN reporting_agency_party_id uuid REFERENCES registry_parties (id);
CREATE INDEX tracing_hits_abroad_agency ON tracing_hits_abroad (reporting_agency_party_id, alert_status) WHERE reporting_agency_party_id IS NOT NULL;
