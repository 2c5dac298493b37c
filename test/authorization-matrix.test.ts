import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/platform/auth/actor.ts';
import { anonymousResolver, installAccessControl, type RouteRecord } from '../src/platform/http/access.ts';
import { installProblemHandler } from '../src/platform/http/problem-handler.ts';
import { DOC_PATH, renderMatrix, spliceGenerated } from '../src/accounts/security-doc.ts';
import { describeEngines } from './support/engines.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { createRegistryService } from '../src/registry/service.ts';
import { createLicensingService } from '../src/licensing/service.ts';
import { loadNodeKeys } from '../src/platform/crypto/keys.ts';
import { actor as fixtureActor, exportApplication } from '../src/licensing/fixtures.ts';
import { CATALOG, createServices } from '../src/modules.ts';
import { loadScreeningList } from './support/screening-list.ts';

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
  return (CATALOG.rolesFor(route.permission!) ?? []).includes(role) ? 'allowed' : 'forbidden';
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
      expect(route.public || (route.permission && CATALOG.rolesFor(route.permission)), `${route.method} ${route.url}`).toBeTruthy();
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
    expect(spliceGenerated(doc, renderMatrix(CATALOG.policies, t.app.routeTable)), 'docs/security.md is stale: run npm run docs:security').toBe(doc);
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
    installAccessControl(app, anonymousResolver, CATALOG);
    await expect(
      app.register(async (api) => {
        api.get('/api/v1/undeclared', async () => ({}));
      }),
    ).rejects.toThrow(/declares neither a permission nor public/);
    await app.close().catch(() => undefined);
  });

  it('refuses to start when a route names a permission no policy table declares', async () => {
    const app = Fastify();
    installAccessControl(app, anonymousResolver, CATALOG);
    app.get('/api/v1/ghost', { config: { permission: 'ghost.thing.read' } }, async () => ({}));
    await expect(app.ready()).rejects.toThrow(/no policy table declares/);
  });

  it('names only known roles in every policy table', () => {
    for (const [module, table] of CATALOG.policies) {
      for (const [permission, roles] of Object.entries(table)) {
        for (const role of roles) expect(ROLES, `${module}: ${permission}`).toContain(role);
      }
    }
  });
});

/**
 * Organisation isolation (issue 10): organisation A's industry token, sent against organisation B's
 * ids in every path parameter, B's ids in every list filter and, where a route takes one, a body naming
 * B's records, never gets B's data back and never changes a row of B's (B's rows and B's audit entries
 * are compared before and after every request). Generated from the route table like the matrix above,
 * so a new route is probed without editing this test.
 */
describeEngines('authorization matrix: organisation isolation', (engine) => {
  let t: TestApp;
  let keysDir: string;
  const B_NAME = 'Bravo Secret Guns Ltd';
  const B_SERIAL = 'BRAVO-SECRET-0001';
  const B_FILE = 'bravo-secret-contract.txt';
  const B_DECLARATION = 'BRAVO-DECLARATION-77';
  const world = {} as {
    a: { party: string; headers: Record<string, string>; licence: string; item: string };
    b: { party: string; item: string; application: string; reference: string; document: string; licence: string; shipment: string; user: string; username: string; token: string; registration: string };
  };

  beforeAll(async () => {
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-isolation-'));
    t = await createTestApp(engine, { keysDir });
    const deps = t.deps;
    const registry = createRegistryService(deps);
    const licensing = createLicensingService(deps, createServices(deps), { keys: () => loadNodeKeys({ keysDir }) });
    await loadScreeningList(createServices(deps).screening);
    const clerk = fixtureActor('registry_clerk');
    const officer = fixtureActor('licensing_officer');
    const supervisor = fixtureActor('licensing_supervisor');
    const partyA = (await registry.createParty(clerk, { kind: 'organisation', roles: ['exporter'], name: 'Alpha Probe Arms', country: 'ES' })).id;
    const partyB = (await registry.createParty(clerk, { kind: 'organisation', roles: ['exporter'], name: B_NAME, country: 'ES' })).id;
    const registration = await registry.addRegistration(clerk, partyB, { kind: 'dealer_licence', number: 'BRAVO-REG-1', validFrom: '2026-01-01' });
    const rifle = (holder: string, serial: string) =>
      registry.registerItem(clerk, {
        item: { kind: 'firearm', firearmType: 'rifle', make: 'Acme', model: 'M1', calibre: '.308 Win', yearOfManufacture: 2025 },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Acme', countryOfManufacture: 'ES', serialNumber: serial }],
        event: { kind: 'manufactured', occurredAt: '2026-01-10T09:00:00Z', toPartyId: holder },
      });
    const itemA = await rifle(partyA, 'ALPHA-0001');
    const itemB = await rifle(partyB, B_SERIAL);
    const shippedB = await rifle(partyB, 'BRAVO-SECRET-0002');

    /** An import licence (no Art. 10(2) gate to satisfy) issued to `party`, applied for by its own user. */
    async function licenceFor(party: string, name: string, document?: string) {
      const applicant = fixtureActor('industry', party, `${name} clerk`);
      const c = await licensing.submitApplication(
        applicant,
        exportApplication({ kind: 'import', applicant: { partyId: party, name, country: 'ES' }, exportCountry: 'IT', importCountry: 'ES', transit: [], consignee: null, endUser: { name, address: `${name}, 1 Private Road`, country: 'ES' } }),
      );
      const d = document ? await licensing.uploadDocument(applicant, c.id, { kind: 'contract', filename: document, mediaType: 'text/plain', contentBase64: Buffer.from('secret terms').toString('base64') }) : null;
      await licensing.assignOfficer(officer, c.id, { officer: 'Ana' });
      await licensing.recommend(officer, c.id, { outcome: 'issue', reason: 'ok' });
      await licensing.countersign(supervisor, c.id, { agree: true, reason: 'ok' }).catch(() => undefined);
      const l = await licensing.issueLicence(officer, c.id);
      return { application: c.id, reference: c.reference, document: d?.id ?? '', licence: l.number };
    }
    const la = await licenceFor(partyA, 'Alpha Probe Arms');
    const lb = await licenceFor(partyB, B_NAME, B_FILE);
    const shipment = await licensing.recordShipment(fixtureActor('customs_officer'), {
      licenceNumber: lb.licence,
      shippedOn: '2026-06-01',
      exitPoint: 'ESVLC',
      carrier: { name: 'Carrier', country: 'ES' },
      lines: [{ lineNo: 1, quantity: 1 }],
      externalReference: B_DECLARATION,
    });
    await t.headersFor('industry', partyB);
    const [bUser] = await deps.db.query<{ id: string; username: string; token: string }>(
      'SELECT u.id, u.username, k.id AS token FROM users u JOIN api_tokens k ON k.user_id = u.id WHERE u.organisation_id = $1',
      [partyB],
    );
    world.a = { party: partyA, headers: await t.headersFor('industry', partyA), licence: la.licence, item: itemA.id };
    world.b = { party: partyB, item: itemB.id, application: lb.application, reference: lb.reference, document: lb.document, licence: lb.licence, shipment: shipment.id, user: bUser.id, username: bUser.username, token: bUser.token, registration: registration.id };
    void shippedB;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
  });

  /** Everything of B's that A could change: B's rows, and the audit entries about them. */
  async function bState(): Promise<string> {
    const b = world.b;
    const q = (sql: string, params: unknown[]) => t.deps.db.query(sql, params);
    const ids = [b.party, b.item, b.application, b.document, b.shipment, b.user, b.token, b.registration];
    const licence = await q('SELECT id, status, status_reason FROM licensing_licences WHERE number = $1', [b.licence]);
    const licenceId = (licence[0] as { id: string }).id;
    return JSON.stringify({
      party: await q('SELECT version, name, roles, retired_at FROM registry_parties WHERE id = $1', [b.party]),
      registration: await q('SELECT revoked_at FROM registry_registrations WHERE id = $1', [b.registration]),
      items: await q('SELECT id, status, holder_party_id, keeper_party_id, event_count FROM registry_items WHERE holder_party_id = $1 OR manufacturer_party_id = $1 ORDER BY id', [b.party]),
      markings: await q('SELECT count(*)::int AS n FROM registry_markings m JOIN registry_items i ON i.id = m.item_id WHERE i.holder_party_id = $1', [b.party]),
      application: await q('SELECT status, updated_at FROM licensing_applications WHERE organisation_id = $1', [b.party]),
      documents: await q('SELECT count(*)::int AS n FROM licensing_documents WHERE application_id = $1', [b.application]),
      licence,
      lines: await q('SELECT line_no, used FROM licensing_licence_lines WHERE licence_id = $1 ORDER BY line_no', [licenceId]),
      shipments: await q('SELECT id, status, delivered_on FROM licensing_shipments WHERE licence_id = $1 ORDER BY id', [licenceId]),
      user: await q('SELECT role, organisation_id, active, failed_logins, locked_until, updated_at FROM users WHERE id = $1', [b.user]),
      tokens: await q('SELECT id, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id', [b.user]),
      audit: await q('SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1::text[]) OR entity_id = $2', [ids, licenceId]),
    });
  }

  /** B's ids in every path parameter a route names (the param's name and the route's module say which). */
  function urlAgainstB(route: RouteRecord): string {
    const b = world.b;
    return route.url
      .replace(':organisationId', b.party)
      .replace(':registrationId', b.registration)
      .replace(':number', encodeURIComponent(b.licence))
      .replace(/\/(\w[\w-]*)\/:id/g, (_m, collection: string) => {
        const id =
          { items: b.item, parties: b.party, applications: b.application, documents: b.document, shipments: b.shipment, users: b.user, tokens: b.token, entries: b.application }[collection] ??
          PLACEHOLDER_ID;
        return `/${collection}/${id}`;
      })
      .replace(/:[A-Za-z0-9_]+/g, PLACEHOLDER_ID)
      .replace(/\*$/, 'x');
  }

  /** A body naming B's records for the routes an industry user may call; a reason for the rest. */
  function bodyAgainstB(route: RouteRecord): Record<string, unknown> {
    const b = world.b;
    const shipment = { shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' } };
    if (route.url.endsWith('/licensing/shipments')) return { ...shipment, licenceNumber: b.licence, lines: [{ lineNo: 1, quantity: 1, registryItemIds: [b.item] }] };
    if (route.url.endsWith('/licensing/applications')) return exportApplication({ applicant: { partyId: b.party, name: B_NAME, country: 'ES' } }) as Record<string, unknown>;
    if (route.url.endsWith('/documents')) return { kind: 'other', filename: 'probe.txt', mediaType: 'text/plain', contentBase64: Buffer.from('probe').toString('base64') };
    if (route.url.endsWith('/accounts/tokens')) return { name: 'probe', userId: b.user };
    return { reason: 'probe' };
  }

  function leaks(body: string, sent: string): string[] {
    const b = world.b;
    const secrets = [B_NAME, B_SERIAL, B_FILE, B_DECLARATION, b.reference, b.username, b.party, b.item, b.application, b.document, b.licence, b.shipment, b.user, b.token, b.registration];
    // The id the caller sent may come back in "X does not exist or is not visible to you"; nothing else of B's may.
    return secrets.filter((s) => body.includes(s) && !sent.includes(s));
  }

  it("never returns organisation B's data to organisation A, nor changes B's rows, on any route", async () => {
    const problems: string[] = [];
    for (const route of t.app.routeTable) {
      const withBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
      const query = route.method === 'GET' ? `?holderPartyId=${world.b.party}&organisationId=${world.b.party}&userId=${world.b.user}&partyId=${world.b.party}` : '';
      const url = urlAgainstB(route) + query;
      const payload = withBody ? bodyAgainstB(route) : undefined;
      const before = await bState();
      const res = await t.app.inject({ method: route.method as 'GET', url, headers: world.a.headers, ...(payload ? { payload } : {}) });
      const leaked = leaks(res.body, url + JSON.stringify(payload ?? ''));
      if (leaked.length) problems.push(`${route.method} ${route.url}: answered ${res.statusCode} with B's ${leaked.join(', ')}`);
      const namesB = Object.values(world.b).some((id) => (url + JSON.stringify(payload ?? '')).includes(id));
      if (res.statusCode < 300 && withBody && namesB) problems.push(`${route.method} ${route.url}: accepted (${res.statusCode}) a write naming B's records`);
      if ((await bState()) !== before) problems.push(`${route.method} ${route.url}: changed B's rows (${res.statusCode})`);
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it("refuses A's own licence carrying B's firearm (the shipment attack of issue 10), and B's item by id answers like a missing one", async () => {
    const before = await bState();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/licensing/shipments',
      headers: world.a.headers,
      payload: { licenceNumber: world.a.licence, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo: 1, quantity: 1, registryItemIds: [world.b.item] }] },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'lines.0.registryItemIds.0', code: 'shipment.item_not_for_importer' })]);
    expect(await bState()).toBe(before);

    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/registry/items/${world.b.item}`, headers: world.a.headers });
    const missing = await t.app.inject({ method: 'GET', url: `/api/v1/registry/items/${PLACEHOLDER_ID}`, headers: world.a.headers });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().detail.replace(world.b.item, 'ID')).toBe(missing.json().detail.replace(PLACEHOLDER_ID, 'ID'));
    const doc = await t.app.inject({ method: 'GET', url: `/api/v1/licensing/documents/${world.b.document}`, headers: world.a.headers });
    const noDoc = await t.app.inject({ method: 'GET', url: `/api/v1/licensing/documents/${PLACEHOLDER_ID}`, headers: world.a.headers });
    expect(doc.statusCode).toBe(404);
    expect(doc.body).not.toContain(world.b.application);
    expect(doc.json().detail.replace(world.b.document, 'ID')).toBe(noDoc.json().detail.replace(PLACEHOLDER_ID, 'ID'));
  });
});
