import type { Role } from '../../src/platform/auth/actor.ts';
import type { Queryable } from '../../src/platform/db/types.ts';
import { uuidv7 } from '../../src/platform/ids.ts';
import { newTokenSecret, secretDigest } from '../../src/accounts/model.ts';
import { insertToken, insertUser } from '../../src/accounts/store.ts';

/**
 * A machine account holding one API token, written straight to the accounts tables (no audit entry, no
 * organisation check) for tests and benchmarks that must authenticate exactly as machine clients do.
 */
export async function insertMachineToken(
  db: Queryable,
  opts: { role: Role; organisationId?: string | null; agencyPartyId?: string | null; username: string; displayName?: string; tokenName?: string; now: Date; expiresAt: Date },
): Promise<{ userId: string; tokenId: string; secret: string; headers: Record<string, string> }> {
  const user = await insertUser(db, {
    id: uuidv7(),
    username: opts.username,
    display_name: opts.displayName ?? opts.username,
    role: opts.role,
    organisation_id: opts.organisationId ?? null,
    agency_party_id: opts.agencyPartyId ?? null,
    password_hash: null,
    password_changed_at: null,
    must_change_password: false,
    created_at: opts.now,
    updated_at: opts.now,
  });
  const secret = newTokenSecret();
  const tokenId = uuidv7();
  await insertToken(db, {
    id: tokenId,
    user_id: user.id,
    name: opts.tokenName ?? 'machine client',
    role: opts.role,
    prefix: secret.slice(0, 10),
    secret_hash: secretDigest(secret),
    created_by: null,
    created_at: opts.now,
    expires_at: opts.expiresAt,
  });
  return { userId: user.id, tokenId, secret, headers: { authorization: `Bearer ${secret}` } };
}
