import type { Deps } from '../platform/deps.ts';
import { bindUseCases } from '../platform/module.ts';
import type { ReferenceService } from '../reference/service.ts';
import type { RegistryService } from '../registry/service.ts';
import type { ScreeningContext } from './context.ts';
import { acknowledgeAlert } from './use-cases/acknowledge-alert.ts';
import { checkDenials } from './use-cases/check-denials.ts';
import { checkDestination } from './use-cases/check-destination.ts';
import { decideHit } from './use-cases/decide-hit.ts';
import { diffVersions } from './use-cases/diff-versions.ts';
import { getRun } from './use-cases/get-run.ts';
import { importList } from './use-cases/import-list.ts';
import { listAlerts } from './use-cases/list-alerts.ts';
import { listDenials } from './use-cases/list-denials.ts';
import { listPartyHits } from './use-cases/list-party-hits.ts';
import { listVersions } from './use-cases/list-versions.ts';
import { recordReceivedDenial } from './use-cases/record-received-denial.ts';
import { changeReceivedDenial } from './use-cases/change-received-denial.ts';
import { rescreenAll } from './use-cases/rescreen-all.ts';
import { runCounts } from './use-cases/run-counts.ts';
import { screenName } from './use-cases/screen-name.ts';
import { screenParties } from './use-cases/screen-parties.ts';
import { screenRegistryParties } from './use-cases/screen-registry-parties.ts';

export type { EmbargoFlags, ListDiff } from './presenters.ts';
export type { ImportInput, ImportResult } from './use-cases/import-list.ts';

/**
 * Screening: sanctions list versions (import, diff), screening of names and parties with the list
 * versions used recorded, officers' decisions remembered per party, alerts when a new list version
 * hits a known party, and denials received from other States. One use case per file in use-cases/
 * (permission check, input validation, transaction, audit entry), bound here to the module's context;
 * the steps several share are in steps.ts.
 */
export function createScreeningService(deps: Deps, { reference, registry }: { reference: ReferenceService; registry: RegistryService }) {
  const ctx: ScreeningContext = { deps, reference, registry };
  return bindUseCases(ctx, {
    importList,
    listVersions,
    diff: diffVersions,
    screenName,
    screenParties,
    checkDestination,
    screenRegistryParties,
    rescreenAll,
    getRun,
    decide: decideHit,
    /** Known parties' latest hits with the listed entries and the decisions that apply now (licensing's case page and issue gate). */
    partyHits: listPartyHits,
    listAlerts,
    acknowledgeAlert,
    recordReceivedDenial,
    changeReceivedDenial,
    runCounts,
    listDenials,
    checkDenials,
  });
}

export type ScreeningService = ReturnType<typeof createScreeningService>;
