-- State-to-State exchange (issue 14, docs/exchange.md): the peers this node trusts, the durable outbox
-- of envelopes it sends, and the inbox of every envelope it accepted, kept exactly as received.

-- A peer is another State's node. Its pins (every Ed25519 key ever pinned, none removed) and its X25519
-- encryption key (verified through its binding to a pinned key) are JSON because they are read and
-- written whole by the rules of src/exchange/model.ts and pins.ts.
CREATE TABLE exchange_peer (
  state text PRIMARY KEY CHECK (state ~ '^[A-Z]{2}$'),
  base_url text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'suspended')),
  status_reason text,
  pins jsonb NOT NULL,
  allowed_types text[] NOT NULL,
  encryption_key jsonb,
  enrolled_fingerprint text NOT NULL,
  enrolled_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- The outbox holds the signed bytes: a retry resends them, never re-signs (docs/exchange.md §7.1).
-- attempts, next_attempt_at, lease_until, last_attempt_at and last_error are operational state of the
-- sender loop, not part of the audited record (only creation, delivery and dead-lettering are audited).
CREATE TABLE exchange_outbox (
  id uuid PRIMARY KEY,
  peer_state text NOT NULL REFERENCES exchange_peer (state),
  type text NOT NULL,
  in_reply_to uuid,
  ordered boolean NOT NULL,
  token text NOT NULL,
  sha256 text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until timestamptz,
  last_attempt_at timestamptz,
  last_error text,
  delivered_at timestamptz,
  ack_token text,
  dead_at timestamptz,
  dead_reason text
);
CREATE INDEX exchange_outbox_due ON exchange_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX exchange_outbox_ordered_pending ON exchange_outbox (peer_state, id) WHERE status = 'pending' AND ordered;
CREATE INDEX exchange_outbox_status ON exchange_outbox (status, id);

-- Accepted envelopes, keyed by (from, id) as the replay rule says; token is the compact JWS as received
-- (for a relayed envelope, the JWS inside the JWE, which is kept too). effect says what the envelope did:
-- none (control messages), applied (recorded on local records), queued (waits for an officer's answer),
-- answered (the answer is in the outbox).
CREATE TABLE exchange_inbox (
  id uuid PRIMARY KEY,
  from_state text NOT NULL,
  envelope_id uuid NOT NULL,
  type text NOT NULL,
  in_reply_to uuid,
  kid text NOT NULL,
  token text NOT NULL,
  sha256 text NOT NULL,
  relayed_as text,
  envelope jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  effect text NOT NULL CHECK (effect IN ('none', 'applied', 'queued', 'answered')),
  effect_detail jsonb,
  answer_id uuid,
  UNIQUE (from_state, envelope_id)
);
CREATE INDEX exchange_inbox_queue ON exchange_inbox (received_at, id) WHERE effect = 'queued';
CREATE INDEX exchange_inbox_reply ON exchange_inbox (in_reply_to) WHERE in_reply_to IS NOT NULL;
