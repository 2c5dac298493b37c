-- Every server process caches the API tokens it has resolved (src/accounts/token-cache.ts). Any change to
-- a token's owner, role, secret, expiry or revocation, and any change to a user (deactivation, role,
-- organisation, lock), is announced on the channel custodia_auth when its transaction commits, so every
-- process forgets what it cached, whichever process or tool made the change, even plain SQL.
-- (touchToken's last_used_at update is not announced: it changes nothing a request is allowed to do.)
CREATE FUNCTION accounts_announce_auth_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('custodia_auth', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER api_tokens_auth_change
  AFTER UPDATE OF user_id, role, secret_hash, expires_at, revoked_at OR DELETE OR TRUNCATE ON api_tokens
  FOR EACH STATEMENT EXECUTE FUNCTION accounts_announce_auth_change();

CREATE TRIGGER users_auth_change
  AFTER UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION accounts_announce_auth_change();
