import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { loadScreeningList } from '../../test/support/screening-list.ts';
import { actor, doc, EXPORTER_ORG, exportApplication, IMPORT_AUTHORIZATION, OTHER_ORG } from './fixtures.ts';
import { createLicensingService, type LicensingService } from './service.ts';
import { verifyLicenceTokenOffline } from './licence-token.ts';
import { CATALOG, createServices } from '../modules.ts';

const industry = actor('industry', EXPORTER_ORG);
const otherIndustry = actor('industry', OTHER_ORG, 'other-exporter');
const officer = actor('licensing_officer');
const supervisor = actor('licensing_supervisor');
const customs = actor('customs_officer');
const poc = actor('point_of_contact');

async function rejects(p: Promise<unknown>): Promise<{ status: number; errors: { field: string; code?: string; message: string }[]; detail?: string }> {
  try {
    await p;
  } catch (err) {
    return err as { status: number; errors: { field: string; code?: string; message: string }[]; detail?: string };
  }
  throw new Error('expected a rejection');
}

describeEngines('licensing service', (engine) => {
  let deps: TestDeps;
  let svc: LicensingService;
  let keysDir: string;

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-licensing-keys-'));
    svc = createLicensingService(deps, createServices(deps), { keys: () => loadNodeKeys({ keysDir }), settings: { exemptSeaAirTransitWithoutTranshipment: false } });
    await loadScreeningList(createServices(deps).screening);
  });
  afterAll(async () => {
    await deps.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  /** An export case up to the point of issue: submitted, reviewed, recommended, evidence recorded. */
  async function readyCase(over: Parameters<typeof exportApplication>[0] = {}, evidence = { importAuth: true, transit: true }, applicant = industry) {
    const c = await svc.submitApplication(applicant, exportApplication(over));
    await svc.assignOfficer(officer, c.id, { officer: 'Officer Ana' });
    if (evidence.importAuth) {
      const d = await svc.uploadDocument(officer, c.id, doc('import_authorization', 'KE import licence scan'));
      await svc.recordImportAuthorization(officer, c.id, { ...IMPORT_AUTHORIZATION, documentId: d.id });
    }
    if (evidence.transit) {
      const d = await svc.uploadDocument(officer, c.id, doc('transit_no_objection', 'TZ no objection'));
      await svc.recordTransitNoObjection(officer, c.id, { state: 'TZ', reference: 'TZ-MFA-77', noticeDate: '2026-05-25', documentId: d.id });
    }
    await svc.recommend(officer, c.id, { outcome: 'issue', reason: 'End use verified', conditions: ['No re-export without consent'] });
    return c;
  }

  it('runs the full workflow from application to delivery verification', async () => {
    const c = await svc.submitApplication(industry, exportApplication());
    expect(c.reference).toMatch(/^XC-APP-2026-\d{6}$/);
    expect(c.status).toBe('submitted');
    expect(c.countersignatureRequired).toBe(true); // ML1 to KE, not a Wassenaar participant
    expect(c.gate.ok).toBe(false);

    await svc.assignOfficer(officer, c.id, { officer: 'Officer Ana' });
    deps.clock.advance(2 * 86_400_000);
    await svc.requestInformation(officer, c.id, { reason: 'Provide the end-user certificate' });
    deps.clock.advance(5 * 86_400_000);
    await svc.uploadDocument(industry, c.id, doc('end_user_certificate', 'EUC signed by KWS'));
    const answered = await svc.provideInformation(industry, c.id, { reason: 'EUC attached' });
    expect(answered.status).toBe('under_review');
    expect(answered.clock).toMatchObject({ elapsedDays: 2, pausedDays: 5, paused: false });

    const d1 = await svc.uploadDocument(officer, c.id, doc('import_authorization', 'KE import licence'));
    await svc.recordImportAuthorization(officer, c.id, { ...IMPORT_AUTHORIZATION, documentId: d1.id });
    const d2 = await svc.uploadDocument(officer, c.id, doc('transit_no_objection', 'TZ'));
    const withEvidence = await svc.recordTransitNoObjection(officer, c.id, { state: 'TZ', reference: 'TZ-MFA-77', noticeDate: '2026-06-01', documentId: d2.id });
    expect(withEvidence.gate.ok).toBe(true);
    expect(withEvidence.gate.conditions.every((x) => x.met)).toBe(true);

    await svc.recommend(officer, c.id, { outcome: 'issue', reason: 'Verified', conditions: ['No re-export'] });
    const blocked = await rejects(svc.issueLicence(officer, c.id));
    expect(blocked.errors.map((e) => e.code)).toContain('case.countersignature_required');
    // Four eyes: the recommending officer cannot countersign (even as a supervisor role name clash is avoided by identity).
    await expect(svc.countersign(actor('licensing_supervisor', null, 'test-licensing_officer'), c.id, { agree: true, reason: 'ok' })).rejects.toMatchObject({ status: 422 });
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'Agree' });

    const licence = await svc.issueLicence(officer, c.id);
    expect(licence.number).toMatch(/^XC-EXP-2026-\d{6}$/);
    expect(licence.status).toBe('issued');
    expect(licence.expiresOn).toBe('2027-03-31'); // capped by the import authorization
    expect(licence.snapshot).toMatchObject({ exportCountry: 'ES', importCountry: 'KE', transitCountries: ['TZ'], conditions: ['No re-export'] });
    expect(stateHash(licence.snapshot)).toBe(licence.snapshotHash);
    expect(licence.verificationUrl).toContain(`/verify/${licence.number}?t=`);

    const caseAfter = await svc.getCase(industry, c.id);
    expect(caseAfter.status).toBe('issued');
    expect(caseAfter.licenceNumber).toBe(licence.number);
    expect(caseAfter.decisions.map((d) => d.kind)).toEqual(['submitted', 'information_requested', 'information_provided', 'issued']);
    expect(caseAfter.recommendation).toBeNull(); // officer-only field hidden from industry

    // Shipments: partly used, then over-quantity refused, then used.
    deps.clock.advance(86_400_000);
    const s1 = await svc.recordShipment(customs, {
      licenceNumber: licence.number,
      shippedOn: '2026-06-09',
      exitPoint: 'ESVLC',
      carrier: { name: 'Maersk Line', country: 'DK' },
      lines: [{ lineNo: 1, quantity: 30, serials: Array.from({ length: 30 }, (_, i) => `SN${i}`) }],
      externalReference: 'MRN-1',
    });
    expect((await svc.getLicence(officer, licence.number)).status).toBe('partly_used');
    const again = await svc.recordShipment(customs, {
      licenceNumber: licence.number,
      shippedOn: '2026-06-09',
      exitPoint: 'ESVLC',
      carrier: { name: 'Maersk Line', country: 'DK' },
      lines: [{ lineNo: 1, quantity: 30 }],
      externalReference: 'MRN-1',
    });
    expect(again.id).toBe(s1.id); // re-sent declaration recorded once
    const over = await rejects(
      svc.recordShipment(industry, { licenceNumber: licence.number, shippedOn: '2026-06-09', exitPoint: 'ES VLC', carrier: { name: 'X', country: 'DK' }, lines: [{ lineNo: 1, quantity: 11 }] }),
    );
    expect(over.status).toBe(422);
    expect(over.errors).toEqual([expect.objectContaining({ field: 'lines.0.quantity', code: 'shipment.over_quantity' })]);
    await svc.recordShipment(industry, {
      licenceNumber: licence.number,
      shippedOn: '2026-06-09',
      exitPoint: 'ES VLC',
      carrier: { name: 'X', country: 'DK' },
      lines: [
        { lineNo: 1, quantity: 10 },
        { lineNo: 2, quantity: 20_000 },
      ],
    });
    const used = await svc.getLicence(officer, licence.number);
    expect(used.status).toBe('used');
    expect(used.lines).toEqual([
      { lineNo: 1, quantity: 40, unit: 'piece', used: 40 },
      { lineNo: 2, quantity: 20_000, unit: 'round', used: 20_000 },
    ]);
    expect(used.events.map((e) => e.toStatus)).toEqual(['issued', 'partly_used', 'used']);

    // Delivery verification (Art. 10(4)): overdue list, wrong State refused, importing State closes it.
    deps.clock.advance(100 * 86_400_000);
    const awaiting = await svc.listAwaitingVerification(officer);
    expect(awaiting.items.map((s) => s.id)).toContain(s1.id);
    expect((await svc.listAwaitingVerification(officer, { olderThanDays: 365 })).items).toEqual([]);
    const wrong = await rejects(svc.verifyDelivery(poc, s1.id, { deliveredOn: '2026-06-20', verifyingState: 'TZ', evidence: 'x' }));
    expect(wrong.errors[0].code).toBe('delivery.not_importing_state');
    const delivered = await svc.verifyDelivery(poc, s1.id, { deliveredOn: '2026-06-20', verifyingState: 'KE', evidence: 'KE customs entry C-123' });
    expect(delivered.status).toBe('delivered');
    expect((await svc.listAwaitingVerification(officer)).items.map((s) => s.id)).not.toContain(s1.id);
    await expect(svc.verifyDelivery(poc, s1.id, { deliveredOn: '2026-06-20', verifyingState: 'KE', evidence: 'again' })).rejects.toMatchObject({ status: 422 });

    // Every audited licensing record re-hashes to its last audit entry.
    const rows = await deps.db.query<{ entity: string; entity_id: string; state_hash: string }>(
      `SELECT DISTINCT ON (entity, entity_id) entity, entity_id, state_hash FROM audit_log WHERE entity LIKE 'licensing_%' ORDER BY entity, entity_id, seq DESC`,
    );
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      const loaded = await CATALOG.auditedEntities.get(r.entity)!.load(deps.db, [r.entity_id]);
      expect(stateHash(loaded.get(r.entity_id)), `${r.entity} ${r.entity_id}`).toBe(r.state_hash);
    }
  });

  it('refuses to issue without the import authorization (Art. 10(2)(a))', async () => {
    const c = await readyCase({ importCountry: 'FR', consignee: null, endUser: { name: 'Club de tir', country: 'FR' }, transit: [] }, { importAuth: false, transit: false });
    const err = await rejects(svc.issueLicence(officer, c.id));
    expect(err.status).toBe(422);
    expect(err.errors.map((e) => e.code)).toEqual(expect.arrayContaining(['art10.import_authorization.recorded', 'art10.import_authorization.covers_goods']));
    expect((await svc.getCase(officer, c.id)).status).toBe('recommended'); // nothing written
  });

  it('refuses to issue without the transit no-objection (Art. 10(2)(b))', async () => {
    const c = await readyCase({ importCountry: 'KE' }, { importAuth: true, transit: false });
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const err = await rejects(svc.issueLicence(officer, c.id));
    expect(err.errors.map((e) => e.code)).toEqual(['art10.transit.TZ.no_objection']);
  });

  it('refuses a licence outlasting the import authorization and goods beyond it', async () => {
    const c = await readyCase({ goods: [{ ...exportApplication().goods[0], quantity: 41 }] });
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const err = await rejects(svc.issueLicence(officer, c.id, { expiresOn: '2027-06-01' }));
    expect(err.errors.map((e) => e.code).sort()).toEqual(['art10.import_authorization.covers_dates', 'art10.import_authorization.covers_goods']);
  });

  it('signs a snapshot citing only the evidence the gate accepted: a no-objection dated after the shipment is left out (issue 10)', async () => {
    const day = (offset: number) => new Date(deps.clock.now().getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const c = await readyCase({ plannedShipmentDate: day(-10) }, { importAuth: true, transit: false });
    for (const [reference, noticeDate] of [['TZ-NOB-EARLY', day(-20)], ['TZ-NOB-LATE', day(-5)]]) {
      const d = await svc.uploadDocument(officer, c.id, doc('transit_no_objection', reference));
      await svc.recordTransitNoObjection(officer, c.id, { state: 'TZ', reference, noticeDate, documentId: d.id });
    }
    const gate = (await svc.getCase(officer, c.id)).gate;
    expect(gate.conditions.find((x) => x.code === 'transit.TZ.no_objection')).toMatchObject({ met: true, detail: expect.stringContaining('TZ-NOB-EARLY') });
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const l = await svc.issueLicence(officer, c.id);
    const snap = l.snapshot as { transitNoObjections: { reference: string }[]; importAuthorizations: { reference: string }[] };
    expect(snap.transitNoObjections.map((n) => n.reference)).toEqual(['TZ-NOB-EARLY']);
    expect(snap.importAuthorizations.map((a) => a.reference)).toEqual([IMPORT_AUTHORIZATION.reference]);
    // What the node signed is what it stored: the token's hash is the snapshot's.
    expect(l.snapshotHash).toBe(stateHash(l.snapshot));
  });

  it('exempts sea transit without transhipment when the State configures it', async () => {
    const exempt = createLicensingService(deps, createServices(deps), { keys: () => loadNodeKeys({ keysDir }), settings: { exemptSeaAirTransitWithoutTranshipment: true } });
    const c = await readyCase({ transit: [{ country: 'ZA', mode: 'sea', transhipment: false }] }, { importAuth: true, transit: false });
    await exempt.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    expect((await exempt.issueLicence(officer, c.id)).snapshot.transitCountries).toEqual(['ZA']);
    const c2 = await readyCase({ transit: [{ country: 'ZA', mode: 'sea', transhipment: true }] }, { importAuth: true, transit: false });
    await exempt.countersign(supervisor, c2.id, { agree: true, reason: 'ok' });
    expect((await rejects(exempt.issueLicence(officer, c2.id))).errors.map((e) => e.code)).toEqual(['art10.transit.ZA.no_objection']);
  });

  it('refuses with coded criteria and creates a denial record', async () => {
    const c = await svc.submitApplication(industry, exportApplication({ endUser: { name: 'Diverted Trading FZE', country: 'KE' } }));
    await svc.assignOfficer(officer, c.id, { officer: 'Ana' });
    await expect(svc.recommend(officer, c.id, { outcome: 'refuse', reason: 'risk' })).rejects.toMatchObject({ status: 400 });
    await svc.recommend(officer, c.id, { outcome: 'refuse', reason: 'Diversion risk', criteria: ['diversion_risk', 'eu_cp_7'] });
    await expect(svc.issueLicence(officer, c.id)).rejects.toMatchObject({ status: 422 });
    const refused = await svc.refuseApplication(officer, c.id, { criteria: ['diversion_risk', 'eu_cp_7'], reason: 'Diversion risk to unauthorised end user' });
    expect(refused.status).toBe('refused');
    const denials = await svc.listDenials(officer);
    expect(denials[0]).toMatchObject({ endUserName: 'Diverted Trading FZE', criteria: ['diversion_risk', 'eu_cp_7'], controlEntries: ['ML1.a', 'ML3.a'] });
    await expect(svc.listDenials(industry)).rejects.toMatchObject({ status: 403 });
  });

  it('blocks issue for an essentially identical denial unless the officer acknowledges it', async () => {
    const endUser = { name: 'Lakeside Procurement Agency', country: 'KE' };
    const first = await readyCase({ endUser });
    await svc.refuseApplication(officer, first.id, { criteria: ['diversion_risk'], reason: 'Diversion risk' });
    const again = await readyCase({ endUser: { ...endUser, name: 'LAKESIDE PROCUREMENT AGENCY' } });
    await svc.countersign(supervisor, again.id, { agree: true, reason: 'ok' });
    const err = await rejects(svc.issueLicence(officer, again.id));
    expect(err.errors.map((e) => e.code)).toEqual(['screening.essentially_identical_denial']);
    expect(err.errors[0]).toMatchObject({ field: 'acknowledgeDenials' });
    const l = await svc.issueLicence(officer, again.id, { acknowledgeDenials: true, reason: 'Consulted; circumstances changed' });
    expect(l.status).toBe('issued');
  });

  it('screens every party at submission and blocks issue while a screening hit is open', async () => {
    const list = `<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS></INDIVIDUALS><ENTITIES><ENTITY>
      <DATAID>6908402</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>ADF</FIRST_NAME><UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDe.001</REFERENCE_NUMBER>
      <LISTED_ON>2014-06-30</LISTED_ON><LIST_TYPE><VALUE>UN List</VALUE></LIST_TYPE>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Allied Democratic Forces</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><COUNTRY>Democratic Republic of the Congo</COUNTRY></ENTITY_ADDRESS></ENTITY></ENTITIES></CONSOLIDATED_LIST>`;
    const { createScreeningService } = await import('../screening/service.ts');
    await createServices(deps).screening.importList(actor('administrator'), { content: Buffer.from(list), fileName: 'un-mini.xml' });
    const c = await readyCase({ intermediateConsignees: [{ name: 'Allied Democratic Forces', country: 'UG' }] });
    const screened = (await svc.getCase(officer, c.id)).decisions.find((d) => d.kind === 'screened')!;
    expect(screened.data.openHits).toBeGreaterThan(0);
    expect((await svc.getCase(industry, c.id)).decisions.map((d) => d.kind)).not.toContain('screened');
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const err = await rejects(svc.issueLicence(officer, c.id));
    expect(err.errors).toEqual([expect.objectContaining({ field: 'screening.intermediate_consignee', code: 'screening.open_hits' })]);
  });

  it('supervisor disagreement sends the case back to review', async () => {
    const c = await readyCase();
    const back = await svc.countersign(supervisor, c.id, { agree: false, reason: 'Check end user again' });
    expect(back.status).toBe('under_review');
    await expect(svc.issueLicence(officer, c.id)).rejects.toMatchObject({ status: 422 });
  });

  it('issues without countersignature to a Wassenaar participant', async () => {
    const c = await readyCase({ importCountry: 'FR', consignee: null, endUser: { name: 'Club de tir', country: 'FR' }, transit: [] }, { importAuth: false, transit: false });
    const d = await svc.uploadDocument(officer, c.id, doc('import_authorization', 'FR AIMG'));
    await svc.recordImportAuthorization(officer, c.id, { ...IMPORT_AUTHORIZATION, issuingState: 'FR', issuingAuthority: 'SCAE', documentId: d.id });
    expect((await svc.getCase(officer, c.id)).countersignatureRequired).toBe(false);
    const l = await svc.issueLicence(officer, c.id);
    expect(l.snapshot.importCountry).toBe('FR');
  });

  it('walks every licence lifecycle transition with reasons, and verifies the status publicly', async () => {
    const c = await readyCase();
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const l = await svc.issueLicence(officer, c.id);
    expect((await svc.verifyLicenceNumber(l.number)).status).toBe('valid');

    const s = await svc.changeLicenceStatus(officer, l.number, 'suspend', { reason: 'Investigation' });
    expect(s.status).toBe('suspended');
    expect((await svc.verifyLicenceNumber(l.number)).status).toBe('suspended');
    const shipErr = await rejects(
      svc.recordShipment(customs, { licenceNumber: l.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo: 1, quantity: 1 }] }),
    );
    expect(shipErr.errors[0].code).toBe('shipment.licence_suspended');
    await expect(svc.changeLicenceStatus(officer, l.number, 'suspend', { reason: 'again' })).rejects.toMatchObject({ status: 422 });
    expect((await svc.changeLicenceStatus(officer, l.number, 'reinstate', { reason: 'Cleared' })).status).toBe('issued');
    await expect(svc.changeLicenceStatus(officer, l.number, 'revoke', { reason: 'x' })).rejects.toMatchObject({ status: 403 });
    const r = await svc.changeLicenceStatus(supervisor, l.number, 'revoke', { reason: 'End user sanctioned' });
    expect(r.status).toBe('revoked');
    expect(r.events.map((e) => [e.toStatus, e.reason])).toEqual([
      ['issued', null],
      ['suspended', 'Investigation'],
      ['issued', 'Cleared'],
      ['revoked', 'End user sanctioned'],
    ]);
    const listed = (await svc.listLicences(officer, { limit: 500 })).items.find((x) => x.number === l.number)!;
    expect(listed.events.map((e) => e.toStatus)).toEqual(['issued', 'suspended', 'issued', 'revoked']);
    expect(listed.lines.map((x) => x.lineNo)).toEqual([1, 2]);
    const v = await svc.verifyLicenceNumber(l.number);
    // The public sees the status, its date and the default public wording; never the officer's reason.
    expect(v).toMatchObject({ status: 'revoked', statusSince: deps.clock.now().toISOString().slice(0, 10), publicWording: 'issuing_authority_decision' });
    expect(JSON.stringify(v)).not.toContain('End user sanctioned');
    const byToken = await svc.verifyLicenceToken({ token: l.token, number: l.number });
    expect(byToken).toMatchObject({ verdict: 'authentic', signature: { valid: true }, hashMatches: true, licence: { status: 'revoked' } });
    expect(JSON.stringify(byToken)).not.toContain('End user sanctioned');
    await expect(svc.changeLicenceStatus(supervisor, l.number, 'reinstate', { reason: 'x' })).rejects.toMatchObject({ status: 422 });

    const c2 = await readyCase();
    await svc.countersign(supervisor, c2.id, { agree: true, reason: 'ok' });
    const l2 = await svc.issueLicence(officer, c2.id);
    // A wording the action does not publish is refused, naming the field; a suspension may say "pending review".
    expect((await rejects(svc.changeLicenceStatus(officer, l2.number, 'suspend', { reason: 'Police ref. 2026/INT/0042', publicWording: 'holder_request' }))).errors[0]).toMatchObject({
      field: 'publicWording',
      code: 'licence.suspend.public_wording',
    });
    expect((await svc.changeLicenceStatus(officer, l2.number, 'suspend', { reason: 'Police ref. 2026/INT/0042', publicWording: 'pending_review' })).publicWording).toBe('pending_review');
    expect(await svc.verifyLicenceNumber(l2.number)).toMatchObject({ status: 'suspended', publicWording: 'pending_review' });
    expect((await svc.changeLicenceStatus(officer, l2.number, 'reinstate', { reason: 'Cleared' })).publicWording).toBeNull();
    expect((await svc.verifyLicenceNumber(l2.number)).publicWording).toBeNull();
    expect((await svc.changeLicenceStatus(industry, l2.number, 'surrender', { reason: 'Contract cancelled' })).status).toBe('surrendered');
    expect(await svc.verifyLicenceNumber(l2.number)).toMatchObject({ status: 'surrendered', publicWording: 'holder_request' });

    const c3 = await readyCase();
    await svc.countersign(supervisor, c3.id, { agree: true, reason: 'ok' });
    const l3 = await svc.issueLicence(officer, c3.id, { expiresOn: '2026-12-31' });
    deps.clock.set('2027-01-02T10:00:00Z');
    try {
      expect(await svc.verifyLicenceNumber(l3.number)).toMatchObject({ status: 'expired', statusSince: '2027-01-01', publicWording: null });
      const swept = await svc.expireDueLicences(supervisor);
      expect(swept.expired).toContain(l3.number);
      expect((await svc.getLicence(officer, l3.number)).status).toBe('expired');
    } finally {
      deps.clock.set('2026-06-01T10:00:00Z');
    }
    await expect(svc.verifyLicenceNumber('XC-EXP-2026-999999')).rejects.toMatchObject({ status: 404 });
  });

  it('signs a token that verifies offline and rejects a tampered one', async () => {
    const c = await readyCase();
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const l = await svc.issueLicence(officer, c.id);
    const jwks = (await loadNodeKeys({ keysDir })).publicJwks();
    const off = await verifyLicenceTokenOffline(l.token, jwks);
    expect(off.claims).toMatchObject({ iss: 'XC', sub: l.number, lh: l.snapshotHash, vt: l.expiresOn });

    const [h, p, sig] = l.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, vt: '2099-12-31' })).toString('base64url')}.${sig}`;
    await expect(verifyLicenceTokenOffline(forged, jwks)).rejects.toThrow(/signature/);
    const online = await svc.verifyLicenceToken({ token: forged });
    expect(online).toMatchObject({ verdict: 'forged', signature: { valid: false, kid: off.kid, key: null }, licence: null, particulars: null });
    expect(await svc.verifyLicenceToken({ token: 'garbage' })).toMatchObject({ verdict: 'forged', signature: { valid: false, kid: null } });

    // With the genuine token: which key signed it, and the parties and goods as printed (no addresses, no ids).
    const genuine = await svc.verifyLicenceToken({ token: l.token, number: l.number.toLowerCase() });
    expect(genuine).toMatchObject({ verdict: 'authentic', hashMatches: true, signature: { valid: true, kid: off.kid, key: { kid: off.kid, current: true, retired: null } } });
    expect(genuine.particulars).toMatchObject({
      applicant: { name: 'Armeria Central S.A.', country: 'ES' },
      consignee: { name: 'Nairobi Sporting Arms Ltd', country: 'KE' },
      finalRecipient: { name: 'Kenya Wildlife Service', country: 'KE' },
      goods: [expect.objectContaining({ lineNo: 1, quantity: 40, unit: 'piece' }), expect.objectContaining({ lineNo: 2, quantity: 20_000, unit: 'round' })],
    });
    expect(JSON.stringify(genuine)).not.toMatch(/Calle Mayor|Moi Avenue|partyId/);
    expect((await svc.verifyLicenceToken({ token: l.token, number: 'XC-EXP-2026-999999' })).verdict).toBe('other_licence');

    // A snapshot altered in the database no longer verifies as valid, and the token no longer matches it.
    await deps.db.query(`UPDATE licensing_licences SET snapshot = jsonb_set(snapshot, '{importCountry}', '"SO"') WHERE number = $1`, [l.number]);
    expect(await svc.verifyLicenceNumber(l.number)).toMatchObject({ status: 'unknown', importCountry: null });
    expect(await svc.verifyLicenceToken({ token: l.token })).toMatchObject({ verdict: 'altered', signature: { valid: true }, hashMatches: false, particulars: null });
  });

  it('renders a PDF with the number, countries and quantities (read back with pdftotext)', async () => {
    const c = await readyCase();
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const l = await svc.issueLicence(officer, c.id);
    const { pdf } = await svc.licencePdf(industry, l.number);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();
    expect(text).toContain(l.number);
    expect(text).toContain('Spain');
    expect(text).toContain('Kenya');
    expect(text).toContain('Tanzania');
    expect(text).toContain('quantity 40 pieces');
    expect(text).toContain('quantity 20000 rounds');
    expect(text).toContain('País de importación'); // the State's language (es by default)
    expect(text).toContain(l.snapshotHash);
    // The printed URL carries the token, like the QR code: typing it in proves holding the document.
    expect(l.verificationUrl).toContain(`?t=${l.token}`);
    expect(text.replace(/\s+/g, '')).toContain(l.verificationUrl);
  });

  it('limits industry users to their own organisation', async () => {
    const c = await readyCase();
    await expect(svc.getCase(otherIndustry, c.id)).rejects.toMatchObject({ status: 404 });
    const mine = await svc.listApplications(industry);
    expect(mine.items.length).toBeGreaterThan(0);
    expect((await svc.listApplications(otherIndustry)).items).toEqual([]);
    await expect(svc.submitApplication(otherIndustry, exportApplication())).rejects.toMatchObject({ status: 400 });
    await expect(svc.assignOfficer(industry, c.id, { officer: 'me' })).rejects.toMatchObject({ status: 403 });
    await expect(svc.countersign(officer, c.id, { agree: true, reason: 'x' })).rejects.toMatchObject({ status: 403 });
    await expect(svc.issueLicence(industry, c.id)).rejects.toMatchObject({ status: 403 });
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const l = await svc.issueLicence(officer, c.id);
    await expect(svc.getLicence(otherIndustry, l.number)).rejects.toMatchObject({ status: 404 });
    await expect(
      svc.recordShipment(otherIndustry, { licenceNumber: l.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo: 1, quantity: 1 }] }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await svc.listLicences(otherIndustry)).items).toEqual([]);
    // An industry user without an organisation sees nothing and may change nothing.
    const orphan = actor('industry', null, 'orphan');
    expect((await svc.listLicences(orphan)).items).toEqual([]);
    expect((await svc.listApplications(orphan)).items).toEqual([]);
    expect((await svc.listAwaitingVerification(orphan, { olderThanDays: 0 })).items).toEqual([]);
    await expect(svc.getLicence(orphan, l.number)).rejects.toMatchObject({ status: 404 });
    await expect(svc.changeLicenceStatus(orphan, l.number, 'surrender', { reason: 'x' })).rejects.toMatchObject({ status: 404 });
    expect((await svc.listLicences(industry)).items.every((x) => x.snapshot.applicant && (x.snapshot.applicant as { partyId: string }).partyId === EXPORTER_ORG)).toBe(true);
    await expect(svc.getLicence(actor('public'), l.number)).rejects.toMatchObject({ status: 403 });
  });

  it('requires registered brokers on brokering applications (Art. 15)', async () => {
    const broker = { name: 'Global Arms Brokers Ltd', location: 'Valencia', country: 'ES' };
    const app = exportApplication({ kind: 'brokering', brokers: [broker] });
    const err = await rejects(svc.submitApplication(industry, app));
    expect(err.errors).toEqual([expect.objectContaining({ field: 'brokers.0.brokerId', code: 'broker.unregistered' })]);
    const reg = await svc.registerBroker(officer, { ...broker, registrationNo: 'ES-BRK-001', validFrom: '2026-01-01', validTo: '2026-12-31' });
    await expect(svc.registerBroker(officer, { ...broker, registrationNo: 'ES-BRK-001', validFrom: '2026-01-01', validTo: '2026-12-31' })).rejects.toMatchObject({ status: 409 });
    const c = await svc.submitApplication(industry, exportApplication({ kind: 'brokering', brokers: [{ ...broker, brokerId: reg.id }] }));
    await svc.assignOfficer(officer, c.id, { officer: 'Ana' });
    await svc.recommend(officer, c.id, { outcome: 'issue', reason: 'ok' });
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    await svc.changeBrokerStatus(officer, reg.id, 'suspended', { reason: 'Inspection pending' });
    expect((await rejects(svc.issueLicence(officer, c.id))).errors.map((e) => e.code)).toEqual(['broker.registration_invalid']);
    await svc.changeBrokerStatus(officer, reg.id, 'active', { reason: 'Inspection passed' });
    const l = await svc.issueLicence(officer, c.id);
    expect(l.number).toMatch(/^XC-BRK-2026-/);
    expect(l.snapshot.brokers).toEqual([expect.objectContaining({ name: 'Global Arms Brokers Ltd', location: 'Valencia' })]);
    expect((await rejects(svc.recordShipment(officer, { licenceNumber: l.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo: 1, quantity: 1 }] }))).errors[0].code).toBe(
      'shipment.brokering_licence',
    );
  });

  it('issues import and temporary licences without the export gate', async () => {
    // XC, the node's own user-assigned State code, is a valid country of import; another user-assigned code is not.
    const own = await svc.submitApplication(officer, exportApplication({ kind: 'import', exportCountry: 'IT', importCountry: 'XC', transit: [], consignee: null, endUser: { name: 'XC Police', country: 'XC' } }));
    expect(own.id).toBeTruthy();
    const imp = await rejects(svc.submitApplication(officer, exportApplication({ kind: 'import', exportCountry: 'IT', importCountry: 'XQ', transit: [], consignee: null, endUser: { name: 'XQ Police', country: 'XQ' } })));
    expect(imp.status).toBe(400);
    const c = await svc.submitApplication(officer, exportApplication({ kind: 'import', exportCountry: 'IT', importCountry: 'ES', transit: [], consignee: null, endUser: { name: 'Guardia Civil', country: 'ES' } }));
    await svc.assignOfficer(officer, c.id, { officer: 'Ana' });
    await svc.recommend(officer, c.id, { outcome: 'issue', reason: 'ok' });
    expect((await svc.issueLicence(officer, c.id)).number).toMatch(/^XC-IMP-2026-/);

    await expect(svc.submitApplication(industry, exportApplication({ kind: 'temporary' }))).rejects.toMatchObject({ status: 400 });
    const t = await readyCase({ kind: 'temporary', temporaryPurpose: 'exhibition' }, { importAuth: true, transit: false });
    await svc.countersign(supervisor, t.id, { agree: true, reason: 'ok' });
    const tl = await svc.issueLicence(officer, t.id);
    expect(tl.number).toMatch(/^XC-TMP-2026-/);
    expect(tl.snapshot.temporaryPurpose).toBe('exhibition');
  });

  it('records registry custody events for shipped items, as the user who recorded the shipment: export events, and the Art. 8(1)(b) import marking on import', async () => {
    const { createRegistryService } = await import('../registry/service.ts');
    const registry = createRegistryService(deps);
    const clerk = actor('registry_clerk');
    const exporter = (await registry.createParty(clerk, { kind: 'organisation', roles: ['manufacturer', 'exporter'], name: 'Armeria Central', country: 'ES' })).id;
    const importer = (await registry.createParty(clerk, { kind: 'organisation', roles: ['importer'], name: 'Guardia Importers', country: 'ES' })).id;
    const exporterUser = actor('industry', exporter, 'armeria-clerk');
    const rifle = (serial: string, holder: string | null = exporter) =>
      registry.registerItem(clerk, {
        item: { kind: 'firearm', firearmType: 'rifle', make: 'Acme', model: 'M1', calibre: '.308 Win', yearOfManufacture: 2025 },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Acme', countryOfManufacture: 'ES', serialNumber: serial }],
        ...(holder ? { event: { kind: 'manufactured', occurredAt: '2026-01-10T09:00:00Z', toPartyId: holder } } : {}),
      });
    const a = await rifle('EXP-1');
    const b = await rifle('EXP-2');

    const c = await readyCase({ applicant: { partyId: exporter, name: 'Armeria Central', country: 'ES' } }, { importAuth: true, transit: true }, exporterUser);
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const l = await svc.issueLicence(officer, c.id);
    await svc.recordShipment(exporterUser, {
      licenceNumber: l.number,
      shippedOn: '2026-06-01',
      exitPoint: 'ES VLC',
      carrier: { name: 'X', country: 'ES' },
      lines: [{ lineNo: 1, quantity: 2, serials: ['EXP-1', 'EXP-2'], registryItemIds: [a.id, b.id] }],
    });
    const exported = await registry.getItem(clerk, a.id);
    expect(exported.status).toBe('exported');
    expect(exported.events.at(-1)).toMatchObject({ kind: 'exported', counterpartCountry: 'KE', authorizationRef: l.number });
    // The custody event is the exporter's act, not the system's: the audit log names the user.
    const who = await deps.db.query<{ actor_kind: string; actor_name: string; actor_role: string }>(
      "SELECT actor_kind, actor_name, actor_role FROM audit_log WHERE action = 'registry.custody_event.exported' AND entity_id = $1",
      [exported.events.at(-1)!.id],
    );
    expect(who).toEqual([{ actor_kind: 'user', actor_name: 'armeria-clerk', actor_role: 'industry' }]);

    // An item already exported cannot be exported again: the rule refuses and nothing is recorded.
    const before = (await svc.getLicence(officer, l.number)).lines[0].used;
    const again = await rejects(
      svc.recordShipment(customs, { licenceNumber: l.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo: 1, quantity: 1, registryItemIds: [a.id] }] }),
    );
    expect(again.status).toBe(422);
    expect((await svc.getLicence(officer, l.number)).lines[0].used).toBe(before);

    const incoming = await rifle('IMP-1', null);
    const ic = await svc.submitApplication(officer, exportApplication({
      kind: 'import',
      applicant: { partyId: importer, name: 'Guardia Importers', country: 'ES' },
      exportCountry: 'IT',
      importCountry: 'ES',
      transit: [],
      consignee: null,
      endUser: { name: 'Guardia Civil', country: 'ES' },
    }));
    await svc.assignOfficer(officer, ic.id, { officer: 'Ana' });
    await svc.recommend(officer, ic.id, { outcome: 'issue', reason: 'ok' });
    const il = await svc.issueLicence(officer, ic.id);
    // An item held in the State by another organisation does not arrive for this importer.
    const domestic = await rifle('EXP-3');
    const held = await rejects(
      svc.recordShipment(customs, { licenceNumber: il.number, shippedOn: '2026-06-01', exitPoint: 'ESALG', carrier: { name: 'X', country: 'IT' }, lines: [{ lineNo: 1, quantity: 1, registryItemIds: [domestic.id] }] }),
    );
    expect(held.errors).toEqual([expect.objectContaining({ field: 'lines.0.registryItemIds.0', code: 'shipment.item_not_for_importer' })]);
    await svc.recordShipment(customs, { licenceNumber: il.number, shippedOn: '2026-06-01', exitPoint: 'ESALG', carrier: { name: 'X', country: 'IT' }, lines: [{ lineNo: 1, quantity: 1, registryItemIds: [incoming.id] }] });
    const imported = await registry.getItem(clerk, incoming.id);
    expect(imported.status).toBe('active');
    expect(imported.holder?.id).toBe(importer);
    expect(imported.markings.map((m) => m.kind)).toContain('import');
    expect(imported.markings.find((m) => m.kind === 'import')).toMatchObject({ importCountry: 'ES', importYear: 2026 });
  });

  it("refuses to move another organisation's firearm, or one that does not fit the licence line, naming each item and writing nothing", async () => {
    const { createRegistryService } = await import('../registry/service.ts');
    const registry = createRegistryService(deps);
    const clerk = actor('registry_clerk');
    const orgA = (await registry.createParty(clerk, { kind: 'organisation', roles: ['exporter'], name: 'Alpha Arms', country: 'ES' })).id;
    const orgB = (await registry.createParty(clerk, { kind: 'organisation', roles: ['dealer'], name: 'Beta Guns', country: 'ES' })).id;
    const userA = actor('industry', orgA, 'alpha-user');
    const item = (holder: string, over: Record<string, unknown> = {}) =>
      registry.registerItem(clerk, {
        item: { kind: 'firearm', firearmType: 'rifle', make: 'Acme', model: 'M1', calibre: '.308 Win', yearOfManufacture: 2025, ...over },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Acme', countryOfManufacture: 'ES', serialNumber: `S-${Math.random().toString(36).slice(2, 10)}` }],
        event: { kind: 'manufactured', occurredAt: '2026-01-10T09:00:00Z', toPartyId: holder },
      });
    const theirs = await item(orgB);
    const mine = await item(orgA);
    const pistol = await item(orgA, { firearmType: 'self_loading_pistol', calibre: '9x19mm' });
    const lost = await item(orgA);
    await registry.recordEvent(clerk, lost.id, { kind: 'reported_lost', occurredAt: '2026-02-01T09:00:00Z' });

    const goods = exportApplication().goods;
    const c = await readyCase({ applicant: { partyId: orgA, name: 'Alpha Arms', country: 'ES' }, goods: [{ ...goods[0], calibre: '.308 Win' }, goods[1]] }, { importAuth: true, transit: true }, userA);
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    const l = await svc.issueLicence(officer, c.id);
    const count = async () =>
      (await deps.db.query<{ n: number }>("SELECT (SELECT count(*) FROM audit_log)::int + (SELECT count(*) FROM licensing_shipments)::int + (SELECT count(*) FROM registry_custody_events)::int AS n"))[0].n;
    const before = await count();
    const ship = (registryItemIds: string[], lineNo = 1) =>
      rejects(svc.recordShipment(userA, { licenceNumber: l.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo, quantity: 5, registryItemIds }] }));

    // The attack of issue 10: organisation A's own licence, organisation B's rifle.
    const stolen = await ship([theirs.id]);
    expect(stolen.status).toBe(422);
    expect(stolen.errors).toEqual([expect.objectContaining({ field: 'lines.0.registryItemIds.0', code: 'shipment.item_not_held' })]);
    expect((await registry.getItem(clerk, theirs.id)).status).toBe('active');
    // An unknown id is refused in exactly the same words as another organisation's item.
    const unknown = '01900000-0000-7000-8000-0000000000ff';
    const missing = await ship([unknown]);
    expect(missing.errors[0].code).toBe('shipment.item_not_held');
    expect(missing.errors[0]).toEqual({ ...stolen.errors[0], message: stolen.errors[0].message.replace(theirs.id, unknown) });

    const many = await ship([mine.id, pistol.id, lost.id, mine.id]);
    expect(many.errors.map((e) => [e.field, e.code])).toEqual([
      ['lines.0.registryItemIds.1', 'shipment.item_not_on_line'],
      ['lines.0.registryItemIds.2', 'shipment.item_status'],
      ['lines.0.registryItemIds.3', 'shipment.item_duplicate'],
    ]);
    expect((await ship([mine.id], 2)).errors.map((e) => e.code)).toEqual(['shipment.item_not_on_line']);
    expect(await count()).toBe(before);

    // A customs officer is not limited to an organisation, but the items must still be the exporter's.
    expect((await rejects(svc.recordShipment(customs, { licenceNumber: l.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo: 1, quantity: 1, registryItemIds: [theirs.id] }] }))).errors[0].code).toBe('shipment.item_not_held');
    await svc.recordShipment(userA, { licenceNumber: l.number, shippedOn: '2026-06-01', exitPoint: 'ESVLC', carrier: { name: 'X', country: 'ES' }, lines: [{ lineNo: 1, quantity: 1, registryItemIds: [mine.id] }] });
    expect((await registry.getItem(clerk, mine.id)).status).toBe('exported');
  });

  it('rejects bad input naming each field, writing nothing', async () => {
    const before = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM licensing_applications');
    const bad = exportApplication({
      importCountry: 'ZZ',
      goods: [{ ...exportApplication().goods[0], controlEntry: 'ML99', hsCode: '8501', currency: 'XXY', quantity: 0 }],
    });
    const err = await rejects(svc.submitApplication(industry, bad));
    expect(err.status).toBe(400);
    expect(err.errors.map((e) => e.field).sort()).toEqual(['goods.0.controlEntry', 'goods.0.currency', 'goods.0.hsCode', 'goods.0.quantity', 'importCountry']);
    const after = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM licensing_applications');
    expect(after[0].n).toBe(before[0].n);
  });
});

describeEngines('licensing with no sanctions list active (issue 17)', (engine) => {
  let deps: TestDeps;
  let svc: LicensingService;
  let keysDir: string;
  const admin = actor('administrator');

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-licensing-nolist-'));
    svc = createLicensingService(deps, createServices(deps), { keys: () => loadNodeKeys({ keysDir }) });
  });
  afterAll(async () => {
    await deps.close();
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  async function readyCase(over: Parameters<typeof exportApplication>[0] = {}) {
    const c = await svc.submitApplication(industry, exportApplication(over));
    await svc.assignOfficer(officer, c.id, { officer: 'Officer Ana' });
    const d = await svc.uploadDocument(officer, c.id, doc('import_authorization', 'KE import licence scan'));
    await svc.recordImportAuthorization(officer, c.id, { ...IMPORT_AUTHORIZATION, documentId: d.id });
    const t = await svc.uploadDocument(officer, c.id, doc('transit_no_objection', 'TZ no objection'));
    await svc.recordTransitNoObjection(officer, c.id, { state: 'TZ', reference: 'TZ-MFA-77', noticeDate: '2026-05-25', documentId: t.id });
    await svc.recommend(officer, c.id, { outcome: 'issue', reason: 'End use verified' });
    await svc.countersign(supervisor, c.id, { agree: true, reason: 'ok' });
    return c;
  }

  it('refuses to issue a licence whose parties were screened against nothing', async () => {
    const c = await readyCase();
    const err = await rejects(svc.issueLicence(officer, c.id));
    expect(err.status).toBe(422);
    expect(err.errors).toEqual([expect.objectContaining({ field: 'screening.lists', code: 'screening.no_active_list' })]);
    expect((await svc.getCase(officer, c.id)).status).toBe('countersigned');
  });

  it('issues after an administrator records a documented exception for that application only, audited with its reason', async () => {
    const c = await readyCase();
    const other = await readyCase();
    await expect(svc.recordScreeningException(officer, c.id, { reason: 'No internet yet' })).rejects.toMatchObject({ status: 403 });
    await expect(svc.recordScreeningException(admin, c.id, { reason: '' })).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'reason' })] });
    const reason = 'Node installed offline on 2026-06-01; lists arrive by courier on 2026-06-03. Parties checked by hand on the UN website.';
    const view = await svc.recordScreeningException(admin, c.id, { reason });
    expect(view.decisions.at(-1)).toMatchObject({ kind: 'screening_exception', reason, actorRole: 'administrator' });
    const audited = await deps.db.query<{ reason: string }>(`SELECT reason FROM audit_log WHERE action = 'licensing.decision.screening_exception'`);
    expect(audited).toEqual([{ reason }]);
    const licence = await svc.issueLicence(officer, c.id);
    const issued = (await svc.getCase(officer, c.id)).decisions.find((d) => d.kind === 'issued')!;
    expect(licence.number).toMatch(/^XC-EXP-2026-/);
    expect(issued.data.screeningException).toMatchObject({ reason, by: admin.name });
    // The exception is for its application only.
    expect((await rejects(svc.issueLicence(officer, other.id))).errors.map((e) => e.code)).toEqual(['screening.no_active_list']);
  });

  it('refuses an exception while a list is active, and then screens parties as what the registry knows them to be', async () => {
    await loadScreeningList(createServices(deps).screening);
    const registry = createServices(deps).registry;
    const clerk = actor('registry_clerk');
    const person = await registry.createParty(clerk, { kind: 'person', roles: ['end_user'], country: 'KE', personal: { givenNames: 'Juana', familyName: 'Pérez García' } });
    const c = await readyCase({ endUser: { partyId: person.id, name: 'Juana Pérez García', address: 'Moi Avenue 1, Nairobi', country: 'KE' } });
    const err = await rejects(svc.recordScreeningException(admin, c.id, { reason: 'not needed' }));
    expect(err.errors.map((e) => e.code)).toEqual(['screening.lists_active']);
    const kinds = await deps.db.query<{ party_ref: string; kind: string }>(`SELECT party_ref, kind FROM screening_subject WHERE party_ref LIKE $1 ORDER BY party_ref`, [`licensing:${c.id}:%`]);
    expect(kinds.find((k) => k.party_ref.endsWith(':end_user'))?.kind).toBe('person');
    // Parties the registry does not know are screened without a kind (as both).
    expect(kinds.find((k) => k.party_ref.endsWith(':consignee'))?.kind).toBe('unknown');
    await svc.issueLicence(officer, c.id);
  });
});

describe('licensing settings', () => {
  it('reads the State’s choices from the environment', async () => {
    const { loadLicensingSettings } = await import('./settings.ts');
    const s = loadLicensingSettings({ CUSTODIA_TRANSIT_SEA_AIR_EXEMPT: 'true', CUSTODIA_DELIVERY_OVERDUE_DAYS: '30', CUSTODIA_COUNTERSIGN_DESTINATIONS: 'all' }, 'MX');
    expect(s).toMatchObject({ exemptSeaAirTransitWithoutTranshipment: true, deliveryOverdueDays: 30, brokerRegistrationRequired: true });
    expect(s.countersign.destinations).toBe('all');
    expect(() => loadLicensingSettings({ CUSTODIA_COUNTERSIGN_DESTINATIONS: 'some' })).toThrow();
  });
});
