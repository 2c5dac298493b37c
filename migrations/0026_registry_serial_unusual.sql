-- Partial serial search (registry store-items rankItemsBySerialPattern[s]): a pattern that gives the trigram
-- index at most one trigram ("EJ?33?036") is searched as 36 patterns, its best `?` filled by each letter
-- and digit. Serials holding any other character are found through this small index instead, so the
-- result is exactly the pattern's.
CREATE INDEX registry_items_serial_unusual ON registry_items USING gin (serial_norm gin_trgm_ops) WHERE serial_norm ~ '[^0-9A-Z]';
