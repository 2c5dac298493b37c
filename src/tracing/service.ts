import type { Actor } from '../platform/auth/actor.ts';
import { loadNodeKeys, type NodeKeys } from '../platform/crypto/keys.ts';
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
import { approveTracingResponse } from './use-cases/approve-tracing-response.ts';
import { draftTracingRequest } from './use-cases/draft-tracing-request.ts';
import { draftTracingResponse } from './use-cases/draft-tracing-response.ts';
import { getTracingRequest } from './use-cases/get-tracing-request.ts';
import { listTracingRequests } from './use-cases/list-tracing-requests.ts';
import { receiveTracingDocument } from './use-cases/receive-tracing-document.ts';
import { sendTracingRequest } from './use-cases/send-tracing-request.ts';
import { tracingDocument } from './use-cases/tracing-document.ts';
import { updateTracingRequest } from './use-cases/update-tracing-request.ts';
import { disposalCertificate } from './use-cases/disposal-certificate.ts';
import { recordDisposal } from './use-cases/record-disposal.ts';
import { verifyDisposal } from './use-cases/verify-disposal.ts';
import { tracingFigures } from './use-cases/tracing-figures.ts';
import { figureRecords } from './use-cases/figure-records.ts';

/**
 * The tracing module's use cases, bound to the platform and the registry (one file per use case in
 * use-cases/: input schema, permission check, transaction, audit entry).
 */
export function createTracingService(deps: Deps, needs: { registry: RegistryService }, options: { keys?: () => Promise<NodeKeys> } = {}) {
  const ctx: TracingContext = { deps, registry: needs.registry, keys: options.keys ?? (() => loadNodeKeys(deps.config)) };
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
    draftTracingRequest: (actor: Actor, input: unknown, tx?: Tx) => draftTracingRequest(ctx, actor, input, tx),
    sendTracingRequest: (actor: Actor, id: string, tx?: Tx) => sendTracingRequest(ctx, actor, id, tx),
    updateTracingRequest: (actor: Actor, id: string, input: unknown, tx?: Tx) => updateTracingRequest(ctx, actor, id, input, tx),
    receiveTracingDocument: (actor: Actor, input: unknown, tx?: Tx) => receiveTracingDocument(ctx, actor, input, tx),
    draftTracingResponse: (actor: Actor, id: string, input?: unknown, tx?: Tx) => draftTracingResponse(ctx, actor, id, input, tx),
    approveTracingResponse: (actor: Actor, id: string, tx?: Tx) => approveTracingResponse(ctx, actor, id, tx),
    getTracingRequest: (actor: Actor, id: string, tx?: Tx) => getTracingRequest(ctx, actor, id, tx),
    listTracingRequests: (actor: Actor, query: unknown, tx?: Tx) => listTracingRequests(ctx, actor, query, tx),
    tracingDocument: (actor: Actor, id: string, part: 'request' | 'response', tx?: Tx) => tracingDocument(ctx, actor, id, part, tx),
    recordDisposal: (actor: Actor, input: unknown, tx?: Tx) => recordDisposal(ctx, actor, input, tx),
    disposalCertificate: (actor: Actor, id: string, tx?: Tx) => disposalCertificate(ctx, actor, id, tx),
    verifyDisposal: (number: string) => verifyDisposal(ctx, number),
    tracingFigures: (actor: Actor, query: unknown, tx?: Tx) => tracingFigures(ctx, actor, query, tx),
    figureRecords: (actor: Actor, query: unknown, tx?: Tx) => figureRecords(ctx, actor, query, tx),
    listHits: (actor: Actor, query: unknown, tx?: Tx) => listHits(ctx, actor, query, tx),
    hitSummary: (actor: Actor, tx?: Tx) => hitSummary(ctx, actor, tx),
    acknowledgeHit: (actor: Actor, matchId: string, tx?: Tx) => acknowledgeHit(ctx, actor, matchId, tx),
  };
}

export type TracingService = ReturnType<typeof createTracingService>;
