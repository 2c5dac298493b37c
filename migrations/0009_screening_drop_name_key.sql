-- Candidate keys are derived from the entries (model.ts entryKeys) and held in memory by the matcher
-- (key-index.ts), which is rebuilt whenever the set of active list versions changes. The table copy
-- of that relation was no longer read, yet every list version would have added ~270,000 rows to it
-- for ever (list versions are never deleted). Nothing in it is a record: the entries and their names
-- stay in screening_entry and screening_entry_name.
DROP TABLE screening_name_key;
