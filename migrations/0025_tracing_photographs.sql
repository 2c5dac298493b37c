-- Tracing (issue 13 §1): photographs of recovered items, the evidence ISACS 05.31 lists among a traced
-- weapon's fields. The bytes are kept in the database with their SHA-256 (what a tracing request cites, so
-- the receiving State can check the images sent alongside). Nothing is deleted: a photograph taken in error
-- is withdrawn with a reason and kept.
CREATE TABLE recovered_item_photographs (
  id uuid PRIMARY KEY,
  recovered_item_id uuid NOT NULL REFERENCES recovered_items (id),
  -- image/jpeg | image/png | image/webp, as the bytes' signature says (never the file name).
  media_type text NOT NULL,
  size_bytes integer NOT NULL,
  -- Lower-case hex SHA-256 of content.
  sha256 text NOT NULL,
  content bytea NOT NULL,
  caption text,
  -- The name the file had on the uploader's machine, kept as evidence of where it came from.
  file_name text,
  uploaded_at timestamptz NOT NULL,
  uploaded_by text NOT NULL,
  withdrawn_at timestamptz,
  withdrawn_by text,
  withdrawal_reason text
);
CREATE INDEX recovered_item_photographs_item ON recovered_item_photographs (recovered_item_id, uploaded_at, id);
