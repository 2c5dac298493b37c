-- Registry: the serial trigram indexes keep a GIN pending list of at most 128 kB instead of the server's
-- gin_pending_list_limit (4 MB by default), merged into the index when full or by autovacuum. Every trigram
-- search reads the whole pending list, and a partial serial searched through its 36 fills reads it 36
-- times: at 10M items a 3 MB list (12,500 entries, left by 30,000 registrations) made the partial search
-- p50 73 / p95 85 ms against 10 / 13 ms with the list empty; with 128 kB the list never held more than a
-- page and the search ran as with none. It costs a bulk import 12% of its rate on PostgreSQL and 16% on
-- the embedded database; fastupdate off (no list at all) cost 22% (BENCHMARKS.md, "The serial trigram
-- index's pending list").
-- What a list holds now is merged here.
ALTER INDEX registry_items_serial_trgm SET (gin_pending_list_limit = 128);
ALTER INDEX registry_items_serial_unusual SET (gin_pending_list_limit = 128);
SELECT gin_clean_pending_list('registry_items_serial_trgm'::regclass);
SELECT gin_clean_pending_list('registry_items_serial_unusual'::regclass);
