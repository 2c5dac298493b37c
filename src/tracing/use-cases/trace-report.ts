import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/types.ts';
import { inTransaction } from '../../platform/tx.ts';
import { registryPolicy } from '../../registry/policy.ts';
import { loadCaseDetail } from '../case-view.ts';
import { authorityName, type TracingContext } from '../context.ts';
import { tracingPolicy } from '../policy.ts';
import * as store from '../store.ts';
import { renderTracePdf } from '../trace-pdf.ts';
import { loadTrace } from '../trace-view.ts';

/**
 * The trace report as a PDF. The last legal holder is printed by name; a person's name is read from the
 * registry's party page for roles allowed to read it (that read is audited there), else withheld.
 */
export async function traceReport(ctx: TracingContext, actor: Actor, id: string, tx?: Tx): Promise<{ reference: string; pdf: Buffer }> {
  tracingPolicy.require(actor, 'tracing.recoveries.read');
  return inTransaction(ctx.deps.db, tx, async (t) => {
    const { trace, row } = await loadTrace(ctx, actor, t, id);
    const [recoveredItem] = await store.getItems(t, [row.recovered_item_id]);
    const recovery = await loadCaseDetail(ctx, actor, t, recoveredItem.case_id);
    const item = recovery.items.find((i) => i.id === row.recovered_item_id)!;
    let holderName: string | null = trace.lastLegalHolder?.name ?? null;
    if (!holderName && row.last_legal_holder_party_id && registryPolicy.can(actor, 'registry.parties.read_personal')) {
      const personal = (await ctx.registry.getParty(actor, row.last_legal_holder_party_id, t)).personal;
      holderName = personal ? [personal.givenNames, personal.familyName].filter(Boolean).join(' ') || null : null;
    }
    const pdf = await renderTracePdf({
      trace,
      recovery,
      item,
      holderName,
      originName: trace.origin.party?.name ?? null,
      authority: authorityName(ctx),
      stateLanguage: ctx.deps.config.stateLanguage,
    });
    return { reference: trace.reference, pdf };
  });
}
