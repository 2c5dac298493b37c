-- Tracing: the next recovery reference (REC-<year>-NNNNNN) is the year's highest number plus one
-- (src/tracing/store.ts lastReferenceNumber). Read from this index's last entry for the year instead of
-- reading every case of the year: year, then length (a seven-digit number follows every six-digit one),
-- then the reference in byte order (digits compare as numbers whatever the database's collation).
CREATE INDEX recovery_cases_reference_number ON recovery_cases (substring(reference FROM 5 FOR 4), length(reference), (reference COLLATE "C"));
