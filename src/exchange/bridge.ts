/**
 * What envelopes about tracing and denials do on this node (issue 14): each effect goes through the owning
 * module's service, in the transaction that accepts the envelope, under an actor that names the envelope
 * (so every audit entry it causes says which signed message caused it; the inbox keeps that message as
 * received). Licensing's effects are licensing's own (src/licensing/exchange-bridge.ts).
 *
 * - tracing_request → an incoming request in tracing's register, imported by the same path as a signed
 *   document (signature by the pinned key, fingerprint, addressed here), with its answer drafted from the
 *   registry; the point of contact approves it in tracing and the exchange carries it back.
 * - tracing_acknowledgement / tracing_response → the outgoing request's status and the response, likewise.
 * - lost_stolen_notice → a foreign lost/stolen report that recoveries here are checked against (a match sends
 *   a hit_notification to the reporting State); `withdraw` withdraws it.
 * - hit_notification → an open alert here: an item this State reported was recovered abroad.
 * - denial_notification → a received denial (with the notifying State) that licensing's "essentially
 *   identical" check reads (screening's denials), or a later change to one.
 */
import { SYSTEM_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { enrolmentFingerprint } from '../platform/crypto/keys.ts';
import type { Tx } from '../platform/db/types.ts';
import { AppError } from '../platform/http/errors.ts';
import type { ScreeningService } from '../screening/service.ts';
import type { TracingService } from '../tracing/service.ts';
import type { VerifiedEnvelope } from './envelope.ts';
import type { BeforeEffects, EffectOutcome, EnvelopeEffect } from './inbox.ts';
import type { MessageType } from './model.ts';
import * as store from './store.ts';

/** The actor an effect runs as: the system, named after the envelope that caused it. */
export function envelopeActor(v: VerifiedEnvelope): Actor {
  return { ...SYSTEM_ACTOR, name: `exchange:${v.envelope.type}:${v.envelope.from}:${v.envelope.id}` };
}

/**
 * A rule of the receiving module that refuses (a response to a request that is not ours, a denial already
 * recorded) leaves the envelope kept and accepted, with the refusal in the inbox entry: the sender's
 * envelope was authentic and is evidence either way.
 */
export async function guarded(t: Tx, fn: () => Promise<EffectOutcome>): Promise<EffectOutcome> {
  await t.query('SAVEPOINT exchange_effect');
  try {
    const out = await fn();
    await t.query('RELEASE SAVEPOINT exchange_effect');
    return out;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    await t.query('ROLLBACK TO SAVEPOINT exchange_effect');
    return { effect: 'none', detail: { refused: err.detail ?? err.title, errors: err.errors.map((e) => e.code ?? e.field) } };
  }
}

/** The pinned key that signed the envelope, as a key set, and its enrolment fingerprint: tracing's document import checks both. */
async function signingKey(t: Tx, v: VerifiedEnvelope) {
  const peer = await store.peerByState(t, v.envelope.from);
  const pin = peer?.pins.find((p) => p.kid === v.kid);
  if (!pin) throw new Error(`the key ${v.kid} that verified the envelope is not pinned for ${v.envelope.from}`);
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: pin.x, kid: pin.kid };
  return { senderKeys: { keys: [jwk] }, fingerprint: await enrolmentFingerprint(jwk) };
}

/**
 * A tracing_request takes a number of tracing's request series, whose lock tracing's own writers (an officer
 * drafting a request) take before their audited write; in a batch an earlier envelope's effect may already
 * have written to the audit log when the request's turn comes, so the batch takes the lock first.
 */
export function tracingBeforeEffects(tracing: TracingService): BeforeEffects {
  return async (t, batch) => {
    if (batch.some((v) => v.envelope.type === 'tracing_request')) await tracing.lockRequestNumbers(SYSTEM_ACTOR, t);
  };
}

export function tracingExchangeEffects(tracing: TracingService): Partial<Record<MessageType, EnvelopeEffect>> {
  async function importDocument(t: Tx, v: VerifiedEnvelope) {
    return tracing.receiveTracingDocument(envelopeActor(v), { document: v.token, ...(await signingKey(t, v)) }, t);
  }

  return {
    async tracing_request(t, v) {
      return guarded(t, async () => {
        const actor = envelopeActor(v);
        const request = await importDocument(t, v);
        const drafted = await tracing.draftTracingResponse(actor, request.id, undefined, t);
        return { effect: 'applied', detail: { entity: 'tracing_request', id: request.id, reference: request.reference, draftedOutcome: (drafted.response as { outcome?: string } | null)?.outcome ?? null } };
      });
    },
    async tracing_acknowledgement(t, v) {
      return guarded(t, async () => {
        const request = await importDocument(t, v);
        return { effect: 'applied', detail: { entity: 'tracing_request', id: request.id, reference: request.reference, status: request.status } };
      });
    },
    async tracing_response(t, v) {
      return guarded(t, async () => {
        const request = await importDocument(t, v);
        return { effect: 'applied', detail: { entity: 'tracing_request', id: request.id, reference: request.reference, status: request.status } };
      });
    },
    async lost_stolen_notice(t, v) {
      return guarded(t, async () => {
        const r = await tracing.recordForeignReport(envelopeActor(v), { state: v.envelope.from, envelopeId: v.envelope.id, body: v.envelope.body }, t);
        return { effect: 'applied', detail: { entity: 'tracing_foreign_report', id: r.reportId, outcome: r.outcome, hits: r.hits.map((h) => h.id) } };
      });
    },
    async hit_notification(t, v) {
      return guarded(t, async () => {
        const hit = await tracing.recordHitAbroad(envelopeActor(v), { state: v.envelope.from, envelopeId: v.envelope.id, body: v.envelope.body }, t);
        return { effect: 'applied', detail: { entity: 'tracing_hit_abroad', id: hit?.id ?? null } };
      });
    },
  };
}

type DenialBody = {
  reference: string;
  action: 'denial' | 'annulment' | 'suspension' | 'modification' | 'revocation' | 'withdrawal' | 'end_of_suspension';
  deniedOn: string;
  destination: string;
  endUser: { name: string };
  controlCategories: string[];
  criterion?: string | null;
  reason: string;
};

export function screeningExchangeEffects(screening: ScreeningService): Partial<Record<MessageType, EnvelopeEffect>> {
  return {
    async denial_notification(t, v) {
      const d = v.envelope.body as DenialBody;
      const reason = (d.criterion ? `${d.criterion}: ${d.reason}` : d.reason).slice(0, 2000);
      return guarded(t, async () => {
        const fields = { notifyingState: v.envelope.from, reference: d.reference, deniedOn: d.deniedOn, destination: d.destination, endUserName: d.endUser.name, controlCategories: d.controlCategories, reason };
        const denial =
          d.action === 'denial'
            ? await screening.recordReceivedDenial(envelopeActor(v), fields, t)
            : await screening.changeReceivedDenial(envelopeActor(v), { ...fields, action: d.action }, t);
        return { effect: 'applied', detail: { entity: 'screening_denial', id: denial.id, action: d.action, inForce: denial.revokedAt === null } };
      });
    },
  };
}
