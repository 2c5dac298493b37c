import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import type { TextEncoding } from '../platform/encoding.ts';
import type { RegistryService } from '../registry/service.ts';
import type { TracingContext } from './context.ts';
import { acknowledgeHit } from './use-cases/acknowledge-hit.ts';
import { confirmCandidate } from './use-cases/confirm-candidate.ts';
import { getRecovery } from './use-cases/get-recovery.ts';
import { hitSummary } from './use-cases/hit-summary.ts';
import { importSeizureList } from './use-cases/import-seizure-list.ts';
import { listHits } from './use-cases/list-hits.ts';
import { listRecoveries } from './use-cases/list-recoveries.ts';
import { recordRecovery } from './use-cases/record-recovery.ts';
import { registerRecoveredItem } from './use-cases/register-recovered-item.ts';
import { getTrace } from './use-cases/get-trace.ts';
import { traceRecoveredItem } from './use-cases/trace-recovered-item.ts';
import { traceReport } from './use-cases/trace-report.ts';

/**
 * The tracing module's use cases, bound to the platform and the registry (one file per use case in
 * use-cases/: input schema, permission check, transaction, audit entry).
 */
export function createTracingService(deps: Deps, needs: { registry: RegistryService }) {
  const ctx: TracingContext = { deps, registry: needs.registry };
  return {
    recordRecovery: (actor: Actor, input: unknown, tx?: Tx) => recordRecovery(ctx, actor, input, tx),
    importSeizureList: (actor: Actor, content: Buffer, encoding?: TextEncoding, tx?: Tx) => importSeizureList(ctx, actor, content, encoding, tx),
    getRecovery: (actor: Actor, id: string, tx?: Tx) => getRecovery(ctx, actor, id, tx),
    listRecoveries: (actor: Actor, query: unknown, tx?: Tx) => listRecoveries(ctx, actor, query, tx),
    confirmCandidate: (actor: Actor, caseId: string, itemId: string, input: unknown, tx?: Tx) => confirmCandidate(ctx, actor, caseId, itemId, input, tx),
    registerRecoveredItem: (actor: Actor, caseId: string, itemId: string, tx?: Tx) => registerRecoveredItem(ctx, actor, caseId, itemId, tx),
    traceRecoveredItem: (actor: Actor, caseId: string, itemId: string, tx?: Tx) => traceRecoveredItem(ctx, actor, caseId, itemId, tx),
    getTrace: (actor: Actor, id: string, tx?: Tx) => getTrace(ctx, actor, id, tx),
    traceReport: (actor: Actor, id: string, tx?: Tx) => traceReport(ctx, actor, id, tx),
    listHits: (actor: Actor, query: unknown, tx?: Tx) => listHits(ctx, actor, query, tx),
    hitSummary: (actor: Actor, tx?: Tx) => hitSummary(ctx, actor, tx),
    acknowledgeHit: (actor: Actor, matchId: string, tx?: Tx) => acknowledgeHit(ctx, actor, matchId, tx),
  };
}

export type TracingService = ReturnType<typeof createTracingService>;
