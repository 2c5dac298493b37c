import { afterAll, beforeAll, expect, it } from 'vitest';
import { newEnvelope, signEnvelope } from '../src/exchange/envelope.ts';
import { EXAMPLE_BODIES } from '../src/exchange/fixtures.ts';
import type { MessageType } from '../src/exchange/model.ts';
import { lockYearlyNumber } from '../src/platform/db/numbering.ts';
import { describeEngines } from './support/engines.ts';
import { enrol, startExchangeNode, type ExchangeNode } from './support/exchange-nodes.ts';
import { testActor } from './support/failure.ts';

/**
 * A batch of incoming envelopes is applied in one transaction. A tracing_request in it takes a number of the
 * yearly request series ("TRQ", shared with the requests officers draft); every other writer of that series
 * takes the number's lock before its first audited write, which holds the audit log's head to its commit.
 * The batch must too, even when an earlier envelope of the batch was audited first: locks taken in two
 * orders deadlock (PostgreSQL), and the officer drafting a request at that moment would get the error.
 */
describeEngines('an incoming batch takes the request-number lock before the audit log', (engine) => {
  // xa receives (ES), xb sends (FR).
  let xa: ExchangeNode;
  let xb: ExchangeNode;
  const officer = testActor('tracing_officer');
  const clerk = testActor('registry_clerk');

  beforeAll(async () => {
    xa = await startExchangeNode(engine, 'ES', 'xa-keys');
    xb = await startExchangeNode(engine, 'FR', 'xb-keys');
    await enrol(xa, xb, ['tracing_request', 'denial_notification']);
  }, 180_000);
  afterAll(async () => {
    for (const n of [xa, xb]) await n?.close();
  });

  const exchange = () => xa.t.app.services.exchange;
  const tracing = () => xa.t.app.services.tracing;
  const count = async (sql: string, params: unknown[] = []) => Number((await xa.t.deps.db.query<{ n: number }>(sql, params))[0].n);
  /** FR's signed envelope to ES; each call a new envelope id (a tracing request with its own reference). */
  const envelope = (type: MessageType, tag: string) => {
    const request = EXAMPLE_BODIES.tracing_request as { circumstances: Record<string, unknown> };
    const body =
      type === 'tracing_request'
        ? { ...request, requestReference: `FR-TR-${tag}`, circumstances: { ...request.circumstances, place: { country: 'FR', description: 'Vehicle check' } } }
        : { ...EXAMPLE_BODIES.denial_notification, reference: `FR-DEN-${tag}`, destination: 'KE', endUser: { name: 'Example Security Services Ltd', address: '1 Main Street', country: 'KE' } };
    return signEnvelope(xb.keys, newEnvelope({ from: 'FR', to: 'ES', type, body, now: xa.t.deps.clock.now(), lifetimeMs: 24 * 3600_000 }));
  };
  /** Both messages handed to the inbox in one turn of the event loop: the group commit applies them as one batch. */
  const receiveTogether = (messages: string[]) => Promise.all(messages.map((message) => exchange().receive({ message })));

  it('applies an audited envelope and a tracing request in one transaction, each exactly once; a redelivery changes nothing', async () => {
    const messages = [await envelope('denial_notification', 'ONCE'), await envelope('tracing_request', 'ONCE')];
    const first = await receiveTogether(messages);
    expect(first.map((r) => ('status' in r ? r.status : r))).toEqual(['accepted', 'accepted']);
    const ids = first.map((r) => (r as { inboxId: string }).inboxId);
    // One transaction: both rows were written by the same one.
    const xmins = await xa.t.deps.db.query<{ x: string }>('SELECT xmin::text AS x FROM exchange_inbox WHERE id = ANY($1::uuid[])', [ids]);
    expect(new Set(xmins.map((r) => r.x)).size).toBe(1);
    const effects = await xa.t.deps.db.query<{ type: string; effect: string; detail: unknown }>('SELECT type, effect, effect_detail AS detail FROM exchange_inbox WHERE id = ANY($1::uuid[]) ORDER BY type', [ids]);
    expect(effects).toMatchObject([{ type: 'denial_notification', effect: 'applied' }, { type: 'tracing_request', effect: 'applied' }]);
    const again = await receiveTogether(messages);
    expect(again.map((r) => ('status' in r ? r.status : r))).toEqual(['duplicate', 'duplicate']);
    expect(await count("SELECT count(*)::int AS n FROM tracing_requests WHERE direction = 'incoming' AND counterpart_reference = 'FR-TR-ONCE'")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM screening_denial WHERE reference = 'FR-DEN-ONCE'")).toBe(1);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'exchange.envelope.receive' AND entity_id = ANY($1::text[])", [ids])).toBe(2);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'tracing.request.receive'")).toBe(1);
  });

  it.runIf(engine === 'postgres')('an officer drafting a request while such a batch arrives is not deadlocked: the batch waits for the number before it writes to the audit log', async () => {
    const year = xa.t.deps.clock.now().getUTCFullYear();
    const agency = (await xa.t.app.services.registry.createParty(clerk, { kind: 'organisation', roles: ['state_agency'], name: 'Policía ES', country: 'ES' })).id;
    const recovery = await tracing().recordRecovery(officer, {
      recoveredOn: '2026-05-20',
      place: { locode: 'ESABC', text: 'Border checkpoint' },
      agencyPartyId: agency,
      recoveryType: 'seized',
      legalJustification: 'illicit_trafficking',
      criminalContext: 'trafficking',
      items: [{ kind: 'firearm', type: 'rifle', make: 'Acme', model: 'R1', calibre: '.308 Win', countryOfManufacture: 'ES', nature: 'industrial', markings: [{ location: 'receiver', state: 'intact', serialAsRead: 'LOCK-1' }] }],
    });
    const messages = [await envelope('denial_notification', 'RACE'), await envelope('tracing_request', 'RACE')];
    const waitingForNumberLock = () => count("SELECT count(DISTINCT pid)::int AS n FROM pg_locks WHERE NOT granted AND pid IN (SELECT pid FROM pg_stat_activity WHERE datname = current_database())");

    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    let proceed!: () => void;
    const go = new Promise<void>((resolve) => (proceed = resolve));
    // The officer's transaction, paused between the number's lock and its audited write (draftTracingRequest
    // takes the same lock again, then writes). Its deadlock check runs first (deadlock_timeout is a superuser
    // setting: the test database's user is one), so on a cycle the officer gets the error, as a user would;
    // with the default both ways, the batch could be the one aborted, retried alone, and the cycle unseen.
    const drafting = xa.t.deps.db.transaction(async (t) => {
      await t.query("SET LOCAL deadlock_timeout = '20ms'");
      await lockYearlyNumber(t, 'tracing.request_reference', year);
      holding();
      await go;
      return tracing().draftTracingRequest(officer, {
        recoveredItemId: recovery.items[0].id,
        counterpartState: 'FR',
        priority: 'routine',
        illicitGrounds: ['illicit_under_national_law'],
        legalJustification: 'Seized.',
        intendedUseOfInformation: 'Investigation.',
        circumstances: 'Found.',
      }, t);
    });
    await held;
    const batch = receiveTogether(messages);
    // The batch reaches the number's lock and waits for the officer's transaction.
    for (let i = 0; i < 2400 && (await waitingForNumberLock()) === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await waitingForNumberLock()).toBe(1);
    proceed();
    const draft = await drafting;
    const results = await batch;
    expect(results.map((r) => ('status' in r ? r.status : r))).toEqual(['accepted', 'accepted']);
    const incoming = await xa.t.deps.db.query<{ reference: string }>("SELECT reference FROM tracing_requests WHERE direction = 'incoming' AND counterpart_reference = 'FR-TR-RACE'");
    expect(incoming).toHaveLength(1);
    // One series: the officer's number first (its transaction held the lock), the received request the next.
    expect(Number(incoming[0].reference.slice(-6))).toBe(Number(draft.reference.slice(-6)) + 1);
    expect(await count("SELECT count(*)::int AS n FROM screening_denial WHERE reference = 'FR-DEN-RACE'")).toBe(1);
  });
});
