import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Role } from '../../src/platform/auth/actor.ts';
import type { Config } from '../../src/platform/config.ts';
import type { Engine } from '../../src/platform/db/types.ts';
import { uuidv7 } from '../../src/platform/ids.ts';
import { newTokenSecret, secretDigest } from '../../src/accounts/model.ts';
import { insertToken, insertUser } from '../../src/accounts/store.ts';
import { createTestDeps, type TestDeps } from './deps.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: TestDeps;
  /** Request headers that make the request act as a user with `role` (a real API token; `public` sends none). */
  headersFor(role: Role, organisationId?: string | null): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * Tests authenticate exactly as machine clients do in production: the app uses the real resolver,
 * and `headersFor` provisions (once per role and organisation) a machine account holding an API
 * token. The account is written straight to the accounts tables (no audit entry, no organisation
 * check) so that tests counting audit entries or using made-up organisation ids are unaffected.
 */
export async function createTestApp(engine: Engine, config: Partial<Config> = {}): Promise<TestApp> {
  const deps = await createTestDeps(engine, config);
  const app = await buildApp({ deps });
  await app.ready();
  const issued = new Map<string, Record<string, string>>();
  return {
    app,
    deps,
    async headersFor(role, organisationId = null) {
      if (role === 'public') return {};
      const key = `${role}|${organisationId ?? ''}`;
      const cached = issued.get(key);
      if (cached) return { ...cached };
      const now = deps.clock.now();
      const user = await insertUser(deps.db, {
        id: uuidv7(),
        username: `test-${role}-${issued.size + 1}`,
        display_name: `test-${role}`,
        role,
        organisation_id: organisationId,
        password_hash: null,
        password_changed_at: null,
        must_change_password: false,
        created_at: now,
        updated_at: now,
      });
      const secret = newTokenSecret();
      // Far-future expiry: tests move the clock by years (retention, licence expiry).
      await insertToken(deps.db, {
        id: uuidv7(),
        user_id: user.id,
        name: 'test harness',
        role,
        prefix: secret.slice(0, 10),
        secret_hash: secretDigest(secret),
        created_by: null,
        created_at: now,
        expires_at: new Date('2999-12-31T00:00:00Z'),
      });
      const headers = { authorization: `Bearer ${secret}` };
      issued.set(key, headers);
      return { ...headers };
    },
    async close() {
      await app.close();
      await deps.close();
    },
  };
}
