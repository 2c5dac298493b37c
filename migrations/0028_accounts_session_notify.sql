-- Every server process now also caches the browser sessions it has resolved (src/accounts/token-cache.ts).
-- Any change to a session's owner, secret, expiry or revocation (sign-out, a password change or reset,
-- deactivation, plain SQL) is announced on the channel custodia_auth when its transaction commits, as
-- migration 0010 does for API tokens and users, so every process forgets what it cached.
-- (touchSession's last_seen_at update is not announced: a process never refuses a cached session as idle
-- without reading it again.)
CREATE TRIGGER sessions_auth_change
  AFTER UPDATE OF user_id, secret_hash, expires_at, revoked_at OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION accounts_announce_auth_change();
