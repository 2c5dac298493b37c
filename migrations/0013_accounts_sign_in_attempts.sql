-- Sign-in attempts are counted before the password is checked (one UPDATE … RETURNING), so guesses sent
-- in parallel cannot all be evaluated. The attempt that reaches the lockout threshold blocks further
-- attempts at once through this column; when its password turns out wrong the lock is recorded in the
-- audited locked_until, and when it is right the block is lifted. Operational state like failed_logins:
-- not part of the user's audited state.
ALTER TABLE users ADD COLUMN sign_in_blocked_until timestamptz;
