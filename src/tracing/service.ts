import { loadNodeKeys, type NodeKeys } from '../platform/crypto/keys.ts';
import type { Deps } from '../platform/deps.ts';
import { bindUseCases } from '../platform/module.ts';
import type { RegistryService } from '../registry/service.ts';
import type { TracingContext, TracingExchange } from './context.ts';
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
import { lockRequestNumbers } from './use-cases/lock-request-numbers.ts';
import { sendTracingRequest } from './use-cases/send-tracing-request.ts';
import { tracingDocument } from './use-cases/tracing-document.ts';
import { updateTracingRequest } from './use-cases/update-tracing-request.ts';
import { disposalCertificate } from './use-cases/disposal-certificate.ts';
import { recordDisposal } from './use-cases/record-disposal.ts';
import { verifyDisposal } from './use-cases/verify-disposal.ts';
import { tracingFigures } from './use-cases/tracing-figures.ts';
import { figureRecords } from './use-cases/figure-records.ts';
import { recordForeignReport } from './use-cases/record-foreign-report.ts';
import { recordHitAbroad } from './use-cases/record-hit-abroad.ts';
import { listHitsAbroad } from './use-cases/list-hits-abroad.ts';
import { acknowledgeHitAbroad } from './use-cases/acknowledge-hit-abroad.ts';
import { listDisposals } from './use-cases/list-disposals.ts';
import { tracingDocumentPdf } from './use-cases/tracing-document-pdf.ts';
import { findRecoveredItem } from './use-cases/find-recovered-item.ts';
import { tracingReminders } from './use-cases/tracing-reminders.ts';
import { setTracingDeadline } from './use-cases/set-tracing-deadline.ts';
import { addPhotographs } from './use-cases/add-photographs.ts';
import { listPhotographs } from './use-cases/list-photographs.ts';
import { photographContent } from './use-cases/photograph-content.ts';
import { withdrawPhotograph } from './use-cases/withdraw-photograph.ts';

/**
 * The tracing module's use cases, bound to the platform and the registry (one file per use case in
 * use-cases/: input schema, permission check, transaction, audit entry).
 */
export function createTracingService(deps: Deps, needs: { registry: RegistryService; exchange?: TracingExchange }, options: { keys?: () => Promise<NodeKeys> } = {}) {
  const ctx: TracingContext = { deps, registry: needs.registry, exchange: needs.exchange, keys: options.keys ?? (() => loadNodeKeys(deps.config)) };
  return bindUseCases(ctx, {
    recordRecovery,
    importSeizureList,
    getRecovery,
    findRecoveredItem,
    listRecoveries,
    confirmCandidate,
    registerRecoveredItem,
    traceRecoveredItem,
    getTrace,
    traceReport,
    draftTracingRequest,
    sendTracingRequest,
    updateTracingRequest,
    setTracingDeadline,
    tracingReminders,
    receiveTracingDocument,
    lockRequestNumbers,
    draftTracingResponse,
    approveTracingResponse,
    getTracingRequest,
    listTracingRequests,
    tracingDocument,
    tracingDocumentPdf,
    recordDisposal,
    disposalCertificate,
    listDisposals,
    verifyDisposal,
    tracingFigures,
    figureRecords,
    listHits,
    hitSummary,
    acknowledgeHit,
    recordForeignReport,
    recordHitAbroad,
    listHitsAbroad,
    addPhotographs,
    listPhotographs,
    photographContent,
    withdrawPhotograph,
    acknowledgeHitAbroad,
  });
}

export type TracingService = ReturnType<typeof createTracingService>;
