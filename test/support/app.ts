import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Role } from '../../src/platform/auth/actor.ts';
import type { AnyModule } from '../../src/platform/module.ts';
import type { Config } from '../../src/platform/config.ts';
import type { Engine } from '../../src/platform/db/types.ts';
import { createTestDeps, type TestDeps } from './deps.ts';
import { insertMachineToken } from './tokens.ts';

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
export async function createTestApp(engine: Engine, config: Partial<Config> = {}, options: { modules?: readonly AnyModule[] } = {}): Promise<TestApp> {
  const deps = await createTestDeps(engine, config);
  const app = await buildApp({ deps, modules: options.modules });
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
      // Far-future expiry: tests move the clock by years (retention, licence expiry).
      const { headers } = await insertMachineToken(deps.db, {
        role,
        organisationId,
        username: `test-${role}-${issued.size + 1}`,
        displayName: `test-${role}`,
        tokenName: 'test harness',
        now: deps.clock.now(),
        expiresAt: new Date('2999-12-31T00:00:00Z'),
      });
      issued.set(key, headers);
      return { ...headers };
    },
    async close() {
      await app.close();
      await deps.close();
    },
  };
}
