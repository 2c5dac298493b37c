import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { testNodeKeys } from '../../test/support/exchange-keys.ts';
import { newEnvelope, signEnvelope } from '../exchange/envelope.ts';
import type { Role } from '../platform/auth/actor.ts';
import { loadConfig } from '../platform/config.ts';
import { enrolmentFingerprint, type NodeKeys } from '../platform/crypto/keys.ts';
import { daysLeft, deadlineErrors, reminderStage, remindUntil, responseDaysFor } from './request-model.ts';

describe('tracing request deadlines (pure rules)', () => {
  it('a reminder is approaching within the reminder days, due on the day, overdue after; only while an answer is awaited', () => {
    expect(reminderStage('sent', '2026-06-20', '2026-06-10', 7)).toBeNull();
    expect(reminderStage('sent', '2026-06-17', '2026-06-10', 7)).toBe('approaching');
    expect(reminderStage('acknowledged', '2026-06-10', '2026-06-10', 7)).toBe('due');
    expect(reminderStage('received', '2026-06-09', '2026-06-10', 0)).toBe('overdue');
    expect(reminderStage('responded', '2026-06-01', '2026-06-10', 7)).toBeNull();
    expect(reminderStage('draft', '2026-06-01', '2026-06-10', 7)).toBeNull();
    expect(reminderStage('sent', null, '2026-06-10', 7)).toBeNull();
    expect(daysLeft('2026-03-01', '2026-02-27')).toBe(2);
    expect(daysLeft('2026-06-07', '2026-06-10')).toBe(-3);
    expect(remindUntil('2026-12-30', 5)).toBe('2027-01-04');
  });

  it('the default deadline depends on the priority, from the configuration, whose values are checked', () => {
    const c = loadConfig({}).tracing;
    expect(c).toEqual({ routineResponseDays: 30, urgentResponseDays: 10, reminderDays: 7 });
    expect(responseDaysFor('urgent', c)).toBe(10);
    expect(responseDaysFor('routine', loadConfig({ CUSTODIA_TRACING_RESPONSE_DAYS: '45' }).tracing)).toBe(45);
    expect(loadConfig({ CUSTODIA_TRACING_REMINDER_DAYS: '0' }).tracing.reminderDays).toBe(0);
    expect(() => loadConfig({ CUSTODIA_TRACING_URGENT_RESPONSE_DAYS: '0' })).toThrow(/CUSTODIA_TRACING_URGENT_RESPONSE_DAYS/);
    expect(() => loadConfig({ CUSTODIA_TRACING_RESPONSE_DAYS: 'soon' })).toThrow(/CUSTODIA_TRACING_RESPONSE_DAYS/);
  });

  it('a deadline is set only while an answer may still come, and not in the past', () => {
    expect(deadlineErrors('draft', '2026-06-10', '2026-06-10')).toEqual([]);
    expect(deadlineErrors('delayed', '2026-07-01', '2026-06-10')).toEqual([]);
    expect(deadlineErrors('sent', '2026-06-09', '2026-06-10').map((e) => e.code)).toEqual(['tracing_request.deadline_past']);
    expect(deadlineErrors('closed', '2026-07-01', '2026-06-10').map((e) => e.code)).toEqual(['tracing_request.deadline_not_awaiting']);
  });
});

describeEngines('tracing: response deadlines and reminders over HTTP', (engine) => {
  let t: TestApp;
  let keysDir: string;
  let xb: NodeKeys;
  let cleanupKeys: () => void;
  let police: string;

  const call = async (method: 'GET' | 'POST', url: string, role: Role, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: await t.headersFor(role), ...(payload === undefined ? {} : { payload: payload as object }) });

  /** A recovered foreign-made pistol and an outgoing request drafted for it. */
  async function draft(priority: 'routine' | 'urgent', serial: string) {
    const rec = await call('POST', '/tracing/recoveries', 'tracing_officer', {
      recoveredOn: '2026-05-20',
      place: { text: 'Port' },
      agencyPartyId: police,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'trafficking',
      items: [{ kind: 'firearm', type: 'self_loading_pistol', make: 'Taurus', calibre: '9x19mm', countryOfManufacture: 'BR', nature: 'industrial', markings: [{ location: 'frame', state: 'intact', serialAsRead: serial }] }],
    });
    expect(rec.statusCode).toBe(201);
    const res = await call('POST', '/tracing/requests', 'tracing_officer', {
      recoveredItemId: rec.json().items[0].id,
      counterpartState: 'XB',
      priority,
      illicitGrounds: ['illicit_under_national_law'],
      legalJustification: 'Criminal Code art. 12.',
      intendedUseOfInformation: 'Criminal investigation.',
      circumstances: 'Seized at the port.',
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; reference: string };
  }

  /** An incoming request signed by XB's node, imported as the officers import a file. */
  async function incoming(reference: string, responseRequestedBy: string | null) {
    const env = newEnvelope({
      from: 'XB',
      to: 'XC',
      type: 'tracing_request',
      now: t.deps.clock.now(),
      lifetimeMs: 86_400_000,
      inReplyTo: null,
      caveats: [],
      body: {
        requestReference: reference,
        requestingAgency: { name: 'XB Police' },
        priority: 'urgent',
        weapons: [{ kind: 'firearm', serialNumber: `${reference}-1` }],
        circumstances: { recoveryType: 'found', date: '2026-05-01', place: { country: 'XB' }, description: 'Found.' },
        illicitGrounds: ['not_marked'],
        legalJustification: 'XB law.',
        intendedUseOfInformation: 'Investigation.',
        responseRequestedBy,
      },
    });
    const res = await call('POST', '/tracing/documents', 'tracing_officer', { document: await signEnvelope(xb, env), senderKeys: xb.publicJwks(), fingerprint: await enrolmentFingerprint(xb.publicJwk) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; responseDueOn: string };
  }

  beforeAll(async () => {
    keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-deadlines-'));
    ({ keys: [xb], cleanup: cleanupKeys } = await testNodeKeys(null));
    // Not the defaults: the configuration decides.
    t = await createTestApp(engine, { keysDir, tracing: { routineResponseDays: 20, urgentResponseDays: 5, reminderDays: 3 } });
    police = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['state_agency'], name: 'Police', country: 'XC' })).json().id;
  });
  afterAll(async () => {
    await t?.close();
    cleanupKeys?.();
    if (keysDir) fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('deadlines come from the priority or the officer, every change audited, and reminders list what is near, due or late', async () => {
    // 2026-06-01: an urgent request is due in 5 days, a routine one in 20; a draft may carry an agreed date.
    const urgent = await draft('urgent', 'TX-1');
    const routine = await draft('routine', 'TX-2');
    const agreed = await draft('routine', 'TX-3');
    const set = await call('POST', `/tracing/requests/${agreed.id}/deadline`, 'tracing_officer', { responseDueOn: '2026-06-03', reason: 'Agreed with XB by telephone.' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ status: 'draft', responseDueOn: '2026-06-03', reminder: null, daysLeft: null });

    expect((await call('POST', `/tracing/requests/${urgent.id}/send`, 'tracing_officer')).json()).toMatchObject({ responseDueOn: '2026-06-06', reminder: null, daysLeft: 5 });
    expect((await call('POST', `/tracing/requests/${routine.id}/send`, 'tracing_officer')).json()).toMatchObject({ responseDueOn: '2026-06-21' });
    const agreedSent = (await call('POST', `/tracing/requests/${agreed.id}/send`, 'tracing_officer')).json();
    expect(agreedSent).toMatchObject({ responseDueOn: '2026-06-03', reminder: 'approaching', daysLeft: 2, request: { responseRequestedBy: '2026-06-03' } });

    // Incoming: our answer is due on the date asked, else after the days for its priority.
    const asked = await incoming('XB-1', '2026-06-02');
    expect(asked.responseDueOn).toBe('2026-06-02');
    const unasked = await incoming('XB-2', null);
    expect(unasked.responseDueOn).toBe('2026-06-06');

    // 2026-06-03: XB-1 is overdue, the agreed request due today, the urgent one and XB-2 approaching (3 days left).
    t.deps.clock.set(new Date('2026-06-03T08:00:00Z'));
    const reminders = await call('GET', '/tracing/requests/reminders', 'point_of_contact');
    expect(reminders.statusCode).toBe(200);
    expect(reminders.json()).toMatchObject({ asOf: '2026-06-03', reminderDays: 3, counts: { overdue: 1, due: 1, approaching: 2 } });
    expect(reminders.json().items.map((r: { id: string; reminder: string; daysLeft: number }) => [r.id, r.reminder, r.daysLeft])).toEqual([
      [asked.id, 'overdue', -1],
      [agreed.id, 'due', 0],
      [urgent.id, 'approaching', 3],
      [unasked.id, 'approaching', 3],
    ]);
    const mine = await call('GET', '/tracing/requests/reminders?direction=incoming', 'tracing_officer');
    expect(mine.json().counts).toEqual({ overdue: 1, due: 0, approaching: 1 });
    const listed = await call('GET', '/tracing/requests?reminder=true', 'tracing_officer');
    expect(listed.json().items.map((r: { id: string }) => r.id).sort()).toEqual([asked.id, agreed.id, urgent.id, unasked.id].sort());
    expect((await call('GET', '/tracing/requests?overdue=true', 'tracing_officer')).json().items.map((r: { id: string }) => r.id)).toEqual([asked.id]);

    // An extension granted: the request leaves the overdue list; the change is in the audit log with its reason.
    const moved = await call('POST', `/tracing/requests/${asked.id}/deadline`, 'point_of_contact', { responseDueOn: '2026-06-30', reason: 'XB agreed to wait for the laboratory.' });
    expect(moved.json()).toMatchObject({ responseDueOn: '2026-06-30', reminder: null, overdue: false, daysLeft: 27 });
    const audit = await t.deps.db.query<{ action: string; reason: string | null }>(`SELECT action, reason FROM audit_log WHERE entity = 'tracing_request' AND entity_id = $1 ORDER BY seq`, [asked.id]);
    expect(audit.at(-1)).toEqual({ action: 'tracing.request.deadline', reason: 'XB agreed to wait for the laboratory.' });
    const before = audit.length;
    // The same date again changes nothing and writes nothing.
    expect((await call('POST', `/tracing/requests/${asked.id}/deadline`, 'point_of_contact', { responseDueOn: '2026-06-30', reason: 'again' })).statusCode).toBe(200);
    expect((await t.deps.db.query(`SELECT 1 FROM audit_log WHERE entity = 'tracing_request' AND entity_id = $1`, [asked.id])).length).toBe(before);
    expect((await call('GET', '/tracing/requests/reminders', 'tracing_officer')).json().counts).toEqual({ overdue: 0, due: 1, approaching: 2 });

    // Refused: a date in the past, a request no longer awaiting an answer, a missing reason, a role that may not.
    const past = await call('POST', `/tracing/requests/${urgent.id}/deadline`, 'tracing_officer', { responseDueOn: '2026-06-01', reason: 'x' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors.map((e: { code: string }) => e.code)).toEqual(['tracing_request.deadline_past']);
    expect((await call('POST', `/tracing/requests/${urgent.id}/status`, 'tracing_officer', { status: 'closed' })).statusCode).toBe(200);
    const closed = await call('POST', `/tracing/requests/${urgent.id}/deadline`, 'tracing_officer', { responseDueOn: '2026-07-01', reason: 'x' });
    expect(closed.json().errors.map((e: { code: string }) => e.code)).toEqual(['tracing_request.deadline_not_awaiting']);
    expect((await call('POST', `/tracing/requests/${routine.id}/deadline`, 'tracing_officer', { responseDueOn: '2026-07-01' })).statusCode).toBe(400);
    expect((await call('POST', `/tracing/requests/${routine.id}/deadline`, 'auditor', { responseDueOn: '2026-07-01', reason: 'x' })).statusCode).toBe(403);
    expect((await call('GET', '/tracing/requests/reminders', 'customs_officer')).statusCode).toBe(403);
  });
});
