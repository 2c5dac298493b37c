import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { readDb } from '../../platform/db/replica.ts';
import { ValidationError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/validation.ts';
import type { TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import { figuresQuerySchema, type Figures } from '../schemas.ts';
import * as store from '../store.ts';

/**
 * The period's figures for SDG indicator 16.4.2 and the UNODC illicit arms flows questionnaire: firearms
 * recovered (the denominator), those whose illicit origin tracing established (the numerator), every
 * recovered item by weapon type, recovery type, legal justification and criminal context, and tracing
 * requests by direction and status. The lists behind each number are GET /tracing/recoveries with the
 * same period (from, to) and type.
 */
export async function tracingFigures(ctx: TracingContext, actor: Actor, query: unknown, tx?: Tx): Promise<Figures> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  const q = parseInput('tracing', figuresQuerySchema, query);
  if (q.from > q.to) throw new ValidationError([{ field: 'to', code: 'figures.period_reversed', message: 'The period ends before it begins.' }]);
  const db = tx ?? readDb(ctx.deps, actor);
  const [rows, requests] = await Promise.all([store.countRecovered(db, q.from, q.to), store.countRequests(db, q.from, q.to)]);
  const firearms = rows.filter((r) => r.kind === 'firearm');
  return {
    period: { from: q.from, to: q.to },
    firearmsRecovered: firearms.reduce((n, r) => n + Number(r.items), 0),
    firearmsOriginEstablished: firearms.reduce((n, r) => n + Number(r.established), 0),
    rows: rows.map((r) => ({
      recoveryType: r.recovery_type,
      kind: r.kind,
      type: r.item_type,
      legalJustification: r.legal_justification,
      criminalContext: r.criminal_context,
      items: Number(r.items),
      quantity: Number(r.quantity),
      originEstablished: Number(r.established),
    })),
    requests: requests.map((r) => ({ direction: r.direction, status: r.status, count: Number(r.count) })),
  };
}
