import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { doc, EXPORTER_ORG, exportApplication, IMPORT_AUTHORIZATION, OTHER_ORG } from './fixtures.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/sanctions');

/**
 * Issue 17: a case with a screening hit is no dead end. The case shows each hit beside the listed entry,
 * an officer decides it from the case (through the screening service), the issue gate reads the decision
 * wherever it was made, and a list update's alert shows on the case it concerns. Industry sees none of it.
 */
describeEngines('licensing: screening hits on the case', (engine) => {
  let t: TestApp;
  let keysDir: string;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-case-hits-'));
    t = await createTestApp(engine, { keysDir });
    h.admin = await t.headersFor('administrator');
    h.industry = await t.headersFor('industry', EXPORTER_ORG);
    h.other = await t.headersFor('industry', OTHER_ORG);
    h.officer = await t.headersFor('licensing_officer');
    h.supervisor = await t.headersFor('licensing_supervisor');
    h.auditor = await t.headersFor('auditor');
    h.poc = await t.headersFor('point_of_contact');
    const list = await t.app.inject({
      method: 'POST',
      url: '/api/v1/screening/lists?fileName=un_case_hits_2026-05-01.xml',
      headers: { ...h.admin, 'content-type': 'application/xml' },
      payload: fs.readFileSync(path.join(FIXTURES, 'un_case_hits_2026-05-01.xml')),
    });
    expect(list.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

  /** Submitted by industry, evidence recorded, recommended for issue and countersigned. */
  async function readyCase(over: Parameters<typeof exportApplication>[0]) {
    const c = await post('/licensing/applications', h.industry, exportApplication(over));
    expect(c.statusCode).toBe(201);
    const id = c.json().id as string;
    await post(`/licensing/applications/${id}/assignment`, h.officer, { officer: 'Ana' });
    const d1 = await post(`/licensing/applications/${id}/documents`, h.officer, doc('import_authorization', 'KE licence'));
    await post(`/licensing/applications/${id}/import-authorizations`, h.officer, { ...IMPORT_AUTHORIZATION, documentId: d1.json().id });
    const d2 = await post(`/licensing/applications/${id}/documents`, h.officer, doc('transit_no_objection', 'TZ'));
    await post(`/licensing/applications/${id}/transit-no-objections`, h.officer, { state: 'TZ', reference: 'TZ-1', noticeDate: '2026-05-30', documentId: d2.json().id });
    expect((await post(`/licensing/applications/${id}/recommendation`, h.officer, { outcome: 'issue', reason: 'End use verified' })).statusCode).toBe(200);
    expect((await post(`/licensing/applications/${id}/countersignature`, h.supervisor, { agree: true, reason: 'Agree' })).json().status).toBe('countersigned');
    return id;
  }

  it('shows the hit beside the listed entry, refuses issue with a code (no run id), and issues once an officer decides it a false positive from the case', async () => {
    const id = await readyCase({ endUser: { name: 'Ivor Maksim Dragomir', address: 'Nyali Road, Mombasa', country: 'KE' } });

    const panel = await get(`/licensing/applications/${id}/screening`, h.officer);
    expect(panel.statusCode).toBe(200);
    expect(panel.json().openHits).toBe(1);
    const endUser = panel.json().parties.find((p: { role: string }) => p.role === 'end_user');
    expect(endUser.party).toEqual({ name: 'Ivor Maksim Dragomir', address: 'Nyali Road, Mombasa', country: 'KE' });
    expect(endUser.hits).toHaveLength(1);
    const hit = endUser.hits[0];
    expect(hit).toMatchObject({ needsDecision: true, decision: null, status: 'open', listVersion: { source: 'un', publishedOn: '2026-05-01', status: 'active' } });
    expect(hit.entry).toMatchObject({
      kind: 'individual',
      primaryName: 'IVOR MAKSIM DRAGOMIR',
      referenceNumber: 'XXi.001',
      programmes: ['XX'],
      nationalities: ['Kenya'],
      birthDates: [expect.stringContaining('1971-03-14')],
      documents: [expect.objectContaining({ type: 'Passport', number: 'AK0042917' })],
    });
    expect(hit.entry.names.map((n: { name: string }) => n.name)).toContain('Ivo DRAGOMIR');
    // The other parties were screened too and are clear.
    expect(panel.json().parties.find((p: { role: string }) => p.role === 'applicant').hits).toEqual([]);

    const refused = await post(`/licensing/applications/${id}/licence`, h.officer, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'screening.end_user', code: 'screening.open_hits' })]);
    expect(refused.body).not.toMatch(/run [0-9a-f]{8}-/);
    expect(refused.body).not.toContain(panel.json().parties[0].hits[0]?.id ?? 'no-such-id');

    // A reason is required, by the screening module's own rule; nothing is written without it.
    const noReason = await post(`/licensing/applications/${id}/screening/hits/${hit.id}/decision`, h.officer, { decision: 'false_positive', reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toMatchObject({ field: 'reason' });
    // Only officers decide; a hit that is not this case's is not found here.
    expect((await post(`/licensing/applications/${id}/screening/hits/${hit.id}/decision`, h.industry, { decision: 'false_positive', reason: 'not them' })).statusCode).toBe(403);
    expect((await post(`/licensing/applications/${id}/screening/hits/${hit.id}/decision`, h.auditor, { decision: 'false_positive', reason: 'not them' })).statusCode).toBe(403);

    const decided = await post(`/licensing/applications/${id}/screening/hits/${hit.id}/decision`, h.officer, {
      decision: 'false_positive',
      reason: 'Different person: the end user was born in 1985 (passport KE-B7781230 seen).',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().openHits).toBe(0);
    const after = decided.json().parties.find((p: { role: string }) => p.role === 'end_user').hits[0];
    expect(after).toMatchObject({ needsDecision: false, decision: { decision: 'false_positive', reason: expect.stringContaining('born in 1985'), decidedBy: expect.any(String) } });

    const history = (await get(`/licensing/applications/${id}`, h.officer)).json().decisions;
    expect(history.find((d: { kind: string }) => d.kind === 'screening_decision')).toMatchObject({ reason: expect.stringContaining('born in 1985'), data: expect.objectContaining({ decision: 'false_positive', role: 'end_user' }) });
    const audit = (await get(`/audit/entries?limit=50`, h.admin)).json();
    const actions = (audit.items ?? audit).map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['screening.decision.false_positive', 'screening.hit.decide', 'licensing.decision.screening_decision']));

    const issued = await post(`/licensing/applications/${id}/licence`, h.officer, {});
    expect(issued.statusCode).toBe(201);
    // The licence's history credits the officer who issued it, not the automatic screening (issue 17).
    expect(issued.json().events).toEqual([expect.objectContaining({ toStatus: 'issued', actorName: expect.stringMatching(/^test-licensing_officer-\d+\b/) })]);
  });

  it('counts a decision made on the screening pages, and a true match keeps the case from issue with its own code', async () => {
    const id = await readyCase({ endUser: { name: 'Blue Harbour Logistics FZE', address: 'Port Reitz, Mombasa', country: 'KE' } });
    const hit = (await get(`/licensing/applications/${id}/screening`, h.officer)).json().parties.find((p: { role: string }) => p.role === 'end_user').hits[0];
    expect(hit.entry).toMatchObject({ kind: 'entity', primaryName: 'BLUE HARBOUR LOGISTICS FZE', referenceNumber: 'XXe.001' });

    // Decided through the screening module's own route (as the screening pages do).
    expect((await post(`/screening/hits/${hit.id}/decision`, h.officer, { decision: 'true_match', reason: 'Same company: trade licence number matches the listing.' })).statusCode).toBe(201);
    const panel = (await get(`/licensing/applications/${id}/screening`, h.officer)).json();
    expect(panel).toMatchObject({ openHits: 0, trueMatches: 1 });
    const refused = await post(`/licensing/applications/${id}/licence`, h.officer, {});
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'screening.end_user', code: 'screening.true_match' })]);

    // The officer may change the decision with a reason; the latest applies.
    await post(`/licensing/applications/${id}/screening/hits/${hit.id}/decision`, h.supervisor, { decision: 'false_positive', reason: 'Registry check: a different company with a similar name.' });
    expect((await post(`/licensing/applications/${id}/licence`, h.officer, {})).statusCode).toBe(201);
  });

  it('keeps hits and listed entries from industry users (own organisation and another) and from roles without screening results', async () => {
    const id = (await post('/licensing/applications', h.industry, exportApplication({ endUser: { name: 'Blue Harbour Logistics FZE', country: 'KE' } }))).json().id as string;
    const own = await get(`/licensing/applications/${id}/screening`, h.industry);
    expect(own.statusCode).toBe(403);
    expect(own.body).not.toContain('XXe.001');
    expect((await get(`/licensing/applications/${id}/screening`, h.other)).statusCode).toBe(403);
    expect((await get(`/licensing/applications/${id}/screening`, h.poc)).statusCode).toBe(403);
    expect((await get(`/licensing/applications/${id}/screening`, h.auditor)).statusCode).toBe(200);
    // The case itself, as industry reads it, carries no screening data.
    const c = await get(`/licensing/applications/${id}`, h.industry);
    expect(c.statusCode).toBe(200);
    expect(c.body).not.toContain('openHits');
    expect(c.body).not.toContain('XXe.001');
  });

  it("shows a list update's re-screening alert on the case it concerns", async () => {
    const id = (await post('/licensing/applications', h.industry, exportApplication())).json().id as string;
    expect((await get(`/licensing/applications/${id}/screening`, h.officer)).json().openHits).toBe(0);
    const update = await t.app.inject({
      method: 'POST',
      url: '/api/v1/screening/lists?fileName=un_case_hits_2026-06-15.xml',
      headers: { ...h.admin, 'content-type': 'application/xml' },
      payload: fs.readFileSync(path.join(FIXTURES, 'un_case_hits_2026-06-15.xml')),
    });
    expect(update.statusCode).toBe(201);
    expect(update.json().rescreen.newAlerts).toBeGreaterThan(0);
    const panel = (await get(`/licensing/applications/${id}/screening`, h.officer)).json();
    const consignee = panel.parties.find((p: { role: string }) => p.role === 'consignee');
    expect(consignee.purpose).toBe('rescreen');
    expect(consignee.hits).toEqual([expect.objectContaining({ needsDecision: true, listVersion: expect.objectContaining({ publishedOn: '2026-06-15' }), entry: expect.objectContaining({ referenceNumber: 'XXe.002' }) })]);
    expect(consignee.alerts).toEqual([expect.objectContaining({ status: 'open', hitId: consignee.hits[0].id })]);
    expect(panel.openHits).toBe(1);
  });
});
