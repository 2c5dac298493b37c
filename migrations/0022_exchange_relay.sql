-- Relaying (docs/exchange.md §4, §13.8): a node delivers to a peer it cannot reach through another peer's
-- node, encrypted to the recipient so the relay reads only the routing; a relay keeps what it carried.

-- Deliver to this peer through that peer's node (null: directly to its base URL).
ALTER TABLE exchange_peer ADD COLUMN relay_via text;
-- This peer may hand this node envelopes for other peers to carry.
ALTER TABLE exchange_peer ADD COLUMN relay_allowed boolean NOT NULL DEFAULT false;

-- What this node carried for others, by (from, id) as the routing names it: the relay's own delivery record.
-- It holds the routing and the SHA-256 of the encrypted bytes, never their content (it cannot read it).
CREATE TABLE exchange_relayed (
  from_state text NOT NULL,
  envelope_id uuid NOT NULL,
  to_state text NOT NULL,
  expires_at timestamptz NOT NULL,
  first_sha256 text NOT NULL,
  first_forwarded_at timestamptz NOT NULL,
  -- Operational state of later attempts (not audited, like the outbox's attempts).
  forwards integer NOT NULL,
  last_forwarded_at timestamptz NOT NULL,
  last_status integer NOT NULL,
  PRIMARY KEY (from_state, envelope_id)
);
