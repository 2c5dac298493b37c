import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Tx } from '../../platform/db/types.ts';
import { lockYearlyNumber } from '../../platform/db/numbering.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { inTransaction } from '../../platform/tx.ts';
import type { MarkingInput } from '../../registry/model.ts';
import { parseInput } from '../../platform/validation.ts';
import { todayOf, type TracingContext } from '../context.ts';
import { certificateNumber, contentHash, DISPOSAL_TOKEN_TYP, validateDisposal } from '../disposal-model.ts';
import { certificateContent, presentDisposal } from '../disposal-view.ts';
import { seizureTime, validateRecoveredOn } from '../model.ts';
import { tracingPolicy } from '../policy.ts';
import { disposalInputSchema, type Disposal } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * Disposes of a registry item (Protocol Art. 6(2): destruction unless another disposal is officially
 * authorised; Art. 9: deactivation): the registry records the custody event (destroyed, deactivated, or
 * transferred to the recipient under the authorisation) and, where the rule asks, the mark applied; a
 * certificate is numbered, hashed and signed with the node's key, checkable by anyone by its number.
 * The registry's state machine decides whether the item may be disposed of now (a destroyed item cannot be).
 * A tracing officer records destructions in the registry in their own name; deactivation and transfer are
 * registry events of other roles, so the tracing module records those (and the marks) for the officer, the
 * tracing permission being the gate and the audit entries naming the officer.
 */
export async function recordDisposal(ctx: TracingContext, actor: Actor, input: unknown, tx?: Tx): Promise<Disposal> {
  tracingPolicy.require(actor, 'tracing.disposals.write');
  const body = parseInput('tracing', disposalInputSchema, input);
  const errors = [...validateRecoveredOn(body.disposedOn, todayOf(ctx), 'disposedOn'), ...validateDisposal(body)];
  if (errors.length) throw new ValidationError(errors);
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const item = await ctx.registry.getItem(actor, body.registryItemId, t);
    if (body.recoveredItemId) {
      const recovered = await store.getItem(t, body.recoveredItemId);
      if (!recovered || recovered.registry_item_id !== item.id) {
        throw new ValidationError([{ field: 'recoveredItemId', code: 'disposal.recovered_item_mismatch', message: 'That recovered item is not this registry item.' }]);
      }
    }
    const state = ctx.deps.config.state;
    const now = ctx.deps.clock.now();
    const occurredAt = seizureTime(body.disposedOn, item.lastEventAt ? new Date(item.lastEventAt) : null).toISOString();
    const location = (item.markings[0]?.location ?? 'frame') as MarkingInput['location'];
    const onBehalf: Actor = { kind: 'system', userId: actor.userId, name: `${actor.name} (tracing disposal)`, role: 'administrator', organisationId: null };
    const prefix = body.kind === 'destruction' ? 'DST' : body.kind === 'deactivation' ? 'DEA' : 'DSP';
    // Each kind numbers its own certificates; taken before the registry's audited writes below.
    await lockYearlyNumber(t, `tracing.disposal_certificate.${prefix}`, now.getUTCFullYear());
    const number = certificateNumber(body.kind, now.getUTCFullYear(), (await store.lastCertificateNumber(t, prefix, now.getUTCFullYear())) + 1);

    if (body.kind === 'destruction') {
      await ctx.registry.recordEvent(actor, item.id, { kind: 'destroyed', occurredAt, destructionMethod: body.method, witnesses: body.witnesses, certificateRef: number, placeText: body.place }, t);
    } else if (body.kind === 'deactivation') {
      await ctx.registry.recordEvent(onBehalf, item.id, { kind: 'deactivated', occurredAt, certificateRef: number, placeText: body.place, note: `${body.standardApplied}; verified by ${body.verifyingAuthority}` }, t);
      await ctx.registry.addMarking(onBehalf, item.id, { kind: 'deactivation', location, text: body.deactivationMark, certificateRef: number, markingCountry: state, markingYear: now.getUTCFullYear() }, t);
    } else {
      // Art. 6(2): another disposal only of a marked item; the mark identifying the transfer is applied now, or already there.
      const marked = item.markings.some((m) => m.kind === 'confiscation' || m.kind === 'state_transfer');
      if (!marked && !body.identifyingMarking) {
        throw new ValidationError([{ field: 'identifyingMarking', code: 'disposal.marking_required', message: 'The item bears no confiscation or State mark: record the mark applied before this disposal (Art. 6(2)).' }]);
      }
      if (body.identifyingMarking) {
        await ctx.registry.addMarking(onBehalf, item.id, { kind: 'state_transfer', location, transferringCountry: state, text: body.identifyingMarking }, t);
      }
      await ctx.registry.recordEvent(onBehalf, item.id, { kind: 'transferred', occurredAt, toPartyId: body.recipientPartyId, authorizationRef: body.authorizationRef, placeText: body.place, note: `Authorised by ${body.authorizingBody}` }, t);
    }

    const row: store.DisposalRow = {
      id: uuidv7(),
      certificate_number: number,
      kind: body.kind,
      registry_item_id: item.id,
      recovered_item_id: body.recoveredItemId ?? null,
      disposed_on: body.disposedOn,
      place: body.place,
      method: body.method,
      witnesses: body.witnesses,
      standard_applied: body.standardApplied ?? null,
      verifying_authority: body.verifyingAuthority ?? null,
      essential_parts: body.essentialParts ?? null,
      deactivation_mark: body.deactivationMark ?? null,
      authorization_ref: body.authorizationRef ?? null,
      authorizing_body: body.authorizingBody ?? null,
      recipient_party_id: body.recipientPartyId ?? null,
      identifying_marking: body.identifyingMarking ?? null,
      item_snapshot: { kind: item.kind, type: item.firearmType ?? item.partType ?? item.ammunitionComponent, make: item.make, model: item.model, calibre: item.calibre, serialNumber: item.serialNumber },
      content_hash: '',
      certificate_token: '',
      created_at: now,
      created_by: actor.name,
    };
    row.content_hash = contentHash(certificateContent(row, state));
    const keys = await ctx.keys();
    row.certificate_token = await keys.signCompactJws({ iss: state, sub: number, kind: body.kind, on: body.disposedOn, h: row.content_hash }, { typ: DISPOSAL_TOKEN_TYP });
    await store.insertDisposal(t, row);
    const [saved] = await store.getDisposals(t, [row.id]);
    await recordAudit(t, actor, ctx.deps.clock, { action: `tracing.disposal.${body.kind}`, entity: 'disposal', entityId: row.id, state: store.disposalState(saved) });
    return presentDisposal(ctx, saved);
  });
}
