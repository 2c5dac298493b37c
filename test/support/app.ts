import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { ANONYMOUS_ACTOR, type Actor, type Role } from '../../src/platform/auth/actor.ts';
import type { Config } from '../../src/platform/config.ts';
import type { Engine } from '../../src/platform/db/types.ts';
import { createTestDeps, type TestDeps } from './deps.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: TestDeps;
  /** Request headers that make the request act as a user with `role`. */
  headersFor(role: Role, organisationId?: string | null): Promise<Record<string, string>>;
  close(): Promise<void>;
}

/**
 * Until the accounts module supplies real sessions and tokens, tests act through a resolver given to
 * buildApp in tests only (production never installs it).
 */
const TEST_ACTOR_HEADER = 'x-custodia-test-actor';
async function testResolver(request: FastifyRequest): Promise<Actor> {
  const raw = request.headers[TEST_ACTOR_HEADER];
  if (typeof raw !== 'string') return ANONYMOUS_ACTOR;
  return JSON.parse(raw) as Actor;
}

export async function createTestApp(engine: Engine, config: Partial<Config> = {}): Promise<TestApp> {
  const deps = await createTestDeps(engine, config);
  const app = await buildApp({ deps, resolveActor: testResolver });
  await app.ready();
  return {
    app,
    deps,
    async headersFor(role, organisationId = null) {
      const actor: Actor = { kind: 'user', userId: null, name: `test-${role}`, role, organisationId };
      return { [TEST_ACTOR_HEADER]: JSON.stringify(actor) };
    },
    async close() {
      await app.close();
      await deps.close();
    },
  };
}
