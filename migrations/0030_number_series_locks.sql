-- Yearly numbers ("REC-2026-000042", "TRQ-…", disposal certificates): one row per series and year, whose
-- row lock a transaction takes before reading the year's last number and taking the next
-- (src/platform/db/numbering.ts lockYearlyNumber). Two writers of a series at the same moment then take
-- their numbers one after the other. A row lock rather than an advisory lock: it works on every engine
-- Custodia runs on or may move to (ARCHITECTURE: no advisory locks in core paths). The rows hold no record:
-- the numbers themselves stay where they were (each table's own reference column).
CREATE TABLE number_series_locks (
  series text NOT NULL,
  year integer NOT NULL,
  PRIMARY KEY (series, year)
);
