import { describe, expect, it } from 'vitest';
import {
  addMonths,
  caseClock,
  caseTransition,
  CASE_ACTIONS,
  APPLICATION_STATUSES,
  checkShipment,
  checkShipmentItems,
  DEFAULT_COUNTERSIGN_RULE,
  ITEM_KINDS_BY_LINE_TYPE,
  ITEM_TYPES,
  mlHeadingsFor,
  sameCalibre,
  shipmentEvent,
  APPLICATION_KINDS,
  PUBLIC_WORDINGS,
  PUBLIC_WORDINGS_BY_ACTION,
  publicStatusSince,
  publicWordingFor,
  effectiveLicenceStatus,
  entryCovers,
  evaluateArt10Gate,
  licenceNumber,
  licenceTransition,
  LICENCE_STATUSES,
  LICENCE_ACTIONS,
  publicStatus,
  requiresCountersignature,
  usageStatus,
  brokerRegistrationValid,
  buildSnapshot,
  CONTROL_ENTRY_RE,
  HS_CODE_RE,
  UNLOCODE_RE,
  type GateInput,
  type GoodsLine,
  type ImportAuthorizationEvidence,
  type ShipmentItemFacts,
  type ShipmentItemRuleInput,
  type TransitNoObjectionEvidence,
} from './model.ts';
import { ITEM_STATUSES, statusesAllowing } from '../registry/model.ts';
import { isWassenaarParticipant as isWassenaarParticipantFallback } from '../reference/country-groups.ts';

const rifle: GoodsLine = {
  lineNo: 1,
  description: 'Bolt-action rifle 7.62 mm',
  itemType: 'firearm',
  controlEntry: 'ML1.a',
  hsCode: '930330',
  quantity: 100,
  unit: 'piece',
  valueMinor: 12_000_000,
  currency: 'EUR',
};
const ammo: GoodsLine = { ...rifle, lineNo: 2, description: 'Cartridges 7.62x51', itemType: 'ammunition', controlEntry: 'ML3.a', hsCode: '930630', quantity: 50_000, unit: 'round' };

const auth: ImportAuthorizationEvidence = {
  id: 'a1',
  reference: 'IMP-42',
  issuingState: 'KE',
  issuingAuthority: 'Kenya Firearms Licensing Board',
  issueDate: '2026-05-01',
  expiryDate: '2027-04-30',
  documentSha256: 'ab'.repeat(32),
  goods: [
    { controlEntry: 'ML1', quantity: 100, unit: 'piece' },
    { controlEntry: 'ML3', quantity: 50_000, unit: 'round' },
  ],
  source: 'officer',
};
const noObj = (state: string, noticeDate = '2026-05-20'): TransitNoObjectionEvidence => ({
  id: `n-${state}`,
  state,
  reference: `NO-${state}`,
  noticeDate,
  documentSha256: 'cd'.repeat(32),
  source: 'officer',
});

function gate(over: Partial<GateInput> & { app?: Partial<GateInput['application']> } = {}) {
  const { app, ...rest } = over;
  return evaluateArt10Gate({
    application: { kind: 'export', importCountry: 'KE', transit: [], goods: [rifle, ammo], plannedShipmentDate: null, ...app },
    importAuthorizations: [auth],
    transitNoObjections: [],
    today: '2026-06-01',
    licenceExpiresOn: '2027-04-30',
    settings: { exemptSeaAirTransitWithoutTranshipment: false },
    ...rest,
  });
}
const unmet = (r: ReturnType<typeof gate>) => r.conditions.filter((c) => !c.met).map((c) => c.code);

describe('Art. 10(2) gate', () => {
  it('is met with an import authorization in force that covers goods, quantities and dates, and no transit', () => {
    const r = gate();
    expect(r.applicable).toBe(true);
    expect(r.ok).toBe(true);
    expect(r.conditions.map((c) => c.code)).toEqual([
      'import_authorization.recorded',
      'import_authorization.in_force',
      'import_authorization.covers_dates',
      'import_authorization.covers_goods',
    ]);
  });

  it('does not apply to import, transit and brokering licences', () => {
    for (const kind of ['import', 'transit', 'brokering'] as const) {
      const r = gate({ app: { kind }, importAuthorizations: [] });
      expect(r).toEqual({ applicable: false, ok: true, conditions: [], reliedOn: { importAuthorizations: [], transitNoObjections: [] } });
    }
  });

  it('refuses an export licence without any import authorization', () => {
    expect(unmet(gate({ importAuthorizations: [] }))).toEqual([
      'import_authorization.recorded',
      'import_authorization.in_force',
      'import_authorization.covers_dates',
      'import_authorization.covers_goods',
    ]);
  });

  it('refuses an import authorization issued by a State other than the importing State', () => {
    expect(unmet(gate({ importAuthorizations: [{ ...auth, issuingState: 'UG' }] }))).toContain('import_authorization.recorded');
  });

  it('refuses an import authorization without its document, reference or issuing authority', () => {
    expect(unmet(gate({ importAuthorizations: [{ ...auth, documentSha256: null }] }))).toContain('import_authorization.recorded');
    expect(unmet(gate({ importAuthorizations: [{ ...auth, reference: ' ' }] }))).toContain('import_authorization.recorded');
    expect(unmet(gate({ importAuthorizations: [{ ...auth, issuingAuthority: '' }] }))).toContain('import_authorization.recorded');
    const partial = gate({ importAuthorizations: [{ ...auth, documentSha256: null }] });
    expect(partial.conditions[0].detail).toMatch(/lacks/);
  });

  it('refuses an import authorization not yet in force or already expired', () => {
    expect(unmet(gate({ importAuthorizations: [{ ...auth, issueDate: '2026-06-02' }] }))).toContain('import_authorization.in_force');
    expect(unmet(gate({ importAuthorizations: [{ ...auth, expiryDate: '2026-05-31' }] }))).toContain('import_authorization.in_force');
    expect(unmet(gate({ today: '2026-05-01' }))).toEqual([]);
    expect(unmet(gate({ today: '2027-04-30' }))).toEqual([]);
  });

  it('refuses a licence that would outlast the import authorization (Reg 258/2012 Art. 7(5))', () => {
    expect(unmet(gate({ licenceExpiresOn: '2027-05-01' }))).toEqual(['import_authorization.covers_dates']);
  });

  it('refuses goods the import authorization does not name', () => {
    const r = gate({ app: { goods: [rifle, { ...ammo, lineNo: 3, controlEntry: 'ML2.a', unit: 'piece', quantity: 1 }] } });
    expect(unmet(r)).toEqual(['import_authorization.covers_goods']);
    expect(r.conditions.find((c) => c.code === 'import_authorization.covers_goods')!.detail).toMatch(/line 3 \(ML2.a/);
  });

  it('refuses quantities beyond the import authorization, summed over lines of one entry', () => {
    expect(unmet(gate({ app: { goods: [{ ...rifle, quantity: 101 }] } }))).toEqual(['import_authorization.covers_goods']);
    const split = [
      { ...rifle, quantity: 60 },
      { ...rifle, lineNo: 2, controlEntry: 'ML1.b', quantity: 41 },
    ];
    expect(unmet(gate({ app: { goods: split } }))).toEqual(['import_authorization.covers_goods']);
    expect(unmet(gate({ app: { goods: [{ ...rifle, quantity: 60 }, { ...rifle, lineNo: 2, quantity: 40 }] } }))).toEqual([]);
  });

  it('compares units: rounds do not cover pieces', () => {
    expect(unmet(gate({ app: { goods: [{ ...ammo, unit: 'piece', quantity: 10 }] } }))).toEqual(['import_authorization.covers_goods']);
  });

  it('needs a written no-objection from every transit State, dated no later than today', () => {
    const transit = [
      { country: 'TZ', mode: 'land' as const, transhipment: false },
      { country: 'UG', mode: 'land' as const, transhipment: false },
    ];
    expect(unmet(gate({ app: { transit } }))).toEqual(['transit.TZ.no_objection', 'transit.UG.no_objection']);
    expect(unmet(gate({ app: { transit }, transitNoObjections: [noObj('TZ')] }))).toEqual(['transit.UG.no_objection']);
    expect(unmet(gate({ app: { transit }, transitNoObjections: [noObj('TZ'), noObj('UG')] }))).toEqual([]);
    expect(unmet(gate({ app: { transit }, transitNoObjections: [noObj('TZ'), noObj('UG', '2026-06-02')] }))).toEqual(['transit.UG.no_objection']);
  });

  it('refuses a no-objection dated after the planned shipment', () => {
    const transit = [{ country: 'TZ', mode: 'land' as const, transhipment: false }];
    const r = gate({ app: { transit, plannedShipmentDate: '2026-05-15' }, transitNoObjections: [noObj('TZ', '2026-05-20')] });
    expect(unmet(r)).toEqual(['transit.TZ.no_objection']);
    expect(r.conditions.at(-1)!.detail).toMatch(/planned shipment/);
  });

  it('relies on exactly the evidence that meets its conditions: the signed snapshot cites nothing else (issue 10)', () => {
    const transit = [
      { country: 'TZ', mode: 'land' as const, transhipment: false },
      { country: 'SC', mode: 'sea' as const, transhipment: false },
    ];
    const late = { ...noObj('TZ', '2026-05-28'), id: 'late' };
    const early = { ...noObj('TZ', '2026-05-10'), id: 'early' };
    const otherState = { ...auth, id: 'ug', issuingState: 'UG' };
    const expired = { ...auth, id: 'old', issueDate: '2025-01-01', expiryDate: '2026-01-01' };
    const undocumented = { ...auth, id: 'nodoc', documentSha256: null };
    const r = gate({
      app: { transit, plannedShipmentDate: '2026-05-20' },
      importAuthorizations: [auth, otherState, expired, undocumented],
      transitNoObjections: [late, early, noObj('SC')],
      settings: { exemptSeaAirTransitWithoutTranshipment: true },
    });
    expect(r.ok).toBe(true);
    expect(r.reliedOn.importAuthorizations.map((a) => a.id)).toEqual(['a1']);
    // The no-objection dated after the planned shipment is refused, and the exempt sea leg needs none.
    expect(r.reliedOn.transitNoObjections.map((n) => n.id)).toEqual(['early']);
    const snap = buildSnapshot({
      number: 'XC-EXP-2026-000001',
      applicationReference: 'XC-APP-2026-000001',
      content: { kind: 'export', applicant: { name: 'A', country: 'XC' }, endUser: { name: 'E', country: 'KE' }, intermediateConsignees: [], brokers: [], carriers: [], exportCountry: 'XC', importCountry: 'KE', transit, goods: [rifle], endUse: 'x' },
      issuingState: 'XC',
      issuingAuthority: 'Authority',
      placeOfIssue: 'Capital',
      dateOfIssue: '2026-06-01',
      validFrom: '2026-06-01',
      expiresOn: '2027-04-30',
      conditions: [],
      reliedOn: r.reliedOn,
    });
    expect(snap.importAuthorizations.map((a) => a.reference)).toEqual(['IMP-42']);
    expect(snap.transitNoObjections).toEqual([{ state: 'TZ', reference: 'NO-TZ', noticeDate: '2026-05-10', documentSha256: 'cd'.repeat(32) }]);
  });

  it('exempts sea/air transit without transhipment only when configured', () => {
    const transit = [
      { country: 'ZA', mode: 'sea' as const, transhipment: false },
      { country: 'AE', mode: 'air' as const, transhipment: true },
      { country: 'TZ', mode: 'land' as const, transhipment: false },
    ];
    expect(unmet(gate({ app: { transit } }))).toEqual(['transit.ZA.no_objection', 'transit.AE.no_objection', 'transit.TZ.no_objection']);
    const r = gate({ app: { transit }, settings: { exemptSeaAirTransitWithoutTranshipment: true } });
    expect(unmet(r)).toEqual(['transit.AE.no_objection', 'transit.TZ.no_objection']);
    expect(r.conditions.find((c) => c.code === 'transit.ZA.no_objection')!.exempt).toBe(true);
  });

  it('exempts temporary exports (Art. 10(6)) from transit no-objection but not from the import authorization', () => {
    const transit = [{ country: 'TZ', mode: 'land' as const, transhipment: false }];
    expect(unmet(gate({ app: { kind: 'temporary', transit } }))).toEqual([]);
    expect(unmet(gate({ app: { kind: 'temporary', transit }, importAuthorizations: [] }))).toContain('import_authorization.recorded');
  });

  it('accepts evidence however it arrived (officer or exchange)', () => {
    expect(gate({ importAuthorizations: [{ ...auth, source: 'exchange' }] }).ok).toBe(true);
  });
});

describe('control entries and codes', () => {
  it('a parent entry covers its sub-items only', () => {
    expect(entryCovers('ML1', 'ML1.a')).toBe(true);
    expect(entryCovers('ML1', 'ML1')).toBe(true);
    expect(entryCovers('ML1', 'ML10.a')).toBe(false);
    expect(entryCovers('ML1.a', 'ML1')).toBe(false);
  });
  it('shapes', () => {
    expect(CONTROL_ENTRY_RE.test('ML1.a')).toBe(true);
    expect(CONTROL_ENTRY_RE.test('ML22')).toBe(true);
    expect(CONTROL_ENTRY_RE.test('ML23')).toBe(false);
    expect(CONTROL_ENTRY_RE.test('1A005')).toBe(true);
    expect(HS_CODE_RE.test('930200')).toBe(true);
    expect(HS_CODE_RE.test('9308')).toBe(false);
    expect(UNLOCODE_RE.test('KE MBA')).toBe(true);
    expect(UNLOCODE_RE.test('KEMBA')).toBe(true);
    expect(UNLOCODE_RE.test('KE MB1')).toBe(false);
  });
});

describe('countersignature rule (default: ML1–ML4 export to a non-Wassenaar State)', () => {
  const app = { kind: 'export' as const, importCountry: 'KE', goods: [rifle] };
  it('requires it for ML1 to a non-participant', () => {
    expect(requiresCountersignature(DEFAULT_COUNTERSIGN_RULE, app, isWassenaarParticipantFallback).required).toBe(true);
  });
  it('does not for a Wassenaar participant', () => {
    expect(requiresCountersignature(DEFAULT_COUNTERSIGN_RULE, { ...app, importCountry: 'FR' }, isWassenaarParticipantFallback).required).toBe(false);
  });
  it('does not for goods outside ML1–ML4', () => {
    const g = [{ ...rifle, controlEntry: 'ML13.a' }];
    expect(requiresCountersignature(DEFAULT_COUNTERSIGN_RULE, { ...app, goods: g }, isWassenaarParticipantFallback).required).toBe(false);
    expect(requiresCountersignature(DEFAULT_COUNTERSIGN_RULE, { ...app, goods: [{ ...rifle, controlEntry: 'ML10' }] }, isWassenaarParticipantFallback).required).toBe(false);
  });
  it('does not for import licences; configurable to all destinations or none', () => {
    expect(requiresCountersignature(DEFAULT_COUNTERSIGN_RULE, { ...app, kind: 'import' }, isWassenaarParticipantFallback).required).toBe(false);
    expect(requiresCountersignature({ ...DEFAULT_COUNTERSIGN_RULE, destinations: 'all' }, { ...app, importCountry: 'FR' }, isWassenaarParticipantFallback).required).toBe(true);
    expect(requiresCountersignature({ ...DEFAULT_COUNTERSIGN_RULE, destinations: 'none' }, app, isWassenaarParticipantFallback).required).toBe(false);
  });
  it('names its rule version in the reason', () => {
    expect(requiresCountersignature(DEFAULT_COUNTERSIGN_RULE, app, isWassenaarParticipantFallback).reason).toContain(DEFAULT_COUNTERSIGN_RULE.version);
  });
});

describe('case workflow', () => {
  const allowed: Record<string, string[]> = {
    assign: ['submitted', 'under_review'],
    request_information: ['under_review'],
    provide_information: ['information_requested'],
    recommend: ['under_review', 'recommended', 'countersigned'],
    countersign: ['recommended'],
    issue: ['recommended', 'countersigned'],
    refuse: ['recommended', 'countersigned'],
    withdraw: ['submitted', 'under_review', 'information_requested', 'recommended', 'countersigned'],
  };
  for (const action of CASE_ACTIONS) {
    for (const status of APPLICATION_STATUSES) {
      const ok = allowed[action].includes(status);
      it(`${action} from ${status}: ${ok ? 'allowed' : 'refused'}`, () => {
        expect(caseTransition(status, action).ok).toBe(ok);
      });
    }
  }
  it('closed cases accept nothing', () => {
    for (const status of ['issued', 'refused', 'withdrawn'] as const) {
      for (const action of CASE_ACTIONS) expect(caseTransition(status, action).ok).toBe(false);
    }
  });
});

describe('case clock', () => {
  const d = (kind: string, at: string) => ({ kind, at: new Date(at), data: {} });
  it('pauses while information is requested', () => {
    const decisions = [d('submitted', '2026-01-01T00:00:00Z'), d('information_requested', '2026-01-05T00:00:00Z'), d('information_provided', '2026-01-15T00:00:00Z')];
    expect(caseClock(decisions, new Date('2026-01-21T00:00:00Z'))).toEqual({ elapsedDays: 10, paused: false, pausedDays: 10 });
  });
  it('is paused now when a request is open', () => {
    const decisions = [d('submitted', '2026-01-01T00:00:00Z'), d('information_requested', '2026-01-05T00:00:00Z')];
    expect(caseClock(decisions, new Date('2026-01-21T00:00:00Z'))).toEqual({ elapsedDays: 4, paused: true, pausedDays: 16 });
  });
  it('stops at the decision', () => {
    const decisions = [d('submitted', '2026-01-01T00:00:00Z'), d('issued', '2026-01-08T00:00:00Z')];
    expect(caseClock(decisions, new Date('2026-03-01T00:00:00Z')).elapsedDays).toBe(7);
  });
});

describe('licence lifecycle', () => {
  const fresh = { licensed: 10, used: 0 };
  const expected: Record<string, Record<string, string | null>> = {
    suspend: { issued: 'suspended', partly_used: 'suspended', used: null, expired: null, suspended: null, revoked: null, surrendered: null },
    reinstate: { issued: null, partly_used: null, used: null, expired: null, suspended: 'issued', revoked: null, surrendered: null },
    revoke: { issued: 'revoked', partly_used: 'revoked', used: null, expired: null, suspended: 'revoked', revoked: null, surrendered: null },
    surrender: { issued: 'surrendered', partly_used: 'surrendered', used: null, expired: null, suspended: 'surrendered', revoked: null, surrendered: null },
    expire: { issued: 'expired', partly_used: 'expired', used: null, expired: null, suspended: 'expired', revoked: null, surrendered: null },
  };
  for (const action of LICENCE_ACTIONS) {
    for (const status of LICENCE_STATUSES) {
      const to = expected[action][status];
      it(`${action} from ${status} → ${to ?? 'refused'}`, () => {
        const r = licenceTransition(status, action, fresh);
        expect(r.ok ? r.to : null).toBe(to);
      });
    }
  }
  it('reinstating returns to the usage status', () => {
    expect(licenceTransition('suspended', 'reinstate', { licensed: 10, used: 4 })).toEqual({ ok: true, to: 'partly_used' });
    expect(licenceTransition('suspended', 'reinstate', { licensed: 10, used: 10 })).toEqual({ ok: true, to: 'used' });
  });
  it('an active licence past its expiry reads as expired', () => {
    expect(effectiveLicenceStatus('issued', '2026-05-31', '2026-06-01')).toBe('expired');
    expect(effectiveLicenceStatus('issued', '2026-06-01', '2026-06-01')).toBe('issued');
    expect(effectiveLicenceStatus('revoked', '2026-05-31', '2026-06-01')).toBe('revoked');
  });
  it('public statuses', () => {
    expect(publicStatus('issued')).toBe('valid');
    expect(publicStatus('partly_used')).toBe('valid');
    expect(publicStatus('revoked')).toBe('revoked');
  });
  it('usage status', () => {
    expect(usageStatus([{ quantity: 5, used: 0 }])).toBe('issued');
    expect(usageStatus([{ quantity: 5, used: 5 }, { quantity: 2, used: 1 }])).toBe('partly_used');
    expect(usageStatus([{ quantity: 5, used: 5 }, { quantity: 2, used: 2 }])).toBe('used');
  });
  it('numbers', () => {
    expect(licenceNumber('MX', 'export', 2026, 123)).toBe('MX-EXP-2026-000123');
    expect(licenceNumber('XC', 'temporary', 2026, 1)).toBe('XC-TMP-2026-000001');
  });
  it('adds months clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-06-01', 12)).toBe('2027-06-01');
  });
});

describe('shipment checks', () => {
  const licence = { number: 'XC-EXP-2026-000001', kind: 'export' as const, status: 'issued' as const, validFrom: '2026-06-01', expiresOn: '2027-04-30' };
  const lines = [{ lineNo: 1, quantity: 100, used: 90, unit: 'piece' as const }];
  const ship = (over: Partial<Parameters<typeof checkShipment>[0]> = {}) =>
    checkShipment({ licence, lines, shipment: { shippedOn: '2026-06-10', lines: [{ lineNo: 1, quantity: 10 }] }, today: '2026-06-10', ...over }).map((i) => i.code);
  it('accepts the remaining quantity', () => expect(ship()).toEqual([]));
  it('refuses over-quantity', () => expect(ship({ shipment: { shippedOn: '2026-06-10', lines: [{ lineNo: 1, quantity: 11 }] } })).toEqual(['shipment.over_quantity']));
  it('refuses unknown and duplicate lines', () => {
    expect(ship({ shipment: { shippedOn: '2026-06-10', lines: [{ lineNo: 2, quantity: 1 }] } })).toEqual(['shipment.unknown_line']);
    expect(ship({ shipment: { shippedOn: '2026-06-10', lines: [{ lineNo: 1, quantity: 1 }, { lineNo: 1, quantity: 1 }] } })).toEqual(['shipment.duplicate_line']);
  });
  for (const status of ['suspended', 'revoked', 'surrendered', 'used', 'expired'] as const) {
    it(`refuses a ${status} licence`, () => expect(ship({ licence: { ...licence, status } })).toContain(`shipment.licence_${status}`));
  }
  it('refuses an expired-by-date licence and dates outside validity', () => {
    expect(ship({ today: '2027-05-01', shipment: { shippedOn: '2027-05-01', lines: [{ lineNo: 1, quantity: 1 }] } })).toEqual(['shipment.licence_expired', 'shipment.outside_validity']);
    expect(ship({ shipment: { shippedOn: '2026-05-31', lines: [{ lineNo: 1, quantity: 1 }] } })).toEqual(['shipment.outside_validity']);
  });
  it('refuses a brokering licence and a wrong serial count', () => {
    expect(ship({ licence: { ...licence, kind: 'brokering' } })).toEqual(['shipment.brokering_licence']);
    expect(ship({ shipment: { shippedOn: '2026-06-10', lines: [{ lineNo: 1, quantity: 2, serials: ['A1'] }] } })).toEqual(['shipment.serial_count']);
  });
});

describe('shipment items (issue 10: only the licence holder\'s own items, fitting the line)', () => {
  const A = 'party-a';
  const B = 'party-b';
  const rifle = (over: Partial<ShipmentItemFacts> = {}): ShipmentItemFacts => ({
    id: 'item-1',
    kind: 'firearm',
    type: 'rifle',
    calibre: '.308 Win',
    status: 'active',
    holderPartyId: A,
    keeperPartyId: null,
    ...over,
  });
  const line = { lineNo: 1, itemType: 'firearm' as const, controlEntry: 'ML1.a' };
  function check(items: ShipmentItemFacts[], over: Partial<ShipmentItemRuleInput> = {}) {
    const event = over.event ?? 'exported';
    return checkShipmentItems({
      event,
      holderPartyId: A,
      licenceLines: [line],
      shipmentLines: [{ lineNo: 1, quantity: 10, registryItemIds: items.map((i) => i.id) }],
      items: new Map(items.map((i) => [i.id, i])),
      statusesAllowing: statusesAllowing(event),
      ...over,
    });
  }
  const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

  it('records an export under every kind of licence but brokering, an import under an import licence', () => {
    for (const kind of APPLICATION_KINDS) expect(shipmentEvent(kind), kind).toBe(kind === 'import' ? 'imported' : kind === 'brokering' ? null : 'exported');
  });

  it('exports only items held or kept by the licence holder, and refuses a missing item in the same words', () => {
    expect(check([rifle()])).toEqual([]);
    expect(check([rifle({ holderPartyId: B, keeperPartyId: A, status: 'in_transit' })])).toEqual([]);
    const other = check([rifle({ holderPartyId: B })]);
    expect(other).toEqual([{ field: 'lines.0.registryItemIds.0', code: 'shipment.item_not_held', message: expect.stringContaining('item-1') }]);
    const missing = check([], { shipmentLines: [{ lineNo: 1, quantity: 1, registryItemIds: ['item-1'] }] });
    expect(missing).toEqual(other);
    expect(codes(check([rifle({ holderPartyId: null })]))).toEqual(['shipment.item_not_held']);
    // A licence whose holder is not a registry party can move no registry item.
    expect(codes(check([rifle()], { holderPartyId: null }))).toEqual(['shipment.item_not_held']);
  });

  it('imports only items held by nobody in the State but the importer', () => {
    const incoming = rifle({ status: 'registered', holderPartyId: null });
    expect(check([incoming], { event: 'imported' })).toEqual([]);
    expect(check([rifle({ status: 'exported', holderPartyId: A })], { event: 'imported' })).toEqual([]);
    expect(codes(check([rifle({ status: 'exported', holderPartyId: B })], { event: 'imported' }))).toEqual(['shipment.item_not_for_importer']);
    expect(codes(check([rifle({ status: 'registered', holderPartyId: null, keeperPartyId: B })], { event: 'imported' }))).toEqual(['shipment.item_not_for_importer']);
    expect(codes(check([], { event: 'imported', shipmentLines: [{ lineNo: 1, quantity: 1, registryItemIds: ['nope'] }] }))).toEqual(['shipment.item_not_for_importer']);
  });

  it('allows the event from exactly the statuses the registry allows it from', () => {
    for (const event of ['exported', 'imported'] as const) {
      for (const status of ITEM_STATUSES) {
        const item = rifle({ status, holderPartyId: event === 'imported' ? null : A });
        const allowed = statusesAllowing(event).includes(status);
        expect(codes(check([item], { event })), `${event} from ${status}`).toEqual(allowed ? [] : ['shipment.item_status']);
      }
    }
  });

  it('fits each registry kind only to the lines of its type', () => {
    const items: Record<ShipmentItemFacts['kind'], ShipmentItemFacts> = {
      firearm: rifle(),
      part: rifle({ kind: 'part', type: 'barrel', calibre: null }),
      ammunition: rifle({ kind: 'ammunition', type: 'complete_round' }),
    };
    const entry: Record<string, string> = { firearm: 'ML1.a', part: 'ML1.d', essential_component: 'ML1.d', accessory: 'ML1.d', ammunition: 'ML3.a', other: 'ML1.a' };
    for (const itemType of ITEM_TYPES) {
      for (const [kind, item] of Object.entries(items)) {
        const fits = ITEM_KINDS_BY_LINE_TYPE[itemType].includes(kind as ShipmentItemFacts['kind']);
        expect(codes(check([item], { licenceLines: [{ lineNo: 1, itemType, controlEntry: entry[itemType] }] })), `${kind} on ${itemType}`).toEqual(fits ? [] : ['shipment.item_not_on_line']);
      }
    }
  });

  it('checks the type, calibre and control-list heading where the line names them, and the items a line lists', () => {
    const notOnLine = (item: ShipmentItemFacts, l: Partial<ShipmentItemRuleInput['licenceLines'][number]>) => codes(check([item], { licenceLines: [{ ...line, ...l }] }));
    expect(notOnLine(rifle(), { firearmType: 'rifle', calibre: '308 WIN' })).toEqual([]);
    expect(notOnLine(rifle({ type: 'self_loading_pistol' }), { firearmType: 'rifle' })).toEqual(['shipment.item_not_on_line']);
    expect(notOnLine(rifle({ calibre: '9x19mm' }), { calibre: '.308 Win' })).toEqual(['shipment.item_not_on_line']);
    expect(notOnLine(rifle({ calibre: null }), { calibre: '.308 Win' })).toEqual(['shipment.item_not_on_line']);
    expect(notOnLine(rifle(), { controlEntry: 'ML3.a' })).toEqual(['shipment.item_not_on_line']);
    expect(notOnLine(rifle(), { controlEntry: '1A005' })).toEqual(['shipment.item_not_on_line']);
    expect(notOnLine(rifle({ type: 'grenade_launcher' }), { controlEntry: 'ML1.a' })).toEqual(['shipment.item_not_on_line']);
    expect(notOnLine(rifle({ type: 'grenade_launcher' }), { controlEntry: 'ML2.a' })).toEqual([]);
    // A type the crosswalk gives no guidance for is not held to a heading.
    expect(notOnLine(rifle({ type: 'other' }), { controlEntry: 'ML2.a' })).toEqual([]);
    expect(notOnLine(rifle(), { registryItemIds: ['item-2'] })).toEqual(['shipment.item_not_on_line']);
    expect(notOnLine(rifle(), { registryItemIds: ['item-1', 'item-2'] })).toEqual([]);
    expect(mlHeadingsFor({ kind: 'ammunition', type: null })).toEqual(['ML3']);
    expect(mlHeadingsFor({ kind: 'firearm', type: 'heavy_machine_gun' })).toEqual(['ML1', 'ML2']);
    expect(mlHeadingsFor({ kind: 'firearm', type: null })).toBeNull();
    expect(sameCalibre('7.62x39mm', '7.62 X 39 MM')).toBe(true);
    expect(sameCalibre('7.62x39', '7.62x51')).toBe(false);
  });

  it('names every refused item once, in order, with duplicates and items already moved in the batch', () => {
    const a = rifle({ id: 'a' });
    const b = rifle({ id: 'b', holderPartyId: B });
    const c = rifle({ id: 'c', status: 'stolen' });
    const issues = check([a, b, c], { shipmentLines: [{ lineNo: 1, quantity: 5, registryItemIds: ['a', 'b', 'c', 'a'] }], claimed: new Set(['z']) });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['lines.0.registryItemIds.1', 'shipment.item_not_held'],
      ['lines.0.registryItemIds.2', 'shipment.item_status'],
      ['lines.0.registryItemIds.3', 'shipment.item_duplicate'],
    ]);
    expect(codes(check([a], { claimed: new Set(['a']) }))).toEqual(['shipment.item_duplicate']);
    expect(codes(check([a], { shipmentLines: [{ lineNo: 1, quantity: 0, registryItemIds: ['a'] }] }))).toEqual(['shipment.items_exceed_quantity']);
  });
});

describe('public verification wording and date (issue 10: internal reasons stay internal)', () => {
  it('publishes only a wording the action allows, its default when none is chosen, none for the other actions', () => {
    for (const action of LICENCE_ACTIONS) {
      const allowed = action === 'suspend' || action === 'revoke' || action === 'surrender' ? PUBLIC_WORDINGS_BY_ACTION[action] : [];
      expect(publicWordingFor(action, null), action).toEqual({ ok: true, wording: allowed[0] ?? null });
      for (const w of PUBLIC_WORDINGS) expect(publicWordingFor(action, w).ok, `${action} ${w}`).toBe(allowed.includes(w));
    }
    expect(PUBLIC_WORDINGS_BY_ACTION.surrender[0]).toBe('holder_request');
  });

  it('dates the status a reader sees: the last change, or the day after expiry for a licence not yet swept', () => {
    const at = new Date('2026-03-04T22:00:00Z');
    expect(publicStatusSince({ status: 'revoked', statusChangedAt: at, expiresOn: '2027-01-01' }, '2026-06-01')).toBe('2026-03-04');
    expect(publicStatusSince({ status: 'issued', statusChangedAt: at, expiresOn: '2026-05-31' }, '2026-06-01')).toBe('2026-06-01');
    expect(publicStatusSince({ status: 'suspended', statusChangedAt: at, expiresOn: '2026-04-30' }, '2026-06-01')).toBe('2026-05-01');
    expect(publicStatusSince({ status: 'expired', statusChangedAt: at, expiresOn: '2026-01-31' }, '2026-06-01')).toBe('2026-03-04');
  });
});

describe('broker registration', () => {
  const b = { id: 'b', name: 'B', status: 'active' as const, validFrom: '2026-01-01', validTo: '2026-12-31' };
  it('is valid only while active and in its period', () => {
    expect(brokerRegistrationValid(b, '2026-06-01')).toBe(true);
    expect(brokerRegistrationValid(b, '2027-01-01')).toBe(false);
    expect(brokerRegistrationValid({ ...b, status: 'suspended' }, '2026-06-01')).toBe(false);
    expect(brokerRegistrationValid(undefined, '2026-06-01')).toBe(false);
  });
});
