-- Audit: the Merkle tree over audit_log and the signed checkpoints.
--
-- Every complete aligned subtree of level >= 1: node (level, idx) covers leaves
-- [idx * 2^level, (idx + 1) * 2^level). Leaves (level 0) are audit_log.leaf_hash. Nodes are written in
-- the same transaction as the entries that complete them, so any proof is O(log n) keyed lookups.
CREATE TABLE audit_node (
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
  idx bigint NOT NULL CHECK (idx >= 0),
  hash bytea NOT NULL,
  PRIMARY KEY (level, idx)
);

-- A signed checkpoint: Ed25519 over the canonical checkpoint text (origin, size, root, time), by the
-- node key named by kid. Not audited themselves: they are the log's own signed heads, and an entry per
-- checkpoint would make every checkpoint stale the moment it was written.
CREATE TABLE audit_checkpoint (
  id uuid PRIMARY KEY,
  origin text NOT NULL,
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash bytea NOT NULL,
  at timestamptz NOT NULL,
  kid text NOT NULL,
  signature bytea NOT NULL
);
CREATE INDEX audit_checkpoint_size ON audit_checkpoint (tree_size, at);
