import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';

const DATA = resolve(import.meta.dirname, '../../test/fixtures/sanctions');

describeEngines('screening HTTP API', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('uploads a list file, screens a name and records a decision', async () => {
    const admin = await t.headersFor('administrator');
    const officer = await t.headersFor('licensing_officer');
    const bad = await t.app.inject({ method: 'POST', url: '/api/v1/screening/lists', headers: { ...admin, 'content-type': 'application/xml' }, payload: '<CONSOLIDATED_LIST dateGenerated="2026-01-01"><INDIVIDUALS>' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json().errors[0]).toMatchObject({ field: 'file', code: 'screening.list_malformed' });

    const forbidden = await t.app.inject({ method: 'POST', url: '/api/v1/screening/lists', headers: { ...officer, 'content-type': 'application/xml' }, payload: '<x/>' });
    expect(forbidden.statusCode).toBe(403);

    const file = readFileSync(resolve(DATA, 'ofac_consolidated_non_sdn.xml'));
    const up = await t.app.inject({ method: 'POST', url: '/api/v1/screening/lists?fileName=ofac_consolidated_non_sdn.xml', headers: { ...admin, 'content-type': 'application/xml' }, payload: file });
    expect(up.statusCode).toBe(201);
    expect(up.json().version).toMatchObject({ source: 'ofac_non_sdn', publishedOn: '2018-04-06', entryCount: (file.toString('utf8').match(/<sdnEntry>/g) ?? []).length, status: 'active' });

    const lists = await t.app.inject({ method: 'GET', url: '/api/v1/screening/lists', headers: officer });
    expect(lists.json().items).toHaveLength(1);

    const screened = await t.app.inject({ method: 'POST', url: '/api/v1/screening/screen', headers: officer, payload: { name: 'Central Bank of Iran', kind: 'organisation', country: 'IR' } });
    expect(screened.statusCode).toBe(200);
    const body = screened.json();
    expect(body.listVersions[0]).toMatchObject({ source: 'ofac_non_sdn', publishedOn: '2018-04-06' });
    expect(body.hits[0].entryName).toBe('BANK MARKAZI JOMHOURI ISLAMI IRAN');
    expect(body.hits[0].explanation.matchedName).toBe('CENTRAL BANK OF IRAN');

    const invalid = await t.app.inject({ method: 'POST', url: '/api/v1/screening/screen', headers: officer, payload: { name: '', country: 'XX' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['country', 'name']);

    const parties = await t.app.inject({ method: 'POST', url: '/api/v1/screening/parties/screen', headers: officer, payload: { parties: [{ partyRef: 'p-1', name: 'Bank Maskan', kind: 'organisation' }] } });
    expect(parties.statusCode).toBe(200);
    const hit = parties.json().results[0].hits[0];
    const decided = await t.app.inject({ method: 'POST', url: `/api/v1/screening/hits/${hit.id}/decision`, headers: officer, payload: { decision: 'true_match', reason: 'Same bank, same address in Tehran' } });
    expect(decided.statusCode).toBe(201);
    const run = await t.app.inject({ method: 'GET', url: `/api/v1/screening/runs/${hit.runId ?? parties.json().results[0].runId}`, headers: officer });
    expect(run.json().hits[0].status).toBe('decided');

    const industry = await t.headersFor('industry', null);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/screening/screen', headers: industry, payload: { name: 'x' } })).statusCode).toBe(403);
    const alerts = await t.app.inject({ method: 'GET', url: '/api/v1/screening/alerts?status=open', headers: officer });
    expect(alerts.statusCode).toBe(200);
  }, 180_000);

  it('refuses a list in another encoding than the one it declares with the line, and imports it with ?encoding=', async () => {
    const admin = await t.headersFor('administrator');
    // The real list re-saved in Latin-1 (what Latin-1 cannot hold becomes "?"), with an accent added to a name.
    const xml = readFileSync(resolve(DATA, 'un_consolidated_list_2024-09-26.xml'), 'utf8').replace('<FIRST_NAME>ERIC</FIRST_NAME>', '<FIRST_NAME>ÉRIC</FIRST_NAME>').replace(/[^\x00-\xff]/g, '?');
    const latin1 = Buffer.from(xml, 'latin1');
    const url = '/api/v1/screening/lists?fileName=un.xml';
    const refused = await t.app.inject({ method: 'POST', url, headers: { ...admin, 'content-type': 'application/xml' }, payload: latin1 });
    expect(refused.statusCode).toBe(400);
    // The first line with a character outside ASCII (other accented names come before ÉRIC's).
    const line = xml.split('\n').findIndex((l) => /[\x80-\xff]/.test(l)) + 1;
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'file', line, code: 'screening.list_malformed' })]);
    const ok = await t.app.inject({ method: 'POST', url: `${url}&encoding=windows-1252`, headers: { ...admin, 'content-type': 'application/xml' }, payload: latin1 });
    expect(ok.statusCode).toBe(201);
    const officer = await t.headersFor('licensing_officer');
    const hit = await t.app.inject({ method: 'POST', url: '/api/v1/screening/screen', headers: officer, payload: { name: 'Éric Badege', kind: 'person' } });
    expect(hit.json().hits[0].entryName).toBe('ÉRIC BADEGE');
  }, 180_000);

  it('documents its routes in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/screening/screen', '/api/v1/screening/lists', '/api/v1/screening/denials/check']));
  });
});
