import type { Actor } from '../../platform/auth/actor.ts';
import { enrolmentFingerprint, JwsVerificationError, verifyCompactJws } from '../../platform/crypto/keys.ts';
import type { Tx } from '../../platform/db/types.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { envelopeProblems } from '../../exchange/envelope.ts';
import { normaliseFingerprint, type Envelope } from '../../exchange/model.ts';
import { parseInput } from '../../platform/validation.ts';
import { requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { parseResponseBody, presentRequest, saveAudited } from '../request-documents.ts';
import { dueDate, responseDaysFor, statusForOutcome } from '../request-model.ts';
import { receiveDocumentSchema, type TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';
import { nextRequestReference } from './lock-request-numbers.ts';

const refuse = (code: string, message: string, field = 'document') => new ValidationError([{ field, code, message }]);

/**
 * Imports a signed tracing document from another State (until the State-to-State exchange carries them):
 * its signature is verified with the sender's key set, whose key the officer has compared by fingerprint
 * with the other State out of band; the envelope must be for this State and valid by the exchange's own
 * rules. A tracing_request opens an incoming request; an acknowledgement or response updates the
 * outgoing request it names. The document is kept as received, caveats with it.
 */
export async function receiveTracingDocument(ctx: TracingContext, actor: Actor, input: unknown, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.write');
  const body = parseInput('tracing', receiveDocumentSchema, input);
  let verified: { payload: Record<string, unknown>; kid: string };
  try {
    verified = await verifyCompactJws(body.document, body.senderKeys as never);
  } catch (err) {
    if (err instanceof JwsVerificationError) throw refuse('tracing_document.signature', `The signature does not verify with the key set given: ${err.message}.`);
    throw err;
  }
  const key = body.senderKeys.keys.find((k) => k.kid === verified.kid) as { kty: string; crv: string; x: string };
  if (normaliseFingerprint(await enrolmentFingerprint(key)) !== normaliseFingerprint(body.fingerprint)) {
    throw refuse('tracing_document.fingerprint', 'The signing key is not the one whose fingerprint was confirmed with the other State.', 'fingerprint');
  }
  const problems = envelopeProblems(verified.payload);
  if (problems) throw new ValidationError(problems.fields.map((f) => ({ ...f, field: `document.${f.field}` })));
  const envelope = verified.payload as unknown as Envelope<Record<string, unknown>>;
  if (envelope.to !== ctx.deps.config.state) throw refuse('tracing_document.not_for_us', `The document is addressed to ${envelope.to}.`);

  return inTransaction(ctx.deps.db, tx, async (t) => {
    const now = ctx.deps.clock.now();
    const fingerprint = await enrolmentFingerprint(key);
    if (envelope.type === 'tracing_request') {
      if (await store.findByEnvelope(t, 'incoming', envelope.from, envelope.id)) throw new ConflictError('This request was already received.', [{ field: 'document', code: 'tracing_document.duplicate', message: 'Already received.' }]);
      const b = envelope.body;
      const row: store.RequestRow = {
        id: uuidv7(),
        direction: 'incoming',
        // One series with the outgoing drafts (draft-tracing-request.ts).
        reference: await nextRequestReference(t, now),
        counterpart_state: envelope.from,
        counterpart_reference: b.requestReference as string,
        recovered_item_id: null,
        trace_id: null,
        status: 'received',
        status_reason: null,
        priority: b.priority as 'routine' | 'urgent',
        request_body: b,
        caveats: envelope.caveats,
        response_due_on: (b.responseRequestedBy as string | null) ?? dueDate(now, responseDaysFor(b.priority as 'routine' | 'urgent', ctx.deps.config.tracing)),
        request_document: body.document,
        request_envelope_id: envelope.id,
        sender_key_fingerprint: fingerprint,
        response_body: null,
        response_document: null,
        sent_at: null,
        acknowledged_at: null,
        responded_at: null,
        closed_at: null,
        created_at: now,
        created_by: actor.name,
        updated_at: now,
      };
      return presentRequest(await saveAudited(ctx, t, actor, row, 'tracing.request.receive'), requestDayOf(ctx));
    }
    if (envelope.type !== 'tracing_acknowledgement' && envelope.type !== 'tracing_response') {
      throw refuse('tracing_document.type', `A ${envelope.type} is not a tracing document.`);
    }
    const row = envelope.inReplyTo ? await store.findByEnvelope(t, 'outgoing', envelope.from, envelope.inReplyTo, true) : undefined;
    if (!row) throw new NotFoundError('Outgoing tracing request answered by this document', envelope.inReplyTo ?? '');
    const b = envelope.body;
    const next: store.RequestRow =
      envelope.type === 'tracing_acknowledgement'
        ? { ...row, status: row.status === 'sent' ? 'acknowledged' : row.status, counterpart_reference: b.responderReference as string, acknowledged_at: now, response_due_on: (b.expectedResponseBy as string | null) ?? row.response_due_on, updated_at: now }
        : {
            ...row,
            status: statusForOutcome(parseResponseBody(b, 'document.body').outcome as 'traced'),
            status_reason: (b.delayReason as string | null) ?? (b.restrictionExplanation as string | null) ?? null,
            counterpart_reference: b.responderReference as string,
            response_body: b,
            response_document: body.document,
            responded_at: now,
            updated_at: now,
          };
    return presentRequest(await saveAudited(ctx, t, actor, next, `tracing.request.${envelope.type === 'tracing_acknowledgement' ? 'acknowledged' : 'response_received'}`), requestDayOf(ctx));
  });
}
