import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import type { TestDeps } from '../../test/support/deps.ts';
import { failure, testActor as actor } from '../../test/support/failure.ts';
import { tracingHarness, type TracingHarness } from '../../test/support/tracing.ts';
import { verifyAuditLog } from '../audit/verify.ts';
import { CATALOG } from '../modules.ts';
import { stateHash } from '../platform/crypto/canonical.ts';
import { uuidv7 } from '../platform/ids.ts';
import { partialSerialPattern } from '../registry/model.ts';
import type { RegistryService } from '../registry/service.ts';
import type { TracingService } from './service.ts';
import * as store from './store.ts';

const clerk = actor('registry_clerk');
const officer = actor('tracing_officer');

describeEngines('tracing: recoveries, checks and hits', (engine) => {
  let deps: TestDeps;
  let registry: RegistryService;
  let tracing: TracingService;
  let maker: string;
  let owner: string;
  let police: string;
  let customs: string;
  let harness: TracingHarness;

  const count = async (table: string) => (await deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;

  async function registerPistol(serial: string, make = 'Acme', calibre = '9x19mm', model = 'P9') {
    const item = await registry.registerItem(clerk, {
      item: { kind: 'firearm', firearmType: 'self_loading_pistol', make, model, calibre, yearOfManufacture: 2019 },
      markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: `${make} Arms`, countryOfManufacture: 'BE', serialNumber: serial }],
      event: { kind: 'manufactured', occurredAt: '2024-01-10T09:00:00Z', toPartyId: maker },
    });
    await registry.recordEvent(clerk, item.id, { kind: 'transferred', occurredAt: '2024-03-01T09:00:00Z', fromPartyId: maker, toPartyId: owner });
    return item.id;
  }

  const base = () => ({
    recoveredOn: '2026-05-30',
    place: { locode: 'NL RTM', text: 'Port of Rotterdam, container terminal' },
    agencyPartyId: customs,
    recoveryType: 'seized',
    legalJustification: 'illicit_trafficking',
    criminalContext: 'organised_crime',
    legalReference: 'SEIZ-2026-0042',
  });
  const pistol = (markings: unknown[], extra: Record<string, unknown> = {}) => ({
    kind: 'firearm',
    type: 'self_loading_pistol',
    make: 'Acme',
    model: 'P9',
    calibre: '9x19mm',
    nature: 'industrial',
    markings,
    ...extra,
  });

  beforeAll(async () => {
    harness = await tracingHarness(engine);
    ({ deps, registry, tracing } = harness);
    const org = async (name: string, roles: string[]) => (await registry.createParty(clerk, { kind: 'organisation', roles, name, country: 'NL' })).id;
    maker = await org('Acme Arms', ['manufacturer']);
    police = await org('Amsterdam Police', ['state_agency']);
    customs = await org('Customs Rotterdam', ['state_agency']);
    owner = (await registry.createParty(clerk, { kind: 'person', roles: ['owner'], personal: { givenNames: 'Ana', familyName: 'Pérez' } })).id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('an intact serial of a stolen pistol is a hit: an open alert to the agency that took the report, both references kept, the registry item seized', async () => {
    const id = await registerPistol('AC-100200');
    await registry.recordEvent(officer, id, { kind: 'reported_stolen', occurredAt: '2026-02-01T08:00:00Z', toPartyId: police, authorizationRef: 'PR-2026-77' });
    const rec = await tracing.recordRecovery(officer, { ...base(), items: [pistol([{ location: 'frame', state: 'intact', serialAsRead: 'ac100200' }])] });
    expect(rec.reference).toMatch(/^REC-2026-\d{6}$/);
    const item = rec.items[0];
    expect(item.checkOutcome).toBe('hit');
    expect(item.registryItemId).toBe(id);
    expect(item.match).toMatchObject({ kind: 'lost_stolen_hit', foundBy: 'exact_serial', registryStatus: 'stolen', reportReference: 'PR-2026-77', alertStatus: 'open', recoveryReference: `${rec.reference}/1` });
    expect(item.match!.reportingAgency!.name).toBe('Amsterdam Police');
    const after = await registry.getItem(clerk, id);
    expect(after.status).toBe('seized');
    expect(after.events.at(-1)).toMatchObject({ kind: 'seized', authorizationRef: 'SEIZ-2026-0042' });

    const alerts = await tracing.listHits(officer, { agencyPartyId: police, alertStatus: 'open' });
    expect(alerts.items.map((h) => (h.origin === 'here' ? h.recoveredItemId : h.id))).toEqual([item.id]);
    const summary = await tracing.hitSummary(officer);
    expect(summary.byAgency.find((a) => a.agency?.id === police)).toMatchObject({ open: 1, acknowledged: 0 });
    const ack = await tracing.acknowledgeHit(officer, item.match!.id);
    expect(ack.alertStatus).toBe('acknowledged');
    expect((await tracing.hitSummary(officer)).byAgency.find((a) => a.agency?.id === police)).toMatchObject({ open: 0, acknowledged: 1 });
    expect((await failure(tracing.acknowledgeHit(officer, item.match!.id))).errors[0].code).toBe('hit.already_acknowledged');
  });

  it('an intact serial of a legally held pistol links the recovery to the item and its chain of custody (no alert)', async () => {
    const id = await registerPistol('AC-300400');
    const rec = await tracing.recordRecovery(officer, { ...base(), recoveryType: 'found', items: [pistol([{ location: 'frame', state: 'intact', serialAsRead: 'AC 300400' }])] });
    expect(rec.items[0]).toMatchObject({ checkOutcome: 'linked', registryItemId: id });
    expect(rec.items[0].match).toMatchObject({ kind: 'legal_holding', registryStatus: 'active', alertStatus: null, reportingAgency: null });
    expect((await registry.getItem(clerk, id)).status).toBe('seized');
  });

  it('a recording answers with the page it wrote, exactly as it reads back: persons, marks, candidates, matches and registrations', async () => {
    const stolen = await registerPistol('ANS-700001');
    await registry.recordEvent(officer, stolen, { kind: 'reported_stolen', occurredAt: '2026-02-01T08:00:00Z', toPartyId: police, authorizationRef: 'PR-ANS-1' });
    await registerPistol('ANSQ-553311', 'Borealis', '.45 ACP');
    await registerPistol('ANSQ-553312', 'Borealis', '9x19mm');
    const person = async (familyName: string) => (await registry.createParty(clerk, { kind: 'person', roles: ['owner'], personal: { givenNames: 'B', familyName } })).id;
    const rec = await tracing.recordRecovery(officer, {
      ...base(),
      persons: [
        { partyId: await person('Zed'), role: 'witness' },
        { partyId: await person('Ash'), role: 'suspect' },
        { partyId: owner, role: 'owner' },
      ],
      items: [
        pistol([{ location: 'frame', state: 'obliterated', serialAsRead: 'ANSQ-5533??' }], { make: 'Borealis', calibre: '.45 ACP', model: null }),
        pistol([
          { location: 'slide', state: 'intact', serialAsRead: 'ans700001', manufacturerName: 'Acme Arms' },
          { location: 'frame', state: 'altered', serialAsRead: 'ANS-7000?1' },
        ]),
        pistol([{ location: 'frame', state: 'removed' }], { nature: 'craft', make: null, model: null }),
        { kind: 'ammunition', type: 'complete_round', calibre: '9x19mm', nature: 'industrial', quantity: 50, markings: [] },
      ],
    });
    expect(rec.items.map((i) => i.checkOutcome)).toEqual(['candidates', 'hit', 'registered', 'no_match']);
    expect(rec.persons.map((p) => p.role)).toEqual(['owner', 'suspect', 'witness']);
    expect(rec).toEqual(await tracing.getRecovery(officer, rec.id));
  });

  it('an obliterated serial gives ranked candidates with the count of every match; the true pistol (make and calibre agree) comes first', async () => {
    const truth = await registerPistol('QX-551234', 'Borealis', '.45 ACP', 'B45');
    await registerPistol('QX-551299', 'Acme', '9x19mm');
    await registerPistol('QX-5512347', 'Borealis', '.45 ACP', 'B45');
    const rec = await tracing.recordRecovery(officer, {
      ...base(),
      items: [pistol([{ location: 'frame', state: 'obliterated', serialAsRead: 'QX-5512??' }], { make: 'Borealis', calibre: '.45 ACP', model: null })],
    });
    const item = rec.items[0];
    expect(item.checkOutcome).toBe('candidates');
    expect(item.candidateCount).toBe(3);
    expect(item.candidates[0].registryItemId).toBe(truth);
    expect(item.candidates.map((c) => c.rank)).toEqual([1, 2, 3]);
    expect(item.candidates[0].score).toBeGreaterThan(item.candidates[1].score);

    // Customs record seizures but do not identify weapons.
    expect((await failure(tracing.confirmCandidate(actor('customs_officer'), rec.id, item.id, { registryItemId: truth }))).status).toBe(403);
    const unlisted = await registerPistol('ZZ-000001');
    expect((await failure(tracing.confirmCandidate(officer, rec.id, item.id, { registryItemId: unlisted }))).errors[0].code).toBe('candidate.not_listed');
    const confirmed = await tracing.confirmCandidate(officer, rec.id, item.id, { registryItemId: truth });
    expect(confirmed.items[0]).toMatchObject({ checkOutcome: 'linked', registryItemId: truth });
    expect(confirmed.items[0].match).toMatchObject({ foundBy: 'confirmed_candidate' });
    expect((await failure(tracing.registerRecoveredItem(officer, rec.id, item.id))).errors[0].code).toBe('recovered_item.already_decided');
  });

  it('the registry ranks partial serials with a count, and refuses a pattern without three known characters in a row', async () => {
    const ranked = await registry.rankPartialSerial(officer, { serialPattern: 'QX5512*', make: 'Borealis', calibre: '.45 ACP' });
    expect(ranked.total).toBe(3);
    expect(ranked.items[0].make).toBe('Borealis');
    expect(ranked.items.map((i) => i.rank)).toEqual([1, 2, 3]);
    expect((await failure(registry.rankPartialSerial(officer, { serialPattern: 'Q?5?1' }))).errors[0].code).toBe('search.pattern_too_short');
  });

  it('a batch of partial serials is ranked in one search exactly as one at a time, each with its own count and page', async () => {
    const queries = [
      { serialPattern: 'QX5512*', make: 'Borealis', calibre: '.45 ACP', limit: 2 },
      { serialPattern: 'QX-5512??', make: 'Borealis', kind: 'firearm' },
      { serialPattern: 'NOTHING-LIKE-IT?' },
      { serialPattern: 'QX5512*', calibre: '9x19mm', model: 'B45' },
    ];
    const batch = await registry.rankPartialSerials(officer, queries);
    expect(batch).toEqual(await Promise.all(queries.map((q) => registry.rankPartialSerial(officer, q))));
    expect(batch.map((b) => [b.total, b.items.length])).toEqual([[3, 2], [3, 3], [0, 0], [3, 3]]);
    expect(await registry.rankPartialSerials(officer, [])).toEqual([]);
    const refused = await failure(registry.rankPartialSerials(officer, [{ serialPattern: 'QX5512*' }, { serialPattern: 'Q?5?1' }]));
    expect(refused.errors[0]).toMatchObject({ field: '1.serialPattern', code: 'search.pattern_too_short' });
  });

  it('a pattern with a single trigram is searched as its fills, finding exactly what the pattern finds (serials with other characters too)', async () => {
    // "K?Q12?45": only "Q12" for the trigram index; searched as 36 patterns with the first ? filled, plus the
    // partial index of serials holding characters other than letters and digits.
    const hits = [await registerPistol('K/Q12A45', 'Fillco', '9x19mm'), await registerPistol('KAQ12B45', 'Fillco', '9x19mm'), await registerPistol('KZQ12/45', 'Fillco', '9x19mm'), await registerPistol('XK9Q12Z45X', 'Fillco', '9x19mm')];
    await registerPistol('KAQ13B45', 'Fillco', '9x19mm');
    await registerPistol('KQ12B45', 'Fillco', '9x19mm');
    const queries = [{ serialPattern: 'K?Q12?45', make: 'Fillco', limit: 10 }, { serialPattern: 'KAQ12*', make: 'Fillco' }];
    const [one] = await Promise.all(queries.map((q) => registry.rankPartialSerial(officer, q)));
    expect(one.total).toBe(4);
    expect(new Set(one.items.map((i) => i.id))).toEqual(new Set(hits));
    expect(await registry.rankPartialSerials(officer, queries)).toEqual(await Promise.all(queries.map((q) => registry.rankPartialSerial(officer, q))));
  });

  it('two obliterated characters leaving runs of two ("MN?12?34") are searched through the fills: exactly a full scan\'s matches, the stolen pistol first, a hit once confirmed', async () => {
    const stolen = await registerPistol('MN-712834', 'Mancor', '9x19mm', 'M8');
    await registry.recordEvent(officer, stolen, { kind: 'reported_stolen', occurredAt: '2026-02-01T08:00:00Z', toPartyId: police, authorizationRef: 'PR-MN-8' });
    // Other serials the pattern fits: another make, one with a character only the unusual index holds, one longer.
    await registerPistol('MN-512934', 'Acme', '.38 Special', 'R38');
    await registerPistol('MN/12A34', 'Mancor', '.45 ACP', 'M45');
    await registerPistol('XMNA12B34Y', 'Acme', '9x19mm', 'P9');
    // And serials it does not fit.
    await registerPistol('MN-71283', 'Mancor', '9x19mm', 'M8');
    await registerPistol('MN-7128X34', 'Mancor', '9x19mm', 'M8');
    const like = partialSerialPattern('MN?12?34').like;
    const scanned = (await deps.db.query<{ id: string }>('SELECT id FROM registry_items WHERE serial_norm LIKE $1', [like])).map((r) => r.id);
    expect(scanned).toHaveLength(4);
    const ranked = await registry.rankPartialSerial(officer, { serialPattern: 'MN?12?34', make: 'Mancor', calibre: '9x19mm', limit: 50 });
    expect(ranked.total).toBe(scanned.length);
    expect(new Set(ranked.items.map((i) => i.id))).toEqual(new Set(scanned));
    expect(ranked.items[0].id).toBe(stolen);
    const listed = await registry.searchItems(officer, { serialPattern: 'mn-?12?34', limit: 50 });
    expect(listed.total).toBe(scanned.length);
    expect(new Set(listed.items.map((i) => i.id))).toEqual(new Set(scanned));

    const rec = await tracing.recordRecovery(officer, {
      ...base(),
      items: [pistol([{ location: 'frame', state: 'obliterated', serialAsRead: 'MN?12?34' }], { make: 'Mancor', calibre: '9x19mm', model: null })],
    });
    const item = rec.items[0];
    // Refused as too short, the check would have found nothing and registered a new item.
    expect(item.checkOutcome).toBe('candidates');
    expect(item.candidateCount).toBe(4);
    expect(item.candidates[0].registryItemId).toBe(stolen);
    const confirmed = await tracing.confirmCandidate(officer, rec.id, item.id, { registryItemId: stolen });
    expect(confirmed.items[0]).toMatchObject({ checkOutcome: 'hit', registryItemId: stolen });
    expect(confirmed.items[0].match).toMatchObject({ kind: 'lost_stolen_hit', foundBy: 'confirmed_candidate', reportReference: 'PR-MN-8', alertStatus: 'open' });
    expect(confirmed.items[0].match!.reportingAgency!.id).toBe(police);
  });

  it('candidates that agree equally (same make, calibre, model and serial format) are ordered by what their records make likely: reported stolen, then in legal hands, then destroyed; only then by id', async () => {
    // Registered in id order: without the tie-break the destroyed pistol would come first, the stolen one last.
    const destroyed = await registerPistol('TB-400111', 'Tiebreak', '9x19mm', 'T9');
    const held = await registerPistol('TB-400211', 'Tiebreak', '9x19mm', 'T9');
    const stolen = await registerPistol('TB-400311', 'Tiebreak', '9x19mm', 'T9');
    const alsoHeld = await registerPistol('TB-400411', 'Tiebreak', '9x19mm', 'T9');
    await registry.recordEvent(clerk, destroyed, { kind: 'destroyed', occurredAt: '2025-01-10T09:00:00Z', destructionMethod: 'crushing', witnesses: ['W'] });
    await registry.recordEvent(officer, stolen, { kind: 'reported_stolen', occurredAt: '2026-02-01T08:00:00Z', toPartyId: police, authorizationRef: 'PR-TB-3' });
    // A stolen pistol whose calibre disagrees: the tie-break orders equals only, the score comes first.
    const otherCalibre = await registerPistol('TB-400511', 'Tiebreak', '.45 ACP', 'T45');
    await registry.recordEvent(officer, otherCalibre, { kind: 'reported_stolen', occurredAt: '2026-02-01T08:00:00Z', toPartyId: police });
    const query = { serialPattern: 'TB-400?11', make: 'Tiebreak', calibre: '9x19mm', model: 'T9' };
    const ranked = await registry.rankPartialSerial(officer, query);
    expect(new Set(ranked.items.slice(0, 4).map((i) => i.score)).size).toBe(1);
    expect(ranked.items.map((i) => i.id)).toEqual([stolen, held, alsoHeld, destroyed, otherCalibre]);
    expect(await registry.rankPartialSerials(officer, [query])).toEqual([ranked]);

    const rec = await tracing.recordRecovery(officer, {
      ...base(),
      items: [pistol([{ location: 'frame', state: 'obliterated', serialAsRead: 'TB-400?11' }], { make: 'Tiebreak', calibre: '9x19mm', model: 'T9' })],
    });
    expect(rec.items[0].candidates.map((c) => [c.registryItemId, c.rank])).toEqual([[stolen, 1], [held, 2], [alsoHeld, 3], [destroyed, 4], [otherCalibre, 5]]);
  });

  it('the next recovery number follows the year\'s highest (a seven-digit number after every six-digit one), other years apart', async () => {
    const row = (reference: string): store.CaseRow => ({
      id: uuidv7(),
      reference,
      recovered_on: '2026-01-02',
      place_locode: null,
      place_latitude: null,
      place_longitude: null,
      place_text: 'Test',
      agency_party_id: customs,
      recovery_type: 'found',
      legal_justification: 'other',
      criminal_context: 'none',
      legal_reference: null,
      notes: null,
      created_at: new Date(),
      created_by: 'test',
    });
    const rollback = new Error('rollback');
    const seen = await deps.db
      .transaction(async (t) => {
        await store.insertCases(t, ['REC-2031-000009', 'REC-2031-000010', 'REC-2032-000500', 'REC-2031-000002'].map(row));
        const before = [await store.lastReferenceNumber(t, 2031), await store.lastReferenceNumber(t, 2032), await store.lastReferenceNumber(t, 2033)];
        await store.insertCases(t, [row('REC-2031-1000000')]);
        throw Object.assign(rollback, { seen: [...before, await store.lastReferenceNumber(t, 2031)] });
      })
      .catch((err: Error & { seen?: number[] }) => err.seen);
    expect(seen).toEqual([10, 500, 0, 1_000_000]);
  });

  it('recoveries recorded at the same moment all succeed, each with its own next number of the year', async () => {
    // PostgreSQL runs the four on four pooled connections at once; PGlite (one connection) one after another.
    const recs = await Promise.all(
      [1, 2, 3, 4].map((n) => tracing.recordRecovery(officer, { ...base(), legalReference: `SAME-MOMENT-${n}`, items: [pistol([{ location: 'frame', state: 'intact', serialAsRead: `SM-90000${n}` }])] })),
    );
    const numbers = recs.map((r) => Number(r.reference.slice(9))).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(4);
    expect(numbers[3] - numbers[0]).toBe(3);
  });

  it('an item that matches nothing is registered as seized with the State confiscation mark, so it is found again', async () => {
    const rec = await tracing.recordRecovery(officer, {
      ...base(),
      items: [
        pistol([{ location: 'frame', state: 'removed' }], { nature: 'craft', make: null, model: null }),
        { kind: 'ammunition', type: 'complete_round', calibre: '9x19mm', nature: 'industrial', quantity: 250, markings: [] },
      ],
    });
    const [gun, ammo] = rec.items;
    expect(gun.checkOutcome).toBe('registered');
    expect(ammo.checkOutcome).toBe('no_match');
    const registered = await registry.getItem(clerk, gun.registryItemId!);
    expect(registered.status).toBe('seized');
    const mark = `XC-${rec.reference}-1`;
    expect(registered.markings.find((m) => m.kind === 'confiscation')).toMatchObject({ serialNumber: mark, markingCountry: 'XC' });
    expect((await registry.searchItems(officer, { serial: mark })).items.map((i) => i.id)).toEqual([gun.registryItemId]);
  });

  it('bad input is refused with codes naming the field and writes nothing', async () => {
    const before = await count('recovery_cases');
    const e1 = await failure(tracing.recordRecovery(officer, { ...base(), place: {}, items: [pistol([{ location: 'frame', state: 'intact' }], { type: 'bazooka' })] }));
    expect(e1.status).toBe(400);
    expect(e1.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual(
      ['items.0.markings.0.serialAsRead:recovered_marking.reading_required', 'items.0.type:recovered_item.type_invalid', 'place.text:recovery.place_required'].sort(),
    );
    const e2 = await failure(tracing.recordRecovery(officer, { ...base(), recoveredOn: '2026-07-01', agencyPartyId: '0190a0a0-0000-7000-8000-000000000000', items: [pistol([])] }));
    expect(e2.errors.map((e) => e.code)).toEqual(['recovery.date_in_future']);
    const e3 = await failure(tracing.recordRecovery(officer, { ...base(), agencyPartyId: '0190a0a0-0000-7000-8000-000000000000', items: [pistol([])] }));
    expect(e3.errors).toMatchObject([{ field: 'agencyPartyId', code: 'party.not_found' }]);
    const e4 = await failure(tracing.recordRecovery(officer, { ...base(), place: { latitude: 91, longitude: 5.1 }, items: [pistol([{ location: 'frame', state: 'obliterated', serialAsRead: 'A??' }])] }));
    expect(e4.errors.map((e) => e.code).sort()).toEqual(['recovery.latitude_range']);
    expect(await count('recovery_cases')).toBe(before);
  });

  it('industry and the public see nothing of recoveries; auditors read but do not write', async () => {
    expect((await failure(tracing.listRecoveries(actor('industry', maker), {}))).status).toBe(403);
    expect((await failure(tracing.recordRecovery(actor('auditor'), { ...base(), items: [pistol([])] }))).status).toBe(403);
    expect((await tracing.listRecoveries(actor('auditor'), {})).items.length).toBeGreaterThan(0);
  });

  it('a seizure list in CSV is recorded whole, one recovery per case key, every item checked', async () => {
    const id = await registerPistol('CSV-777001');
    await registry.recordEvent(officer, id, { kind: 'reported_lost', occurredAt: '2026-03-01T08:00:00Z', toPartyId: police });
    const csv = [
      'Case,Recovered on,Place LOCODE,Agency party id,Recovery type,Legal justification,Criminal context,Kind,Type,Make,Calibre,Nature,Serial,Marking state,Quantity',
      `A1,2026-05-20,NLAMS,${police},seized,illicit_possession,drugs,firearm,revolver,Colt,.38 Special,industrial,CSV777001,intact,`,
      `A1,2026-05-20,NLAMS,${police},seized,illicit_possession,drugs,ammunition,complete_round,,.38 Special,industrial,,,50`,
      `B2,2026-05-21,NLAMS,${police},surrendered,other,none,firearm,shotgun,,12/70,craft,,unmarked,`,
    ].join('\n');
    const result = await tracing.importSeizureList(officer, Buffer.from(csv));
    expect(result.itemCount).toBe(3);
    expect(result.cases.map((c) => [c.recoveryType, c.itemCount, c.outcomes])).toEqual([
      ['seized', 2, { hit: 1, no_match: 1 }],
      ['surrendered', 1, { registered: 1 }],
    ]);
  });

  it('a seizure list is checked set-based with every behaviour of the form: hits, links, candidates, registrations, one seizure per registry item, all audited', async () => {
    const stolen = await registerPistol('SET-100001');
    await registry.recordEvent(officer, stolen, { kind: 'reported_stolen', occurredAt: '2026-02-01T08:00:00Z', toPartyId: police, authorizationRef: 'PR-SET-1' });
    const held = await registerPistol('SET-100002');
    const partial = await registerPistol('SETQ-887766', 'Borealis', '.45 ACP');
    const auditBefore = (await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;
    const row = (c: string, kind: string, type: string, make: string, calibre: string, serial: string, state: string) =>
      `${c},2026-05-22,NLRTM,${customs},seized,illicit_trafficking,organised_crime,SEIZ-SET,${kind},${type},${make},${calibre},industrial,${serial},${state}`;
    const csv = [
      'case,recovered_on,place_locode,agency_party_id,recovery_type,legal_justification,criminal_context,legal_reference,kind,type,make,calibre,nature,serial,marking_state',
      row('S1', 'firearm', 'self_loading_pistol', 'Acme', '9x19mm', 'set100001', 'intact'),
      row('S1', 'firearm', 'self_loading_pistol', 'Acme', '9x19mm', 'SET 100002', 'intact'),
      // The same weapon twice on the list (two officers' entries): both rows are matched, the registry records one seizure.
      row('S2', 'firearm', 'self_loading_pistol', 'Acme', '9x19mm', 'SET-100002', 'intact'),
      row('S2', 'firearm', 'self_loading_pistol', 'Borealis', '.45 ACP', 'SETQ-8877??', 'obliterated'),
      row('S3', 'firearm', 'revolver', 'Unknown', '.38 Special', '', 'removed'),
      row('S3', 'firearm', 'revolver', 'Unknown', '.38 Special', 'NEW-424242', 'intact'),
      row('S3', 'ammunition', 'complete_round', '', '9x19mm', '', ''),
    ].join('\n');
    const result = await tracing.importSeizureList(officer, Buffer.from(csv));
    expect(result.itemCount).toBe(7);
    expect(result.cases.map((c) => c.outcomes)).toEqual([{ hit: 1, linked: 1 }, { linked: 1, candidates: 1 }, { registered: 2, no_match: 1 }]);

    const [s1, s2, s3] = await Promise.all(result.cases.map((c) => tracing.getRecovery(officer, c.id)));
    expect(s1.items[0].match).toMatchObject({ kind: 'lost_stolen_hit', reportReference: 'PR-SET-1', alertStatus: 'open', recoveryReference: `${s1.reference}/1` });
    expect(s1.items[0].match!.reportingAgency!.id).toBe(police);
    expect([s1.items[1].registryItemId, s2.items[0].registryItemId]).toEqual([held, held]);
    expect(s2.items[1].candidates[0].registryItemId).toBe(partial);
    for (const id of [stolen, held]) {
      const item = await registry.getItem(clerk, id);
      expect(item.status).toBe('seized');
      expect(item.events.filter((e) => e.kind === 'seized')).toHaveLength(1);
      expect(item.events.at(-1)).toMatchObject({ authorizationRef: 'SEIZ-SET' });
    }
    const [removed, read] = s3.items;
    const again = await registry.getItem(clerk, read.registryItemId!);
    expect(again).toMatchObject({ status: 'seized', serialNumber: 'NEW-424242' });
    expect(again.markings.map((m) => m.kind)).toEqual(['other', 'confiscation']);
    expect((await registry.searchItems(officer, { serial: `XC-${s3.reference}-1` })).items.map((i) => i.id)).toEqual([removed.registryItemId]);

    // Audited: three cases, seven items recorded and checked (one entry each, hashing the checked state: the
    // item is written once, with its result), three matches, two seizures (event + item), two registrations
    // (item, marks, seizure event) whose entries name the recovery as their reason.
    const actions = await deps.db.query<{ action: string; n: number }>(
      'SELECT action, count(*)::int AS n FROM audit_log WHERE seq >= $1 GROUP BY action ORDER BY action',
      [auditBefore],
    );
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toEqual({
      'registry.custody_event.seized': 4,
      'registry.item.create': 2,
      'registry.item.custody': 2,
      'registry.marking.create': 3,
      'tracing.match.legal_holding': 2,
      'tracing.match.lost_stolen_hit': 1,
      'tracing.recovered_item.create': 7,
      'tracing.recovery.create': 3,
    });
    const created = await deps.db.query<{ entity_id: string; state_hash: string }>(
      "SELECT entity_id, state_hash FROM audit_log WHERE seq >= $1 AND action = 'tracing.recovered_item.create'",
      [auditBefore],
    );
    const rows = (await Promise.all(result.cases.map((c) => store.listItems(deps.db, c.id)))).flat();
    const marks = await store.listMarkings(deps.db, rows.map((r) => r.id));
    expect(new Set(rows.map((r) => r.check_outcome))).toEqual(new Set(['hit', 'linked', 'candidates', 'registered', 'no_match']));
    expect(Object.fromEntries(created.map((e) => [e.entity_id, e.state_hash]))).toEqual(
      Object.fromEntries(rows.map((r) => [r.id, stateHash(store.recoveredItemState(r, marks.filter((m) => m.recovered_item_id === r.id)))])),
    );
    const reasons = await deps.db.query<{ reason: string }>("SELECT DISTINCT reason FROM audit_log WHERE seq >= $1 AND action = 'registry.item.create' ORDER BY reason", [auditBefore]);
    expect(reasons.map((r) => r.reason)).toEqual([`Recovery ${s3.reference}/1`, `Recovery ${s3.reference}/2`]);
  });

  it('the registry applies its rules to a batch of events as to one: one refused event writes none, naming its place in the batch', async () => {
    const a = await registerPistol('BATCH-0001');
    const b = await registerPistol('BATCH-0002');
    const eventsBefore = await count('registry_custody_events');
    const seize = { kind: 'seized', occurredAt: '2026-05-01T00:00:00Z', toPartyId: customs, authorizationRef: 'SEIZ-B' };
    const refused = await failure(registry.recordEvents(officer, [{ itemId: a, event: seize }, { itemId: b, event: { ...seize, occurredAt: '2099-01-01T00:00:00Z' } }]));
    expect(refused.errors.map((e) => `${e.field}:${e.code}`)).toEqual(['1.occurredAt:event.in_future']);
    const twice = await failure(registry.recordEvents(officer, [{ itemId: a, event: seize }, { itemId: a, event: seize }]));
    expect(twice.errors[0]).toMatchObject({ field: '1.itemId', code: 'event.item_repeated' });
    expect(await count('registry_custody_events')).toBe(eventsBefore);
    const done = await registry.recordEvents(officer, [{ itemId: b, event: seize }, { itemId: a, event: seize }]);
    expect(done.map((i) => [i.id, i.status])).toEqual([[b, 'seized'], [a, 'seized']]);
    expect(await count('registry_custody_events')).toBe(eventsBefore + 2);
    const unfit = await failure(registry.recordEvents(officer, [{ itemId: a, event: { ...seize, occurredAt: '2026-05-02T00:00:00Z' } }]));
    expect(unfit.status).toBe(422);
    expect(await count('registry_custody_events')).toBe(eventsBefore + 2);
  });

  it('a bad seizure list is refused whole, each error naming its line and column', async () => {
    const before = await count('recovered_items');
    const csv = [
      'case,recovered_on,place,agency_party_id,recovery_type,legal_justification,criminal_context,kind,type,nature,serial,marking_state',
      `A,2026-05-20,Dam square,${police},seized,illicit_possession,drugs,firearm,rifle,industrial,AB123,intact`,
      `A,2026-05-21,Dam square,${police},seized,illicit_possession,drugs,firearm,rifle,industrial,AB124,intact`,
      `B,2026-05-20,Dam square,${police},taken,illicit_possession,drugs,firearm,rifle,industrial,AB125,intact`,
      `C,2026-05-20,Dam square,${police},found,other,none,firearm,laser,industrial,,intact`,
    ].join('\r\n');
    const err = await failure(tracing.importSeizureList(officer, Buffer.from(csv)));
    expect(err.status).toBe(400);
    expect(err.errors.map((e) => `${e.line}:${e.field}:${e.code}`)).toEqual([
      '3:recovered_on:csv.case_mismatch',
      '4:recovery_type:csv.invalid_value',
      '5:type:recovered_item.type_invalid',
      '5:serial:recovered_marking.reading_required',
    ]);
    expect(await count('recovered_items')).toBe(before);
    const header = await failure(tracing.importSeizureList(officer, Buffer.from('case,colour\nA,red\n')));
    expect(header.errors.map((e) => e.code)).toContain('csv.unknown_column');
  });

  it('the domestic trace of a stolen pistol names its manufacturer, the last legal holder and the window of diversion; the report prints them', async () => {
    const id = await registerPistol('TR-880011');
    await registry.recordEvent(officer, id, { kind: 'reported_stolen', occurredAt: '2026-04-10T08:00:00Z', toPartyId: police, authorizationRef: 'PR-2026-90', placeText: 'Utrecht' });
    const rec = await tracing.recordRecovery(officer, { ...base(), items: [pistol([{ location: 'frame', state: 'intact', serialAsRead: 'TR880011' }])] });
    const trace = await tracing.traceRecoveredItem(officer, rec.id, rec.items[0].id);
    expect(trace.reference).toMatch(/^TRC-2026-\d{6}$/);
    expect(trace.origin).toMatchObject({ kind: 'manufactured', party: { id: maker }, country: 'BE' });
    expect(trace.chain.map((e) => e.kind)).toEqual(['manufactured', 'transferred']);
    expect(trace.lastLegalHolder?.id).toBe(owner);
    expect(trace.diversion).toMatchObject({ from: '2024-03-01T09:00:00.000Z', to: '2026-04-10T08:00:00.000Z', basis: 'lost_stolen_report', place: 'Utrecht' });
    expect(trace).toMatchObject({ endsAbroad: false, requestCountry: null, illicitOriginEstablished: true });
    expect((await tracing.getRecovery(officer, rec.id)).items[0].traces.map((t) => t.id)).toEqual([trace.id]);

    const { pdf } = await tracing.traceReport(officer, trace.id);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString();
    expect(text).toContain('Domestic trace report / Informe de rastreo nacional');
    expect(text).toContain(trace.reference);
    expect(text).toContain('Ana Pérez'); // a tracing officer may read the holder's name
    expect(text).toContain('2024-03-01 - 2026-04-10');
    expect(text).toContain('Illicit origin established by tracing');
    const withheld = execFileSync('pdftotext', ['-layout', '-', '-'], { input: (await tracing.traceReport(actor('point_of_contact'), trace.id)).pdf }).toString();
    expect(withheld).not.toContain('Pérez');
  });

  it('a foreign-made item that matches nothing is traced to the end of the records: an international request to the country of manufacture', async () => {
    const rec = await tracing.recordRecovery(officer, { ...base(), items: [pistol([{ location: 'frame', state: 'obliterated', serialAsRead: 'NOTHING??' }], { countryOfManufacture: 'BR', make: 'Taurus' })] });
    expect(rec.items[0].checkOutcome).toBe('registered');
    const trace = await tracing.traceRecoveredItem(officer, rec.id, rec.items[0].id);
    expect(trace).toMatchObject({ origin: { kind: 'unknown', country: 'BR' }, endsAbroad: true, requestCountry: 'BR', illicitOriginEstablished: false, lastLegalHolder: null });
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: (await tracing.traceReport(officer, trace.id)).pdf }).toString();
    expect(text).toContain('The records end abroad: international tracing request to');
    expect(text).toContain('BR Brazil / Brasil');
    expect((await failure(tracing.traceRecoveredItem(actor('customs_officer'), rec.id, rec.items[0].id))).status).toBe(403);
  });

  it('a confiscated pistol is destroyed with a signed certificate anyone can check by its number; a changed record reads as altered', async () => {
    const id = await registerPistol('DS-440001');
    const rec = await tracing.recordRecovery(officer, { ...base(), items: [pistol([{ location: 'frame', state: 'intact', serialAsRead: 'DS440001' }])] });
    await registry.recordEvent(officer, id, { kind: 'confiscated', occurredAt: '2026-05-31T09:00:00Z', toPartyId: customs, authorizationRef: 'COURT-2026-5' });
    const bad = await failure(tracing.recordDisposal(officer, { kind: 'destruction', registryItemId: id, disposedOn: '2026-06-01', place: 'State arsenal', method: 'cutting', witnesses: [] }));
    expect(bad.errors.map((e) => e.code)).toEqual(['disposal.witnesses_required']);
    const d = await tracing.recordDisposal(officer, {
      kind: 'destruction',
      registryItemId: id,
      recoveredItemId: rec.items[0].id,
      disposedOn: '2026-06-01',
      place: 'State arsenal, furnace 2',
      method: 'smelting',
      witnesses: ['Inspector A. Ruiz', 'Prosecutor B. Lee'],
    });
    expect(d.certificateNumber).toMatch(/^DST-2026-\d{6}$/);
    // The QR code and the printed address open the public web page, which reads the public check.
    expect(d.verificationUrl).toMatch(new RegExp(`^https?://[^/]+/certificates/${d.certificateNumber}$`));
    const after = await registry.getItem(clerk, id);
    expect(after.status).toBe('destroyed');
    expect(after.events.at(-1)).toMatchObject({ kind: 'destroyed', certificateRef: d.certificateNumber, destructionMethod: 'smelting' });

    const check = await tracing.verifyDisposal(d.certificateNumber);
    expect(check).toMatchObject({ number: d.certificateNumber, status: 'valid', kind: 'destruction', disposedOn: '2026-06-01', item: { serialNumber: 'DS-440001', make: 'Acme' } });
    expect(JSON.stringify(check)).not.toContain('Ruiz');
    const { pdf } = await tracing.disposalCertificate(officer, d.id);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: await pdf() }).toString();
    expect(text).toContain('Destruction certificate');
    expect(text.replace(/\s+/g, ' ')).toContain('Destruction certificate / Certificado de destrucción');
    expect(text).toContain(d.certificateNumber);
    expect(text).toContain('Inspector A. Ruiz; Prosecutor B. Lee');
    expect(text).toContain(d.contentHash);
    expect(text).toContain(d.verificationUrl);

    // Nothing follows destruction in the registry: a second certificate for the same item is refused, nothing written.
    const again = await failure(tracing.recordDisposal(officer, { kind: 'destruction', registryItemId: id, disposedOn: '2026-06-01', place: 'x', method: 'cutting', witnesses: ['W'] }));
    expect(again.errors.map((e) => e.code)).toContain('custody.item_destroyed');
    await deps.db.query(`UPDATE disposals SET method = 'kept in a drawer' WHERE id = $1`, [d.id]);
    expect((await tracing.verifyDisposal(d.certificateNumber)).status).toBe('altered');
    await deps.db.query(`UPDATE disposals SET method = 'smelting' WHERE id = $1`, [d.id]);
    expect((await failure(tracing.verifyDisposal('DST-2026-999999'))).status).toBe(404);
  });

  it('deactivation records the Art. 9 fields and the mark; another disposal needs its authorisation and a State mark', async () => {
    const id = await registerPistol('DA-550001');
    await tracing.recordRecovery(officer, { ...base(), items: [pistol([{ location: 'frame', state: 'intact', serialAsRead: 'DA550001' }])] });
    const missing = await failure(tracing.recordDisposal(officer, { kind: 'deactivation', registryItemId: id, disposedOn: '2026-06-01', place: 'Proof house', method: 'barrel plugged' }));
    expect(missing.errors.map((e) => e.code).sort()).toEqual(['disposal.mark_required', 'disposal.parts_required', 'disposal.standard_required', 'disposal.verifier_required']);
    const d = await tracing.recordDisposal(officer, {
      kind: 'deactivation',
      registryItemId: id,
      disposedOn: '2026-06-01',
      place: 'Proof house',
      method: 'barrel plugged and slotted, firing pin removed',
      standardApplied: 'EU 2015/2403 as amended by 2018/337',
      verifyingAuthority: 'National Proof House',
      essentialParts: ['barrel', 'slide', 'frame'],
      deactivationMark: 'XC-DEACT-2026',
    });
    expect(d.certificateNumber).toMatch(/^DEA-2026-/);
    const item = await registry.getItem(clerk, id);
    expect(item.status).toBe('deactivated');
    expect(item.markings.at(-1)).toMatchObject({ kind: 'deactivation', text: 'XC-DEACT-2026', certificateRef: d.certificateNumber });

    const other = await registerPistol('OT-660001');
    await tracing.recordRecovery(officer, { ...base(), items: [pistol([{ location: 'frame', state: 'intact', serialAsRead: 'OT660001' }])] });
    await registry.recordEvent(officer, other, { kind: 'confiscated', occurredAt: '2026-05-31T09:00:00Z', toPartyId: customs, authorizationRef: 'COURT-2026-6' });
    const input = { kind: 'other', registryItemId: other, disposedOn: '2026-06-01', place: 'Ministry', method: 'transfer to the State reference collection', authorizationRef: 'MIN-ORD-12', authorizingBody: 'Ministry of Interior', recipientPartyId: police };
    expect((await failure(tracing.recordDisposal(officer, input))).errors.map((e) => e.code)).toEqual(['disposal.marking_required']);
    const moved = await tracing.recordDisposal(officer, { ...input, identifyingMarking: 'XC-STATE-0001' });
    expect(moved.certificateNumber).toMatch(/^DSP-2026-/);
    const after = await registry.getItem(clerk, other);
    expect(after).toMatchObject({ status: 'active', holder: { id: police } });
    expect(after.events.at(-1)).toMatchObject({ kind: 'transferred', authorizationRef: 'MIN-ORD-12' });
  });

  it('figures for a period: firearms recovered, those whose illicit origin tracing established, breakdowns and requests', async () => {
    const id = await registerPistol('FG-770001');
    await registry.recordEvent(officer, id, { kind: 'reported_stolen', occurredAt: '2025-01-05T08:00:00Z', toPartyId: police });
    const rec = await tracing.recordRecovery(officer, {
      ...base(),
      recoveredOn: '2025-03-01',
      criminalContext: 'drugs',
      items: [
        pistol([{ location: 'frame', state: 'intact', serialAsRead: 'FG770001' }]),
        pistol([{ location: 'frame', state: 'removed' }], { countryOfManufacture: 'BR', make: 'Taurus' }),
        { kind: 'ammunition', type: 'complete_round', calibre: '9x19mm', nature: 'industrial', quantity: 100, markings: [] },
      ],
    });
    for (const item of rec.items.slice(0, 2)) await tracing.traceRecoveredItem(officer, rec.id, item.id);
    const f = await tracing.tracingFigures(actor('auditor'), { from: '2025-01-01', to: '2025-12-31' });
    expect(f).toMatchObject({ period: { from: '2025-01-01', to: '2025-12-31' }, firearmsRecovered: 2, firearmsOriginEstablished: 1 });
    expect(f.rows).toEqual([
      { recoveryType: 'seized', kind: 'ammunition', type: 'complete_round', legalJustification: 'illicit_trafficking', criminalContext: 'drugs', items: 1, quantity: 100, originEstablished: 0 },
      { recoveryType: 'seized', kind: 'firearm', type: 'self_loading_pistol', legalJustification: 'illicit_trafficking', criminalContext: 'drugs', items: 2, quantity: 2, originEstablished: 1 },
    ]);
    expect((await failure(tracing.tracingFigures(officer, { from: '2025-12-31', to: '2025-01-01' }))).errors[0].code).toBe('figures.period_reversed');
  });

  it('every audited recovery, item and match re-reads to the state its last audit entry hashed', async () => {
    for (const entity of [store.AUDITED_RECOVERY_CASE, store.AUDITED_RECOVERED_ITEM, store.AUDITED_RECOVERY_MATCH, store.AUDITED_DOMESTIC_TRACE, store.AUDITED_DISPOSAL]) {
      const last = await deps.db.query<{ entity_id: string; state_hash: string }>(
        `SELECT DISTINCT ON (entity_id) entity_id, state_hash FROM audit_log WHERE entity = $1 ORDER BY entity_id, seq DESC`,
        [entity.entity],
      );
      expect(last.length).toBeGreaterThan(0);
      const states = await entity.load(deps.db, last.map((r) => r.entity_id));
      for (const r of last) expect(stateHash(states.get(r.entity_id)), `${entity.entity} ${r.entity_id}`).toBe(r.state_hash);
    }
    // And `custodia audit verify` over everything this file wrote (recordings, seizure lists, decisions, registrations).
    const report = await verifyAuditLog(deps, CATALOG.auditedEntities);
    expect(report.problems).toEqual([]);
    expect(report.recordsSkipped).toEqual([]);
  });
});
