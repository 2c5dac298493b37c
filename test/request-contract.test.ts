import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Role } from '../src/platform/auth/actor.ts';
import type { RouteRecord } from '../src/platform/http/access.ts';
import { exportApplication } from '../src/licensing/fixtures.ts';
import { describeEngines } from './support/engines.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { CATALOG } from '../src/modules.ts';

/**
 * The contract every module's HTTP API keeps (issue 10 part 5), checked on the route table so a new route
 * is covered without editing this file: a JSON member a route does not take is refused, naming it (never
 * silently dropped); an update that changes nothing writes and audits nothing; the OpenAPI document says
 * per operation whether it needs credentials.
 */
const PLACEHOLDER_ID = '01900000-0000-7000-8000-000000000000';
const AUTHENTICATED = [{ session: [] }, { token: [] }];

type Operation = { security?: unknown; requestBody?: { content?: Record<string, { schema?: { type?: string; additionalProperties?: unknown } }> } };
type Spec = { security?: unknown; paths: Record<string, Record<string, Operation>> };

const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

describeEngines('request contract', (engine) => {
  let t: TestApp;
  let spec: Spec;
  const auditCount = async () => (await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;
  const as = (role: Role) => t.headersFor(role);
  const operation = (route: RouteRecord) => spec.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];

  beforeAll(async () => {
    t = await createTestApp(engine);
    spec = t.app.swagger() as unknown as Spec;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a member the route does not take on every route with a JSON object body, naming it, and documents additionalProperties: false', async () => {
    const probed: string[] = [];
    const wrong: string[] = [];
    for (const route of t.app.routeTable) {
      if (!['POST', 'PUT', 'PATCH'].includes(route.method)) continue;
      const schema = operation(route)?.requestBody?.content?.['application/json']?.schema;
      if (schema?.type !== 'object') continue;
      probed.push(`${route.method} ${route.url}`);
      if (schema.additionalProperties !== false) wrong.push(`${route.method} ${route.url}: the OpenAPI body allows other members`);
      const roles = route.public ? [] : (CATALOG.rolesFor(route.permission!) ?? []);
      const headers = route.public ? {} : await as(roles.includes('administrator') ? 'administrator' : roles[0]);
      const res = await t.app.inject({ method: route.method as 'POST', url: route.url.replace(/:[A-Za-z0-9_]+/g, PLACEHOLDER_ID), headers, payload: { unknownProbeMember: 1 } });
      const named = res.statusCode === 400 && (res.json().errors ?? []).some((e: { field: string; code: string }) => e.field === 'unknownProbeMember' && e.code === 'body.unrecognized_keys');
      if (!named) wrong.push(`${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    }
    expect(wrong).toEqual([]);
    expect(probed.length).toBeGreaterThan(40);
  }, 120_000);

  it('refuses {"rolle": …} on PATCH /accounts/users/{id} naming the member, and writes nothing (the case issue 10 found)', async () => {
    const admin = await as('administrator');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/accounts/users', headers: admin, payload: { username: 'clerk.rolle', displayName: 'Clerk', role: 'registry_clerk' } });
    expect(created.statusCode).toBe(201);
    const id = created.json().user.id as string;
    const before = await auditCount();
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/users/${id}`, headers: admin, payload: { rolle: 'auditor', reason: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([{ field: 'rolle', code: 'body.unrecognized_keys', message: 'Unknown member "rolle": this request does not take it.' }]);
    expect(await auditCount()).toBe(before);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/accounts/users/${id}`, headers: admin })).json().role).toBe('registry_clerk');
  });

  it('names an unknown member where it was sent, inside an array element', async () => {
    const app = exportApplication() as Record<string, unknown> & { goods: Record<string, unknown>[] };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/licensing/applications',
      headers: await as('licensing_officer'),
      payload: { ...app, goods: [{ ...app.goods[0], colour: 'black' }, app.goods[1]] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'goods.0.colour', code: 'body.unrecognized_keys' })]);
  });

  it('audits no update that changes nothing: user, party, broker status, unlock', async () => {
    const admin = await as('administrator');
    const user = (await t.app.inject({ method: 'POST', url: '/api/v1/accounts/users', headers: admin, payload: { username: 'clerk.same', displayName: 'Same Name', role: 'registry_clerk' } })).json().user;
    let before = await auditCount();
    const same = await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/users/${user.id}`, headers: admin, payload: { displayName: 'Same Name', role: 'registry_clerk', reason: 'no change' } });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toMatchObject({ displayName: 'Same Name', role: 'registry_clerk' });
    expect(await auditCount()).toBe(before);
    const unlock = await t.app.inject({ method: 'POST', url: `/api/v1/accounts/users/${user.id}/unlock`, headers: admin, payload: { reason: 'nothing to lift' } });
    expect(unlock.statusCode).toBe(200);
    expect(await auditCount()).toBe(before);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/accounts/users/${user.id}`, headers: admin, payload: { displayName: 'Other Name', reason: 'renamed' } });
    expect(await auditCount()).toBe(before + 1);

    const clerk = await as('registry_clerk');
    const party = (await t.app.inject({ method: 'POST', url: '/api/v1/registry/parties', headers: clerk, payload: { kind: 'organisation', roles: ['dealer', 'exporter'], name: 'Same Arms', country: 'ES' } })).json();
    before = await auditCount();
    const put = (body: object) => t.app.inject({ method: 'PUT', url: `/api/v1/registry/parties/${party.id}`, headers: clerk, payload: body });
    const unchanged = await put({ roles: ['exporter', 'dealer'], name: 'Same Arms', country: 'ES', reason: 'no change' });
    expect(unchanged.statusCode).toBe(200);
    expect(unchanged.json().version).toBe(party.version);
    expect(await auditCount()).toBe(before);
    expect((await put({ roles: ['dealer'], name: 'Same Arms', country: 'ES' })).json().version).toBe(party.version + 1);
    expect(await auditCount()).toBe(before + 1);

    const officer = await as('licensing_officer');
    const broker = (await t.app.inject({ method: 'POST', url: '/api/v1/licensing/brokers', headers: officer, payload: { name: 'Same Broker', registrationNo: 'SAME-1', country: 'ES', location: 'Madrid', validFrom: '2026-01-01', validTo: '2027-01-01' } })).json();
    before = await auditCount();
    const active = await t.app.inject({ method: 'POST', url: `/api/v1/licensing/brokers/${broker.id}/status`, headers: officer, payload: { status: 'active', reason: 'still active' } });
    expect(active.json().status).toBe('active');
    expect(await auditCount()).toBe(before);
  });

  it('declares per operation in the OpenAPI document whether it needs a session or token, from the route table', () => {
    expect(spec.security).toBeUndefined();
    const wrong: string[] = [];
    for (const route of t.app.routeTable) {
      const op = operation(route);
      if (!op) continue; // hidden from the document
      const want = route.public ? [] : AUTHENTICATED;
      if (JSON.stringify(op.security) !== JSON.stringify(want)) wrong.push(`${route.method} ${route.url}: ${JSON.stringify(op.security)}`);
    }
    expect(wrong).toEqual([]);
    expect(spec.paths['/api/v1/public/licences/{number}/verification'].get.security).toEqual([]);
    expect(spec.paths['/api/v1/licensing/shipments'].post.security).toEqual(AUTHENTICATED);
    expect(spec.paths['/.well-known/jwks.json'].get.security).toEqual([]);
  });
});
