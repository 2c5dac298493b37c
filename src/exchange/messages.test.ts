import { describe, expect, it } from 'vitest';
import { EXAMPLE_BODIES } from './fixtures.ts';
import { envelopeBodyProblems, envelopeSchema, fieldErrors, MESSAGE_CATALOGUE } from './messages.ts';
import { MESSAGE_TYPES, type Envelope, type MessageType } from './model.ts';

function envelope(type: MessageType, body: Record<string, unknown>, over: Partial<Envelope> = {}): Envelope {
  return {
    id: '019df26e-2d00-7a3c-9d41-5e2f0c8b7a16',
    from: 'XA',
    to: 'XB',
    type,
    createdAt: '2026-05-04T10:00:00.000Z',
    expiresAt: '2026-05-06T10:00:00.000Z',
    inReplyTo: MESSAGE_CATALOGUE[type].reply === 'required' ? '019df26e-2d00-7a3c-9d41-5e2f0c8b7a17' : null,
    caveats: [],
    body,
    ...over,
  };
}

function bodyErrors(type: MessageType, body: unknown): string[] {
  const r = MESSAGE_CATALOGUE[type].body.safeParse(body);
  return r.success ? [] : fieldErrors(r.error, 'body').map((e) => e.field);
}

describe('message catalogue', () => {
  it('has a body schema for every message type, and every example body passes its schema', () => {
    expect(Object.keys(MESSAGE_CATALOGUE).sort()).toEqual([...MESSAGE_TYPES].sort());
    for (const type of MESSAGE_TYPES) {
      if (type === 'key_rotation') continue; // needs real keys: pins.test.ts
      expect(bodyErrors(type, EXAMPLE_BODIES[type]), type).toEqual([]);
    }
  });

  it('answers only name request types, and every request type has its answer', () => {
    const requests = new Set<string>();
    for (const spec of Object.values(MESSAGE_CATALOGUE)) for (const a of spec.answers ?? []) requests.add(a);
    for (const r of requests) expect(MESSAGE_CATALOGUE[r as MessageType].reply).toBe('none');
    expect([...requests].sort()).toEqual(['delivery_confirmation_request', 'import_authorisation_check', 'lost_stolen_notice', 'tracing_request', 'transit_notification']);
  });

  it('refuses unknown members, so a misspelt field never passes silently', () => {
    expect(bodyErrors('import_authorisation_check', { ...EXAMPLE_BODIES.import_authorisation_check, importCountryy: 'XB' })).toEqual(['body']);
  });

  it('never transforms what was signed (no trimming or case folding)', () => {
    const body = { ...EXAMPLE_BODIES.denial_notification, reason: '  spaces kept  ' };
    const r = MESSAGE_CATALOGUE.denial_notification.body.parse(body);
    expect(r).toEqual(body);
    expect(bodyErrors('denial_notification', { ...body, destination: 'xd' })).toEqual(['body.destination']);
  });
});

describe('body rules the standards require', () => {
  it('Art. 10(2)(a) answer: a refusal to confirm gives reasons; an answer describes the licence unless unknown', () => {
    const base = EXAMPLE_BODIES.import_authorisation_answer;
    expect(bodyErrors('import_authorisation_answer', { ...base, outcome: 'not_confirmed' })).toEqual(['body.reasons']);
    expect(bodyErrors('import_authorisation_answer', { ...base, outcome: 'not_confirmed', reasons: ['Licence revoked on 2026-04-01.'] })).toEqual([]);
    expect(bodyErrors('import_authorisation_answer', { ...base, outcome: 'confirmed', licence: null })).toEqual(['body.licence']);
    expect(bodyErrors('import_authorisation_answer', { ...base, outcome: 'unknown_licence', licence: null, reasons: ['No such licence.'] })).toEqual([]);
  });

  it('Art. 10(2)(b) answer: an objection gives its reason; conditions are listed', () => {
    const base = EXAMPLE_BODIES.transit_answer;
    expect(bodyErrors('transit_answer', { ...base, decision: 'objection', conditions: [] })).toEqual(['body.reason']);
    expect(bodyErrors('transit_answer', { ...base, decision: 'no_objection_with_conditions', conditions: [] })).toEqual(['body.conditions']);
    expect(bodyErrors('transit_answer', { ...base, decision: 'no_objection', conditions: [] })).toEqual([]);
  });

  it('Art. 10(4): a delivery has its date; a discrepancy is described', () => {
    const base = EXAMPLE_BODIES.delivery_confirmation;
    expect(bodyErrors('delivery_confirmation', { ...base, deliveredOn: null })).toEqual(['body.deliveredOn']);
    expect(bodyErrors('delivery_confirmation', { ...base, outcome: 'delivered_with_discrepancy' })).toEqual(['body.discrepancies']);
    expect(bodyErrors('delivery_confirmation', { ...base, outcome: 'not_delivered', deliveredOn: null, linesReceived: [] })).toEqual([]);
  });

  it('ITI tracing request: circumstances, grounds, legal justification and intended use are required', () => {
    const base = EXAMPLE_BODIES.tracing_request as Record<string, unknown>;
    for (const field of ['circumstances', 'illicitGrounds', 'legalJustification', 'intendedUseOfInformation', 'weapons']) {
      const { [field]: _omit, ...rest } = base;
      expect(bodyErrors('tracing_request', rest), field).toEqual([`body.${field}`]);
    }
    expect(bodyErrors('tracing_request', { ...base, illicitGrounds: [] })).toEqual(['body.illicitGrounds']);
  });

  it('ITI tracing response: a delay says why; a restriction names its ground; a trace carries findings', () => {
    const base = EXAMPLE_BODIES.tracing_response;
    expect(bodyErrors('tracing_response', { ...base, outcome: 'delayed', findings: [] })).toEqual(['body.delayReason']);
    expect(bodyErrors('tracing_response', { ...base, outcome: 'restricted', findings: [] })).toEqual(['body.restrictionGround']);
    expect(bodyErrors('tracing_response', { ...base, outcome: 'restricted', findings: [], restrictionGround: 'ongoing_investigation', restrictionExplanation: 'Investigation 12/2026 in progress.' })).toEqual([]);
    expect(bodyErrors('tracing_response', { ...base, findings: [] })).toEqual(['body.findings']);
  });

  it('caveats: a purpose limitation states the purpose', () => {
    const env = envelope('tracing_request', EXAMPLE_BODIES.tracing_request, { caveats: [{ code: 'purpose_limited' }] });
    const r = envelopeSchema.safeParse(env);
    expect(r.success ? [] : fieldErrors(r.error).map((e) => e.field)).toEqual(['caveats.0.text']);
  });
});

describe('envelope members', () => {
  it('accepts a well-formed envelope and refuses each malformed member by name', () => {
    const ok = envelope('import_authorisation_check', EXAMPLE_BODIES.import_authorisation_check);
    expect(envelopeSchema.safeParse(ok).success).toBe(true);
    const cases: [Partial<Envelope>, string][] = [
      [{ id: '019df26e-2d00-4a3c-9d41-5e2f0c8b7a16' }, 'id'], // UUIDv4, not v7
      [{ from: 'xa' }, 'from'],
      [{ to: 'XBB' }, 'to'],
      [{ createdAt: '2026-05-04 10:00:00' }, 'createdAt'],
      [{ expiresAt: '2026-02-30T10:00:00.000Z' }, 'expiresAt'],
      [{ expiresAt: '2026-05-04T24:00:00.000Z' }, 'expiresAt'],
      [{ expiresAt: '2026-05-04T10:61:00.000Z' }, 'expiresAt'],
      [{ createdAt: '2026-05-04T10:00:00.000+02:00' }, 'createdAt'],
      [{ inReplyTo: 'not-a-uuid' }, 'inReplyTo'],
      [{ type: 'Import Check' }, 'type'],
    ];
    for (const [over, field] of cases) {
      const r = envelopeSchema.safeParse({ ...ok, ...over });
      expect(r.success ? [] : fieldErrors(r.error).map((e) => e.field), field).toEqual([field]);
    }
    const { caveats: _c, ...missing } = ok;
    expect(envelopeSchema.safeParse(missing).success).toBe(false);
    expect(envelopeSchema.safeParse({ ...ok, extra: 1 }).success).toBe(false);
  });

  it('ties the body to the envelope: sender and recipient, replies', () => {
    const check = EXAMPLE_BODIES.import_authorisation_check;
    expect(envelopeBodyProblems(envelope('import_authorisation_check', check))).toEqual([]);
    expect(envelopeBodyProblems(envelope('import_authorisation_check', check, { to: 'XC' })).map((p) => p.field)).toEqual(['body.importCountry']);
    expect(envelopeBodyProblems(envelope('import_authorisation_check', check, { from: 'XD' })).map((p) => p.field)).toEqual(['body.exportCountry']);
    expect(envelopeBodyProblems(envelope('transit_notification', EXAMPLE_BODIES.transit_notification, { to: 'XC' }))).toEqual([]);
    expect(envelopeBodyProblems(envelope('transit_notification', EXAMPLE_BODIES.transit_notification, { to: 'XB' })).map((p) => p.field)).toEqual(['body.transit']);
    expect(envelopeBodyProblems(envelope('transit_answer', EXAMPLE_BODIES.transit_answer, { inReplyTo: null })).map((p) => p.code)).toEqual(['envelope.reply_required']);
    expect(envelopeBodyProblems(envelope('tracing_request', EXAMPLE_BODIES.tracing_request, { inReplyTo: '019df26e-2d00-7a3c-9d41-5e2f0c8b7a17' })).map((p) => p.code)).toEqual(['envelope.reply_forbidden']);
    expect(envelopeBodyProblems(envelope('ack', EXAMPLE_BODIES.ack, { to: 'XA' })).map((p) => p.code)).toEqual(['envelope.to_self']);
  });
});
