import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import { tracingRequestSchema as requestBodySchema } from '../../exchange/messages.ts';
import { parseInput } from '../../platform/validation.ts';
import { authorityName, requestDayOf, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { presentRequest, refreshPhotoDigests, saveAudited, weaponFromRecovery } from '../request-documents.ts';
import { draftRequestSchema, type TracingRequest } from '../schemas.ts';
import * as store from '../store.ts';
import { nextRequestReference } from './lock-request-numbers.ts';

/**
 * Drafts an outgoing international tracing request (ISACS 05.31) for a recovered item: the weapon and
 * the circumstances come from the recovery, the officer gives the illicit grounds, legal justification,
 * intended use of the information and the caveats (Art. 12(5)). The body is the exchange's
 * tracing_request exactly; nothing is sent until it is signed.
 */
export async function draftTracingRequest(ctx: TracingContext, actor: Actor, input: unknown, tx?: Tx): Promise<TracingRequest> {
  tracingPolicy.require(actor, 'tracing.requests.write');
  const body = parseInput('tracing', draftRequestSchema, input);
  if (body.counterpartState === ctx.deps.config.state) {
    throw new ValidationError([{ field: 'counterpartState', code: 'tracing_request.own_state', message: 'A tracing request goes to another State.' }]);
  }
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const item = await store.getItem(t, body.recoveredItemId);
    if (!item) throw new NotFoundError('Recovered item', body.recoveredItemId);
    const c = (await store.getCase(t, item.case_id))!;
    if (body.traceId && !(await store.listTracesForItems(t, [item.id])).some((tr) => tr.id === body.traceId)) {
      throw new ValidationError([{ field: 'traceId', code: 'tracing_request.trace_not_of_item', message: 'The trace is not one of this recovered item.' }]);
    }
    const markings = await store.listMarkings(t, [item.id]);
    const now = ctx.deps.clock.now();
    // One series with the incoming requests (receive-tracing-document.ts).
    const reference = await nextRequestReference(t, now);
    const locode = c.place_locode?.replace(' ', '') ?? null;
    const requestBody = await refreshPhotoDigests(t, {
      requestReference: reference,
      requestingAgency: { name: authorityName(ctx), contact: actor.name },
      priority: body.priority,
      weapons: [weaponFromRecovery(item, markings)],
      circumstances: {
        recoveryType: c.recovery_type,
        date: c.recovered_on,
        place: { country: locode ? locode.slice(0, 2) : ctx.deps.config.state, locode, description: c.place_text },
        seizureReference: c.legal_reference ?? c.reference,
        description: body.circumstances,
      },
      illicitGrounds: body.illicitGrounds,
      legalJustification: body.legalJustification,
      intendedUseOfInformation: body.intendedUseOfInformation,
      requestedInformation: body.requestedInformation ?? null,
      responseRequestedBy: null,
    }, item.id);
    const parsed = requestBodySchema.safeParse(requestBody);
    if (!parsed.success) {
      throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), code: `tracing_request.${i.code}`, message: i.message })));
    }
    const row: store.RequestRow = {
      id: uuidv7(),
      direction: 'outgoing',
      reference,
      counterpart_state: body.counterpartState,
      counterpart_reference: null,
      recovered_item_id: item.id,
      trace_id: body.traceId ?? null,
      status: 'draft',
      status_reason: null,
      priority: body.priority,
      request_body: requestBody,
      caveats: body.caveats,
      response_due_on: null,
      request_document: null,
      request_envelope_id: null,
      sender_key_fingerprint: null,
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
    return presentRequest(await saveAudited(ctx, t, actor, row, 'tracing.request.draft'), requestDayOf(ctx));
  });
}
