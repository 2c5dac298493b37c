import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { figuresQuerySchema, type FigureRecords } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * The records behind a period's figures (tracingFigures): every recovered item with its reference and the
 * facts counted, the tracing requests made and the disposals made. The reporting module lists them in the
 * UNODC return and the Protocol self-assessment so an officer can check each number.
 */
export async function figureRecords(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<FigureRecords> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  const q = parseInput('tracing', figuresQuerySchema, query);
  if (q.from > q.to) throw new ValidationError([{ field: 'to', code: 'figures.period_reversed', message: 'The period ends before it begins.' }]);
  const db = tx ?? readDb(ctx.deps, actor);
  const items = await store.listRecoveredForFigures(db, q.from, q.to);
  const requests = await store.listRequestsForFigures(db, q.from, q.to);
  const disposals = await store.listDisposalsForFigures(db, q.from, q.to);
  return {
    period: { from: q.from, to: q.to },
    items: items.map((r) => ({
      reference: `${r.case_reference}/${Number(r.seq)}`,
      caseReference: r.case_reference,
      recoveredOn: String(r.recovered_on),
      place: r.place_locode ?? r.place_text,
      recoveryType: r.recovery_type,
      legalJustification: r.legal_justification,
      criminalContext: r.criminal_context,
      kind: r.kind,
      type: r.item_type,
      nature: r.nature,
      countryOfManufacture: r.country_of_manufacture,
      quantity: Number(r.quantity),
      markingDefaced: r.marking_defaced,
      originEstablished: r.established,
    })),
    requests: requests.map((r) => ({
      reference: r.reference,
      direction: r.direction,
      status: r.status,
      counterpartState: r.counterpart_state,
      createdOn: r.created_at.toISOString().slice(0, 10),
      respondedOn: r.responded_at?.toISOString().slice(0, 10) ?? null,
    })),
    disposals: disposals.map((d) => ({
      certificateNumber: d.certificate_number,
      kind: d.kind,
      disposedOn: String(d.disposed_on),
      witnesses: Number(d.witnesses),
      verified: d.verified,
      marked: d.marked,
      fromRecovery: d.from_recovery,
    })),
  };
}
