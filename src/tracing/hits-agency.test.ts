import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { insertMachineToken } from '../../test/support/tokens.ts';
import { lostStolenReference } from '../exchange/bridge-registry.ts';
import { SYSTEM_ACTOR, type Role } from '../platform/auth/actor.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { uuidv7 } from '../platform/ids.ts';
import { CATALOG, createServices } from '../modules.ts';

/**
 * "A match with an item reported lost or stolen raises a hit: an alert to the agency that made the report"
 * (issue 13). An administrator names the agency an officer works for on their account (a registry party with
 * the state_agency role, audited); the officer then asks for their agency's hits (`mine=true`) and the
 * dashboard's summary counts them apart, the same for hits other States notify on this State's reports.
 */
describeEngines('tracing: hits for the officer’s own agency (accounts name an agency)', (engine) => {
  let t: TestApp;
  let police: string;
  let gendarmerie: string;
  let maker: string;
  let policeEvent: string;

  const call = async (method: 'GET' | 'POST' | 'PATCH', url: string, as: Role | Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: typeof as === 'string' ? await t.headersFor(as) : as, ...(payload === undefined ? {} : { payload: payload as object }) });
  /** An officer's API token, its account naming `agency` (written straight to the table, like the harness's). */
  const officerOf = async (agency: string | null, role: Role = 'tracing_officer') =>
    (await insertMachineToken(t.deps.db, { role, agencyPartyId: agency, username: `officer-${uuidv7().slice(-12)}`, now: t.deps.clock.now(), expiresAt: new Date('2999-01-01T00:00:00Z') })).headers;
  async function expectAuditCurrent(entity: string, id: string) {
    const [last] = await t.deps.db.query<{ state_hash: string }>('SELECT state_hash FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY seq DESC LIMIT 1', [entity, id]);
    const loaded = await CATALOG.auditedEntities.get(entity)!.load(t.deps.db, [id]);
    expect(stateHash(loaded.get(id))).toBe(last.state_hash);
  }
  /** A registry pistol reported stolen to `agency`; returns the report's event id. */
  async function stolenPistol(serial: string, agency: string): Promise<string> {
    const item = await call('POST', '/registry/items', 'registry_clerk', {
      item: { kind: 'firearm', firearmType: 'self_loading_pistol', make: 'Maker', calibre: '9x19mm' },
      markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Maker BV', countryOfManufacture: 'NL', serialNumber: serial }],
      event: { kind: 'manufactured', occurredAt: '2024-01-01T00:00:00Z', toPartyId: maker },
    });
    expect(item.statusCode, item.body).toBe(201);
    const report = await call('POST', `/registry/items/${item.json().id}/events`, 'tracing_officer', { kind: 'reported_stolen', occurredAt: '2025-01-01T00:00:00Z', toPartyId: agency, authorizationRef: `PR-${serial}` });
    expect(report.statusCode, report.body).toBe(201);
    return (report.json().events as { id: string; kind: string }[]).find((e) => e.kind === 'reported_stolen')!.id;
  }
  const recover = (serial: string) =>
    call('POST', '/tracing/recoveries', 'tracing_officer', {
      recoveredOn: '2026-05-01',
      place: { text: 'Harbour' },
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_possession',
      criminalContext: 'none',
      items: [{ kind: 'firearm', type: 'self_loading_pistol', nature: 'industrial', make: 'Maker', calibre: '9x19mm', markings: [{ location: 'frame', state: 'intact', serialAsRead: serial }] }],
    });

  beforeAll(async () => {
    t = await createTestApp(engine);
    const party = async (name: string, roles: string[]) => (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles, name, country: 'NL' })).json().id as string;
    police = await party('National Police', ['state_agency']);
    gendarmerie = await party('Gendarmerie', ['state_agency']);
    maker = await party('Maker BV', ['manufacturer']);
    policeEvent = await stolenPistol('AG-1001', police);
    await stolenPistol('AG-2002', gendarmerie);
    expect((await recover('AG1001')).json().items[0].checkOutcome).toBe('hit');
    expect((await recover('AG2002')).json().items[0].checkOutcome).toBe('hit');
  });
  afterAll(async () => t?.close());

  it('an administrator names an officer’s agency on create and update (audited, checked against the registry); it revokes nothing', async () => {
    const created = await call('POST', '/accounts/users', 'administrator', { username: 'officer.police', displayName: 'Police officer', role: 'tracing_officer', agencyPartyId: police });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json().user;
    expect(user.agencyPartyId).toBe(police);
    await expectAuditCurrent('user', user.id);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'officer.police', password: created.json().oneTimePassword } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } });
    expect(session.json()).toMatchObject({ user: { agencyPartyId: police }, actor: { agencyPartyId: police } });

    const moved = await call('PATCH', `/accounts/users/${user.id}`, 'administrator', { agencyPartyId: gendarmerie, reason: 'transferred to the gendarmerie' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().agencyPartyId).toBe(gendarmerie);
    const [entry] = await t.deps.db.query<{ action: string; reason: string }>("SELECT action, reason FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq DESC LIMIT 1", [user.id]);
    expect(entry).toEqual({ action: 'accounts.user.update', reason: 'transferred to the gendarmerie' });
    await expectAuditCurrent('user', user.id);
    // The session still works: the agency orders what the officer sees first, it grants nothing.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie } })).json().actor.agencyPartyId).toBe(gendarmerie);
    const listed = await call('GET', `/accounts/users?agencyPartyId=${gendarmerie}`, 'auditor');
    expect(listed.json().items.map((u: { username: string }) => u.username)).toEqual(['officer.police']);
    expect((await call('GET', '/accounts/users?username=OFFICER.POLICE', 'auditor')).json().items).toHaveLength(1);

    const cleared = await call('PATCH', `/accounts/users/${user.id}`, 'administrator', { agencyPartyId: null, reason: 'left the service' });
    expect(cleared.json().agencyPartyId).toBeNull();
    await expectAuditCurrent('user', user.id);
    // An update that names nothing new writes nothing.
    const audits = async () => (await t.deps.db.query("SELECT 1 FROM audit_log WHERE entity = 'user' AND entity_id = $1", [user.id])).length;
    const before = await audits();
    expect((await call('PATCH', `/accounts/users/${user.id}`, 'administrator', { agencyPartyId: null, reason: 'again' })).statusCode).toBe(200);
    expect(await audits()).toBe(before);
  });

  it('refuses an agency that is not a current State agency of the registry, and one on an industry account, writing nothing', async () => {
    const users = async () => (await t.deps.db.query('SELECT 1 FROM users')).length;
    const before = await users();
    const codes = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/accounts/users', 'administrator', { username: `x.${uuidv7().slice(-8)}`, displayName: 'X', role: 'tracing_officer', ...body });
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      return res.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
    };
    expect(await codes({ agencyPartyId: uuidv7() })).toEqual(['agencyPartyId:agency.unknown']);
    expect(await codes({ agencyPartyId: maker })).toEqual(['agencyPartyId:agency.not_state_agency']);
    expect(await codes({ role: 'industry', organisationId: maker, agencyPartyId: police })).toEqual(['agencyPartyId:agency.not_allowed']);
    const retired = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['state_agency'], name: 'Old Police', country: 'NL' })).json().id;
    expect((await call('POST', `/registry/parties/${retired}/retire`, 'registry_clerk', { reason: 'merged' })).statusCode).toBe(200);
    expect(await codes({ agencyPartyId: retired })).toEqual(['agencyPartyId:agency.retired']);
    expect(await users()).toBe(before);
    // The service checks what it is given (the CLI calls it directly).
    const accounts = createServices(t.deps).accounts;
    await expect(accounts.createUser(SYSTEM_ACTOR, { username: 'x.service', displayName: 'X', role: 'tracing_officer', agencyPartyId: 'not-a-uuid' })).rejects.toMatchObject({
      errors: [{ field: 'agencyPartyId', code: 'accounts.invalid_format' }],
    });
    // Only administrators manage accounts.
    expect((await call('POST', '/accounts/users', 'tracing_officer', { username: 'x.self', displayName: 'X', role: 'tracing_officer', agencyPartyId: police })).statusCode).toBe(403);
  });

  it('lists the officer’s own agency’s hits (mine=true) and counts them apart; every hit stays visible to all who may read hits', async () => {
    const policeOfficer = await officerOf(police);
    const mine = await call('GET', '/tracing/hits?mine=true', policeOfficer);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((h: { reportingAgency: { id: string } }) => h.reportingAgency.id)).toEqual([police]);
    expect((await call('GET', '/tracing/hits', policeOfficer)).json().items).toHaveLength(2);
    const summary = (await call('GET', '/tracing/hits/summary', policeOfficer)).json();
    expect(summary).toMatchObject({ open: 2, mine: { agency: { id: police, name: 'National Police' }, open: 1, acknowledged: 0 } });

    // An auditor with no agency reads them all; asking for "mine" without an agency is refused, named.
    const auditor = await officerOf(null, 'auditor');
    expect((await call('GET', '/tracing/hits/summary', auditor)).json().mine).toBeNull();
    const refused = await call('GET', '/tracing/hits?mine=true', auditor);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'mine', code: 'hits.no_agency' })]);
    // An agency on the account grants nothing the policy table does not.
    expect((await call('GET', '/tracing/hits?mine=true', await officerOf(police, 'licensing_officer'))).statusCode).toBe(403);
  });

  it('addresses a hit another State notifies to the agency that took this State’s report, and lists it for that agency', async () => {
    const { tracing } = createServices(t.deps);
    const notify = (reportReference: string, serialNumber: string) =>
      tracing.recordHitAbroad(SYSTEM_ACTOR, {
        state: 'XB',
        envelopeId: uuidv7(),
        body: { reportReference, weapon: { kind: 'firearm', make: 'Maker', serialNumber }, matchedOn: ['serialNumber'], recoveryType: 'seized', recoveredOn: '2026-05-02', place: { country: 'XB' }, holdingAuthority: { name: 'XB Customs' } },
      });
    const ours = (await notify(lostStolenReference(t.deps.config.state, policeEvent), 'AG 1001'))!;
    expect(ours.reportingAgencyPartyId).toBe(police);
    // A reference this node did not make names no agency (the member is absent, as before agencies existed).
    const other = (await notify('PR-77', 'AG-1001'))!;
    expect(other).not.toHaveProperty('reportingAgencyPartyId');
    await expectAuditCurrent('tracing_hit_abroad', ours.id);
    await expectAuditCurrent('tracing_hit_abroad', other.id);

    const ids = async (query: string, as: Record<string, string>) => (await call('GET', `/tracing/hits-abroad${query}`, as)).json().items.map((h: { id: string }) => h.id);
    expect(await ids('?mine=true&alertStatus=open', await officerOf(police))).toEqual([ours.id]);
    expect(await ids('?mine=true', await officerOf(gendarmerie))).toEqual([]);
    expect(await ids(`?agencyPartyId=${police}`, await officerOf(null, 'point_of_contact'))).toEqual([ours.id]);
    expect((await ids('', await officerOf(gendarmerie))).sort()).toEqual([ours.id, other.id].sort());

    // The dashboard counts them with the alerts made here, apart: in all, per agency, and for the officer's own.
    const summary = async (as: Record<string, string>) => (await call('GET', '/tracing/hits/summary', as)).json();
    const police_ = await summary(await officerOf(police));
    expect(police_).toMatchObject({ open: 2, abroad: { open: 2, acknowledged: 0 }, mine: { agency: { id: police }, open: 1, abroad: { open: 1, acknowledged: 0 } } });
    expect(police_.byAgency.find((a: { agency: { id: string } | null }) => a.agency === null)).toMatchObject({ open: 0, abroad: { open: 1 } });
    expect((await summary(await officerOf(gendarmerie))).mine).toMatchObject({ open: 1, abroad: { open: 0, acknowledged: 0 } });
  });

  it('lists the hits notified from abroad with those made here (the dashboard’s "See all"): marked, by State and arrival, with the same filters, paging and permission', async () => {
    const { tracing } = createServices(t.deps);
    const eventId = await stolenPistol('AG-3003', police);
    const received = (await tracing.recordHitAbroad(SYSTEM_ACTOR, {
      state: 'XB',
      envelopeId: uuidv7(),
      body: {
        reportReference: lostStolenReference(t.deps.config.state, eventId),
        weapon: { kind: 'firearm', type: 'self_loading_pistol', make: 'Maker', calibre: '9x19mm', serialNumber: 'AG-3003' },
        matchedOn: ['serialNumber', 'make'],
        recoveryType: 'found',
        recoveredOn: '2026-05-03',
        place: { country: 'XB', locode: 'XBPOR', description: 'Port warehouse' },
        holdingAuthority: { name: 'XB Customs', contact: 'Inspector J. Doe', email: 'j.doe@customs.example', phone: '+00 1234' },
        caseReference: 'XB-C-3003',
      },
    }))!;
    type Item = { id: string; origin: 'here' | 'abroad'; reportingAgency: { id: string } | null; alertStatus: string };
    const list = async (query: string, as: Role | Record<string, string>) => {
      const res = await call('GET', `/tracing/hits${query}`, as);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Item[]; nextCursor: string | null };
    };
    const policeOfficer = await officerOf(police);

    // Newest first; marked as from abroad, with the State that notified it and when it arrived.
    const mine = (await list('?mine=true', policeOfficer)).items;
    expect(mine[0]).toEqual({
      origin: 'abroad',
      id: received.id,
      notifyingState: 'XB',
      receivedAt: t.deps.clock.now().toISOString(),
      reportReference: lostStolenReference(t.deps.config.state, eventId),
      reportingAgency: expect.objectContaining({ id: police, name: 'National Police' }),
      alertStatus: 'open',
      recoveredOn: '2026-05-03',
      recoveryType: 'found',
      matchedOn: ['serialNumber', 'make'],
      item: { kind: 'firearm', type: 'self_loading_pistol', make: 'Maker', model: null, calibre: '9x19mm', serialNumber: 'AG-3003' },
      place: { country: 'XB', locode: 'XBPOR', description: 'Port warehouse' },
      // The authority by its name: who answers there stays in the full record (GET /tracing/hits-abroad).
      holdingAuthority: { name: 'XB Customs' },
      caseReference: 'XB-C-3003',
      envelopeId: expect.any(String),
    });
    expect(JSON.stringify(mine)).not.toContain('Doe');
    // The agency's hits of both origins, and no other agency's.
    expect(new Set(mine.map((h) => h.origin))).toEqual(new Set(['here', 'abroad']));
    expect(mine.every((h) => h.reportingAgency?.id === police)).toBe(true);
    expect((await list(`?agencyPartyId=${gendarmerie}`, 'point_of_contact')).items.some((h) => h.id === received.id)).toBe(false);
    expect((await list('?origin=abroad&mine=true', policeOfficer)).items.every((h) => h.origin === 'abroad')).toBe(true);
    expect((await list('?origin=here&mine=true', policeOfficer)).items.map((h) => h.origin)).toEqual(mine.filter((h) => h.origin === 'here').map(() => 'here'));

    // Alert status filters both: acknowledged, it leaves the open alerts.
    expect((await list('?alertStatus=open', 'auditor')).items.map((h) => h.id)).toContain(received.id);
    expect((await call('POST', `/tracing/hits-abroad/${received.id}/acknowledge`, 'tracing_officer')).statusCode).toBe(200);
    expect((await list('?alertStatus=open', 'auditor')).items.map((h) => h.id)).not.toContain(received.id);
    expect((await list('?alertStatus=acknowledged', 'auditor')).items.find((h) => h.id === received.id)).toMatchObject({ origin: 'abroad', alertStatus: 'acknowledged' });

    // Paged one by one, every alert of both kinds comes once, in the same order as one page.
    const all = (await list('?limit=500', 'customs_officer')).items.map((h) => h.id);
    const abroadCount = Number((await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tracing_hits_abroad'))[0].n);
    const hereCount = Number((await t.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM recovery_matches WHERE kind = 'lost_stolen_hit'"))[0].n);
    expect(abroadCount).toBeGreaterThan(1);
    expect(all).toHaveLength(abroadCount + hereCount);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(`?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'customs_officer');
      paged.push(...page.items.map((h) => h.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length <= all.length);
    expect(paged).toEqual(all);

    // Read by whoever may read hits, and by no one else.
    expect((await call('GET', '/tracing/hits', 'licensing_officer')).statusCode).toBe(403);
    expect((await call('GET', '/tracing/hits', 'public')).statusCode).toBe(401);
  });
});
