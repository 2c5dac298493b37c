-- Accounts: users, browser sessions and API tokens. Nothing is deleted: users are deactivated,
-- sessions and tokens revoked, each with a reason. Secrets are stored only as SHA-256 digests
-- (sessions, tokens: high-entropy random values) or argon2id hashes (passwords).
CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  display_name text NOT NULL,
  role text NOT NULL,
  -- Industry users act for one organisation: the id of its party in the registry.
  organisation_id uuid,
  -- NULL for machine accounts, which authenticate only with API tokens.
  password_hash text,
  password_changed_at timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  deactivated_at timestamptz,
  deactivation_reason text,
  -- Consecutive failed sign-ins since the last success (bookkeeping, not audited state).
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_organisation ON users (organisation_id) WHERE organisation_id IS NOT NULL;

CREATE TABLE sessions (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  secret_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- Idle timeout is measured from here; refreshed at most once a minute (not audited state).
  last_seen_at timestamptz NOT NULL,
  ip text,
  user_agent text,
  revoked_at timestamptz,
  revoke_reason text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE revoked_at IS NULL;

CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id),
  name text NOT NULL,
  role text NOT NULL,
  -- First characters of the secret, shown in lists so a holder can tell tokens apart.
  prefix text NOT NULL,
  secret_hash text NOT NULL UNIQUE,
  created_by uuid,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoke_reason text
);
CREATE INDEX api_tokens_user ON api_tokens (user_id) WHERE revoked_at IS NULL;
