import fs from 'node:fs';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POLICIES, ROLES, rolesFor, type Role } from '../src/platform/auth/actor.ts';
import { anonymousResolver, installAccessControl, type RouteRecord } from '../src/platform/http/access.ts';
import { installProblemHandler } from '../src/platform/http/problem-handler.ts';
import { DOC_PATH, renderMatrix, spliceGenerated } from '../src/accounts/security-doc.ts';
import { describeEngines } from './support/engines.ts';
import { createTestApp, type TestApp } from './support/app.ts';

/**
 * Every API route × every role, generated from the route table: a request with real credentials (an
 * API token of a user holding the role; none for the public) either gets past the access gate or is
 * stopped by it exactly as the policy tables say. "Past the gate" is any answer but 401 and the
 * gate's own 403: placeholder ids and empty bodies make most handlers answer 400/404/422, which is
 * fine. Modules added later are covered without editing this file.
 */
const PLACEHOLDER_ID = '01900000-0000-7000-8000-000000000000';
const ORGANISATION = '01900000-0000-7000-8000-000000000001';

function concreteUrl(route: RouteRecord): string {
  return route.url.replace(/:[A-Za-z0-9_]+/g, PLACEHOLDER_ID).replace(/\*$/, 'x');
}

/** The access gate's refusal names the permission; a service's own 403 (a finer rule) does not. */
function isGateRefusal(status: number, body: string, permission: string | undefined): boolean {
  return status === 403 && permission !== undefined && body.includes(`may not ${permission}`);
}

type Outcome = 'allowed' | 'forbidden' | 'unauthenticated';

function expected(route: RouteRecord, role: Role): Outcome {
  if (route.public) return 'allowed';
  if (role === 'public') return 'unauthenticated';
  return (rolesFor(route.permission!) ?? []).includes(role) ? 'allowed' : 'forbidden';
}

describeEngines('authorization matrix', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('declares a known permission or public: true on every API route', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(0);
    for (const route of t.app.routeTable) {
      expect(route.public || (route.permission && rolesFor(route.permission)), `${route.method} ${route.url}`).toBeTruthy();
    }
  });

  it('lets every role through exactly the routes its policy allows, and no one else', async () => {
    const mismatches: string[] = [];
    const serverErrors: string[] = [];
    let requests = 0;
    const headers = new Map<Role, Record<string, string>>();
    for (const role of ROLES) headers.set(role, await t.headersFor(role, role === 'industry' ? ORGANISATION : null));

    for (const route of t.app.routeTable) {
      const url = concreteUrl(route);
      const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      for (const role of ROLES) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url,
          headers: headers.get(role),
          ...(withBody ? { payload: {} } : {}),
        });
        requests++;
        const want = expected(route, role);
        const got: Outcome = res.statusCode === 401 ? 'unauthenticated' : isGateRefusal(res.statusCode, res.body, route.permission) ? 'forbidden' : 'allowed';
        if (got !== want) {
          mismatches.push(`${route.method} ${route.url} as ${role}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
        if (res.statusCode >= 500) serverErrors.push(`${route.method} ${route.url} as ${role}: ${res.statusCode}`);
      }
    }
    // A crash on placeholder input is the owning module's bug, not an authorization failure: reported, not failed.
    if (serverErrors.length) console.warn(`authorization matrix: ${serverErrors.length} server errors on placeholder input:\n${serverErrors.join('\n')}`);
    expect(mismatches).toEqual([]);
    expect(requests).toBe(t.app.routeTable.length * ROLES.length);
  }, 600_000);

  it('is documented as enforced: the generated part of docs/security.md matches the policy tables and routes', () => {
    const doc = fs.readFileSync(DOC_PATH, 'utf8');
    expect(spliceGenerated(doc, renderMatrix(POLICIES, t.app.routeTable)), 'docs/security.md is stale: run npm run docs:security').toBe(doc);
  });

  it('answers 401, not 403, to the anonymous on every protected route, and 401 to a forged token', async () => {
    const protectedRoutes = t.app.routeTable.filter((r) => !r.public);
    expect(protectedRoutes.length).toBeGreaterThan(0);
    for (const route of protectedRoutes.slice(0, 50)) {
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route),
        headers: { authorization: 'Bearer cst_forged-token-value' },
        ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}),
      });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });
});

describe('authorization matrix: declarations', () => {
  it('refuses to build a server with a route that declares neither a permission nor public', async () => {
    const app = Fastify();
    installProblemHandler(app);
    installAccessControl(app, anonymousResolver);
    await expect(
      app.register(async (api) => {
        api.get('/api/v1/undeclared', async () => ({}));
      }),
    ).rejects.toThrow(/declares neither a permission nor public/);
    await app.close().catch(() => undefined);
  });

  it('refuses to start when a route names a permission no policy table declares', async () => {
    const app = Fastify();
    installAccessControl(app, anonymousResolver);
    app.get('/api/v1/ghost', { config: { permission: 'ghost.thing.read' } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow(/no policy table declares/);
  });

  it('names only known roles in every policy table', () => {
    for (const [module, table] of POLICIES) {
      for (const [permission, roles] of Object.entries(table)) {
        for (const role of roles) expect(ROLES, `${module}: ${permission}`).toContain(role);
      }
    }
  });
});
