-- Registry: the serial trigram indexes take each new item straight into the index (fastupdate off)
-- instead of a pending list of up to gin_pending_list_limit (4 MB) merged only when full or by autovacuum.
-- Every trigram search reads the whole pending list, and a partial serial searched through its 36 fills
-- reads it 36 times: at 10M items a 3 MB list (12,500 entries, left by 30,000 registrations) made the
-- partial search p50 73 ms / p95 85 ms against 10 / 13 ms with the list empty (BENCHMARKS.md, 2026-12-06).
-- Registering 30,000 items took no longer measurably without it. What a list holds now is merged here.
ALTER INDEX registry_items_serial_trgm SET (fastupdate = off);
ALTER INDEX registry_items_serial_unusual SET (fastupdate = off);
SELECT gin_clean_pending_list('registry_items_serial_trgm'::regclass);
SELECT gin_clean_pending_list('registry_items_serial_unusual'::regclass);
