import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { actor, exportApplication } from '../src/licensing/fixtures.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';

/**
 * The reads the exchange screens use (issue 14, web), between two nodes on loopback: ES notifies FR of a
 * transit, FR's officer sends the drafted no-objection, and ES's case page finds the notification it sent
 * and the signed answer it got; one message read by its id on either side; the dead-letter counts.
 */
describeEngines('exchange reads for the screens', (engine) => {
  let a: ExchangeNode;
  let b: ExchangeNode;
  const officer = actor('licensing_officer');
  let reference = '';
  let sentId = '';

  beforeAll(async () => {
    a = await startExchangeNode(engine, 'ES', 'xa-keys');
    b = await startExchangeNode(engine, 'FR', 'xb-keys');
    await enrol(a, b, ['transit_answer']);
    await enrol(b, a, ['transit_notification']);
    const la = a.t.app.services.licensing;
    const app = await la.submitApplication(officer, exportApplication({
      applicant: { name: 'Armería Ejemplo S.A.', address: '1 Calle Mayor', country: 'ES' },
      exportCountry: 'ES',
      importCountry: 'KE',
      transit: [{ country: 'FR', mode: 'land', transhipment: false }],
    }));
    reference = app.reference;
    await la.assignOfficer(officer, app.id, { officer: 'ES officer' });
    const notify = await a.t.app.inject({ method: 'POST', url: `/api/v1/licensing/applications/${app.id}/exchange/transit-notifications`, headers: await a.headers('licensing_officer'), payload: { importLicence: { reference: 'KE-IMP-1' } } });
    expect(notify.statusCode).toBe(201);
    sentId = notify.json().items[0].id;
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  const get = async (node: ExchangeNode, url: string, role: Parameters<ExchangeNode['headers']>[0] = 'licensing_officer') => node.t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: await node.headers(role) });

  it("lists a case's sent notification before any answer, then the signed answer as it arrives", async () => {
    const before = await get(a, `/exchange/cases/${encodeURIComponent(reference)}/messages`);
    expect(before.statusCode).toBe(200);
    expect(before.json().sent).toMatchObject([{ id: sentId, to: 'FR', type: 'transit_notification', status: 'pending', envelope: { id: sentId, from: 'ES', to: 'FR', body: { caseReference: reference } } }]);
    expect(before.json().received).toEqual([]);

    expect(await a.svc.deliverDue()).toMatchObject({ delivered: 1 });
    const [request] = (await get(b, '/exchange/requests')).json().items;
    const answered = await b.t.app.inject({ method: 'POST', url: `/api/v1/exchange/requests/${request.id}/answer`, headers: await b.headers('licensing_officer'), payload: { caveats: [{ code: 'purpose_limited', text: 'Export licensing of this case only' }] } });
    expect(answered.statusCode).toBe(200);
    expect(await b.svc.deliverDue()).toMatchObject({ delivered: 1 });

    const after = (await get(a, `/exchange/cases/${encodeURIComponent(reference)}/messages`)).json();
    expect(after.sent).toMatchObject([{ id: sentId, status: 'delivered' }]);
    expect(after.received).toHaveLength(1);
    expect(after.received[0]).toMatchObject({ from: 'FR', type: 'transit_answer', inReplyTo: sentId, effect: 'applied', effectDetail: { recorded: true, decision: 'no_objection' } });
    expect(after.received[0].envelope.caveats).toEqual([{ code: 'purpose_limited', text: 'Export licensing of this case only' }]);
    expect(after.received[0].token.split('.')).toHaveLength(3);

    // An envelope kept encrypted (a JWE for a relay: no readable payload) is passed over, not an error.
    await a.t.deps.db.query(
      `INSERT INTO exchange_outbox (id, peer_state, type, in_reply_to, ordered, token, sha256, created_at, expires_at, status, next_attempt_at)
       VALUES ('01900000-0000-7000-8000-0000000000e1', 'FR', 'transit_notification', NULL, false, 'eyJhbGciOiJFQ0RILUVTIn0..aXY.Y3Q.dGFn', $1, now(), now() + interval '1 day', 'delivered', now())`,
      ['0'.repeat(64)],
    );
    expect((await get(a, `/exchange/cases/${encodeURIComponent(reference)}/messages`)).json().sent).toHaveLength(1);

    // Another case's reference finds nothing of this one.
    expect((await get(a, '/exchange/cases/ES-NOT-A-CASE/messages')).json()).toEqual({ sent: [], received: [] });

    // One message by its id: the answer received on ES, the answer sent on FR (the same signed bytes).
    const one = await get(a, `/exchange/inbox/${after.received[0].id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: after.received[0].id, from: 'FR', token: after.received[0].token });
    const sentByB = await get(b, `/exchange/outbox/${answered.json().answerId}`);
    expect(sentByB.statusCode).toBe(200);
    expect(sentByB.json()).toMatchObject({ to: 'ES', type: 'transit_answer', status: 'delivered', attempts: 1, token: after.received[0].token, envelope: { inReplyTo: request.envelopeId } });
  });

  it("finds a case's messages by the stored case reference exactly as decoding every payload did, also for rows written before the column (migration 0024's backfill)", async () => {
    const db = a.t.deps.db;
    // The read before migration 0024: every outbox payload decoded in SQL, no index.
    const decoded = async (ref: string) =>
      (await db.query<{ id: string }>(
        `SELECT id FROM (SELECT o.id, o.type, split_part(o.token, '.', 2) AS payload FROM exchange_outbox o WHERE o.token ~ '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$') s
         WHERE s.type IN ('import_authorisation_check', 'transit_notification')
           AND convert_from(decode(rpad(translate(s.payload, '-_', '+/'), ((length(s.payload) + 3) / 4) * 4, '='), 'base64'), 'UTF8')::jsonb #>> '{body,caseReference}' = $1 ORDER BY s.id`,
        [ref],
      )).map((r) => r.id);
    // A second case, with an import check to FR, so there is more than one case to tell apart.
    const la = a.t.app.services.licensing;
    const other = await la.submitApplication(officer, exportApplication({
      applicant: { name: 'Armería Ejemplo S.A.', address: '1 Calle Mayor', country: 'ES' },
      consignee: { name: 'Armurerie Lyon SARL', address: '2 rue de la République, Lyon', country: 'FR' },
      endUser: { name: 'Armurerie Lyon SARL', address: '2 rue de la République, Lyon', country: 'FR' },
      exportCountry: 'ES',
      importCountry: 'FR',
      transit: [],
    }));
    await la.assignOfficer(officer, other.id, { officer: 'ES officer' });
    const check = await a.t.app.inject({ method: 'POST', url: `/api/v1/licensing/applications/${other.id}/exchange/import-check`, headers: await a.headers('licensing_officer'), payload: { importLicenceReference: 'FR-IMP-9' } });
    expect(check.statusCode, check.body).toBe(201);

    const viaApi = async (ref: string) => (await get(a, `/exchange/cases/${encodeURIComponent(ref)}/messages`)).json() as { sent: { id: string }[]; received: { id: string }[] };
    const before = { first: await viaApi(reference), second: await viaApi(other.reference) };
    expect(before.first.sent.map((m) => m.id)).toEqual(await decoded(reference));
    expect(before.second.sent.map((m) => m.id)).toEqual(await decoded(other.reference));
    expect(before.second.sent.map((m) => m.id)).toEqual([check.json().id]);
    expect(before.first.received).toHaveLength(1);

    // Rows as a node upgraded to 0024 has them: no column yet; the migration's own UPDATE fills it.
    await db.query('UPDATE exchange_outbox SET case_reference = NULL, report_reference = NULL');
    expect((await viaApi(reference)).sent).toEqual([]);
    const migration = fs.readFileSync(path.resolve(import.meta.dirname, '../migrations/0024_exchange_outbox_references.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('UPDATE exchange_outbox'), migration.indexOf(';', migration.indexOf('UPDATE exchange_outbox')));
    await db.query(backfill);
    expect(await viaApi(reference)).toEqual(before.first);
    expect(await viaApi(other.reference)).toEqual(before.second);
    // The relayed JWE row has no readable payload and stays without a reference.
    expect((await db.query<{ case_reference: string | null }>(`SELECT case_reference FROM exchange_outbox WHERE id = '01900000-0000-7000-8000-0000000000e1'`))[0].case_reference).toBeNull();
  });

  it('answers 404 for an unknown message and refuses the roles that read no exchange message', async () => {
    expect((await get(a, '/exchange/inbox/01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await get(a, '/exchange/outbox/not-an-id')).statusCode).toBe(404);
    expect((await get(a, `/exchange/cases/${encodeURIComponent(reference)}/messages`, 'industry')).statusCode).toBe(403);
    expect((await get(a, '/exchange/outbox/counts', 'licensing_officer')).statusCode).toBe(403);
  });

  it('counts the outbox by status for the dead-letter alert', async () => {
    const counts = await get(a, '/exchange/outbox/counts', 'administrator');
    expect(counts.statusCode).toBe(200);
    expect(counts.json()).toEqual({ pending: 1, delivered: 2, dead: 0 });
  });
});
