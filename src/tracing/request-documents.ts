import { recordAudit } from '../platform/audit/record.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import { signEnvelope, newEnvelope } from '../exchange/envelope.ts';
import { tracingResponseSchema, type weaponSchema } from '../exchange/messages.ts';
import type { Caveat, MessageType } from '../exchange/model.ts';
import { ValidationError } from '../platform/http/errors.ts';
import type { z } from 'zod';
import { authorityName, todayOf, type RequestDay, type TracingContext } from './context.ts';
import { daysLeft, isAwaiting, isOverdue, reminderStage } from './request-model.ts';
import type { TracingRequest } from './schemas.ts';
import * as store from './store.ts';
import * as photoStore from './store-photographs.ts';
import { traceChain } from './trace-model.ts';
import { traceEvent } from './trace-view.ts';

/**
 * The pieces tracing requests are made of: the ISACS 05.31 weapon and circumstances from a recovery,
 * a response drafted from the registry's chain, signed envelopes in the exchange's format (so the
 * State-to-State exchange carries them unchanged), and the audited save of a request row.
 */

type Weapon = z.infer<typeof weaponSchema>;

/** Envelope lifetime of a signed document: long, because it may travel by hand before it is imported. */
const DOCUMENT_LIFETIME_MS = 14 * 24 * 3_600_000;

const SEVERITY = ['falsified', 'altered', 'obliterated', 'removed', 'intact'] as const;

/** The weapon as ISACS 05.31 asks for it (essential data, marks, physical characteristics) from the recovery. */
export function weaponFromRecovery(item: store.RecoveredItemRow, markings: readonly store.RecoveredMarkingRow[]): Weapon {
  const read = markings.filter((m) => m.state !== 'unmarked');
  const worst = SEVERITY.find((s) => read.some((m) => m.state === s)) ?? null;
  const primary = read.find((m) => m.state === 'intact' && m.serial_as_read) ?? read.find((m) => m.serial_as_read);
  return {
    kind: item.kind,
    type: item.item_type,
    make: item.make,
    model: item.model,
    calibre: item.calibre,
    serialNumber: primary?.serial_as_read ?? null,
    countryOfManufacture: item.country_of_manufacture ?? read.find((m) => m.country_of_manufacture)?.country_of_manufacture ?? null,
    manufacturerName: read.find((m) => m.manufacturer_name)?.manufacturer_name ?? null,
    otherMarkings: read
      .filter((m) => m !== primary && (m.text_as_read || m.serial_as_read))
      .map((m) => ({ kind: 'other' as const, text: (m.text_as_read ?? m.serial_as_read)!.slice(0, 200), location: m.location })),
    markingState: worst,
    physicalCharacteristics: [item.nature !== 'industrial' ? `nature: ${item.nature}` : null, item.description].filter(Boolean).join('; ') || null,
  };
}

/**
 * The weapon with the photographs in force of its recovered item named by hash and media type (ISACS 05.31
 * lists photographs among the weapon's fields). The images travel beside the signed document; their hashes
 * inside it let the receiving State check each one. No photographs: no member, so the body is as before.
 */
export function withPhotoDigests(weapon: Weapon, photographs: readonly photoStore.PhotographRow[]): Weapon {
  const { photoDigests: _drop, ...rest } = weapon;
  if (!photographs.length) return rest;
  return {
    ...rest,
    photoDigests: photographs.slice(0, 50).map((p) => ({ sha256: p.sha256, mediaType: p.media_type, sizeBytes: Number(p.size_bytes), description: p.caption?.slice(0, 300) ?? null })),
  };
}

/** An outgoing request's body with its weapon's photographs as they are now (read when it is drafted and again when it is signed). */
export async function refreshPhotoDigests(t: Tx, body: Record<string, unknown>, recoveredItemId: string | null): Promise<Record<string, unknown>> {
  const weapons = (body.weapons ?? []) as Weapon[];
  if (!recoveredItemId || weapons.length !== 1) return body;
  const current = await photoStore.listCurrentPhotographs(t, [recoveredItemId]);
  return { ...body, weapons: [withPhotoDigests(weapons[0], current)] };
}

/** Signs an exchange envelope with the node's key: the document another State's node imports. */
export async function signDocument(
  ctx: TracingContext,
  input: { type: MessageType; to: string; body: Record<string, unknown>; caveats: Caveat[]; inReplyTo?: string | null },
): Promise<{ token: string; envelopeId: string }> {
  const envelope = newEnvelope({
    from: ctx.deps.config.state,
    to: input.to,
    type: input.type,
    body: input.body,
    caveats: input.caveats,
    inReplyTo: input.inReplyTo ?? null,
    now: ctx.deps.clock.now(),
    lifetimeMs: DOCUMENT_LIFETIME_MS,
  });
  return { token: await signEnvelope(await ctx.keys(), envelope), envelopeId: envelope.id };
}

/** Saves a request row and audits its state as re-read (jsonb members come back as stored). */
export async function saveAudited(ctx: TracingContext, t: Tx, actor: Actor, row: store.RequestRow, action: string, reason?: string | null): Promise<store.RequestRow> {
  await store.saveRequest(t, row);
  const saved = (await store.getRequest(t, row.id))!;
  await recordAudit(t, actor, ctx.deps.clock, { action, entity: 'tracing_request', entityId: row.id, reason: reason ?? null, state: store.requestState(saved) });
  return saved;
}

export function presentRequest(r: store.RequestRow, { today, reminderDays }: RequestDay): TracingRequest {
  return {
    id: r.id,
    direction: r.direction,
    reference: r.reference,
    counterpartState: r.counterpart_state,
    counterpartReference: r.counterpart_reference,
    recoveredItemId: r.recovered_item_id,
    traceId: r.trace_id,
    status: r.status,
    statusReason: r.status_reason,
    priority: r.priority,
    request: r.request_body,
    caveats: r.caveats,
    responseDueOn: r.response_due_on,
    overdue: isOverdue(r.status, r.response_due_on, today),
    reminder: reminderStage(r.status, r.response_due_on, today, reminderDays),
    daysLeft: r.response_due_on !== null && isAwaiting(r.status) ? daysLeft(r.response_due_on, today) : null,
    response: r.response_body,
    requestSigned: r.request_document !== null,
    responseSigned: r.response_document !== null,
    senderKeyFingerprint: r.sender_key_fingerprint,
    sentAt: r.sent_at?.toISOString() ?? null,
    acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    respondedAt: r.responded_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
  };
}

const CHAIN_EVENTS = new Set(['manufactured', 'imported', 'exported', 'transferred', 'reported_lost', 'reported_stolen']);

/**
 * The answer to an incoming request drafted from the registry (ITI: all available relevant information):
 * per weapon, the registry item with its serial, the lawful chain, the last legal holder and how it left
 * legal hands. Organisations are named; a person is named only for roles that may read personal data.
 * The officer reviews, edits and approves it before it is signed.
 */
export async function draftResponseFromRegistry(ctx: TracingContext, actor: Actor, t: Tx, row: store.RequestRow): Promise<Record<string, unknown>> {
  const state = ctx.deps.config.state;
  const weapons = (row.request_body.weapons ?? []) as Weapon[];
  const named = async (partyId: string | null | undefined): Promise<{ name: string; country: string } | null> => {
    if (!partyId) return null;
    const p = await ctx.registry.getParty(actor, partyId, t);
    const name = p.name ?? (p.personal ? [p.personal.givenNames, p.personal.familyName].filter(Boolean).join(' ') : '');
    return name ? { name, country: p.country ?? state } : null;
  };
  const findings = [];
  for (const [weaponIndex, w] of weapons.entries()) {
    const hit = w.serialNumber ? (await ctx.registry.searchItems(actor, { serial: w.serialNumber, kind: w.kind, limit: 2 }, t)).items : [];
    if (hit.length !== 1) {
      findings.push({ weaponIndex, recordFound: false, lastLegalHolder: null, transferChain: [], exportLicenceReferences: [], diversionPointEstablished: false });
      continue;
    }
    const item = await ctx.registry.getItem(actor, hit[0].id, t);
    const trace = traceChain(item.events.map(traceEvent), { countryOfManufacture: item.countryOfManufacture }, todayOf(ctx), state);
    const chainEvents = item.events.filter((e) => CHAIN_EVENTS.has(e.kind));
    const transferChain = [];
    for (const e of chainEvents) {
      transferChain.push({
        date: e.occurredAt.slice(0, 10),
        event: e.kind as 'manufactured',
        country: e.kind === 'exported' || e.kind === 'imported' ? (e.counterpartCountry ?? state) : state,
        from: await named(e.from?.id),
        to: await named(e.to?.id),
        licenceReference: e.authorizationRef,
      });
    }
    const report = item.events.find((e) => e.kind === 'reported_stolen' || e.kind === 'reported_lost');
    findings.push({
      weaponIndex,
      recordFound: true,
      lastLegalHolder: await named(trace.lastLegalHolderPartyId),
      transferChain,
      exportLicenceReferences: item.events.filter((e) => e.kind === 'exported' && e.authorizationRef).map((e) => e.authorizationRef!),
      diversionPointEstablished: trace.established && !!report,
      diversionType: report ? 'theft_or_loss' : null,
      diversionDescription: report ? `Reported ${report.kind === 'reported_stolen' ? 'stolen' : 'lost'} on ${report.occurredAt.slice(0, 10)}.` : null,
    });
  }
  const found = findings.filter((f) => f.recordFound).length;
  return {
    requestReference: row.counterpart_reference,
    responderReference: row.reference,
    outcome: found === 0 ? 'no_record' : found === weapons.length ? 'traced' : 'partially_traced',
    findings,
    respondedBy: { name: authorityName(ctx), contact: actor.name },
  };
}

/** A response body must be the exchange's tracing_response exactly (the exchange carries it unchanged). */
export function parseResponseBody(body: unknown, field = 'response'): Record<string, unknown> {
  const parsed = tracingResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ field: [field, ...i.path.map(String)].join('.'), code: `tracing_response.${i.code}`, message: i.message })));
  }
  return parsed.data as Record<string, unknown>;
}
