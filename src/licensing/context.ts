import { ANONYMOUS_ACTOR, type Actor } from '../platform/auth/actor.ts';
import { readDb } from '../platform/db/replica.ts';
import { requireVisible } from '../platform/auth/scope.ts';
import { recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { NotFoundError, RuleViolationError, ValidationError } from '../platform/http/errors.ts';
import { loadNodeKeys, type NodeKeys } from '../platform/crypto/keys.ts';
import { uuidv7 } from '../platform/ids.ts';
import { caseTransition, isoDay, type ApplicationStatus, type CaseAction } from './model.ts';
import { isWassenaarParticipant } from '../reference/country-groups.ts';
import type { RegistryService } from '../registry/service.ts';
import type { ScreeningService } from '../screening/service.ts';
import { loadLicensingSettings, type LicensingSettings } from './settings.ts';
import * as caseStore from './store-cases.ts';
import * as licenceStore from './store-licences.ts';

/**
 * What every licensing use case (use-cases/*.ts) is built from: the platform deps, the State's licensing
 * settings and the other modules' services; and the steps they share (load a record as the actor may see
 * it, the case transition, a decision row, the audit entry).
 */
export interface LicensingContext {
  deps: Deps;
  /** Parties are screened at submission and before issue (screening-bridge.ts). */
  screening: ScreeningService;
  /** Shipments record the export and import custody events of the items they carry. */
  registry: RegistryService;
  settings: LicensingSettings;
  isWassenaarParticipant(iso2: string): boolean;
  keys(): Promise<NodeKeys>;
}

export interface LicensingOptions {
  settings?: Partial<LicensingSettings>;
  keys?: () => Promise<NodeKeys>;
}

/** The other modules' services licensing is built from (the module list injects them). */
export interface LicensingCollaborators {
  screening: ScreeningService;
  registry: RegistryService;
}

export function createContext(deps: Deps, collaborators: LicensingCollaborators, options: LicensingOptions = {}): LicensingContext {
  const settings = { ...loadLicensingSettings(process.env, deps.config.state), ...options.settings };
  return {
    deps,
    screening: collaborators.screening,
    registry: collaborators.registry,
    settings,
    isWassenaarParticipant,
    keys: options.keys ?? (() => loadNodeKeys(deps.config)),
  };
}

export function today(ctx: LicensingContext): string {
  return isoDay(ctx.deps.clock.now());
}

/** The application `id` as the actor may see it (the organisation-scope rule), or the same 404 as a missing one. */
export async function loadApplication(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<caseStore.ApplicationRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await caseStore.getApplication(q, id, forUpdate) : undefined;
  if (!row) throw new NotFoundError('Application', id);
  requireVisible(actor, row.organisation_id, 'Application', id);
  return row;
}

/** The case may take `action` from `status` (model.caseTransition), or a 422 naming the rule. */
export function requireCaseStep(status: ApplicationStatus, action: CaseAction): void {
  const s = caseTransition(status, action);
  if (!s.ok) throw new RuleViolationError(s.reason, [{ field: 'status', code: `case.${action}.not_allowed`, message: s.reason }]);
}

/** A document of this application cited as evidence; `field` names it when it is not. */
export async function loadEvidenceDocument(t: Tx, applicationId: string, documentId: string, field: string) {
  const doc = await caseStore.getDocumentContent(t, documentId);
  if (!doc || doc.application_id !== applicationId) {
    throw new ValidationError([{ field, message: 'is not a document of this application', code: 'licensing.document_unknown' }]);
  }
  return doc;
}

/** The licence `number` as the actor may see it (the organisation-scope rule), or the same 404 as a missing one. */
export async function loadLicence(q: Queryable, actor: Actor, number: string, forUpdate = false): Promise<licenceStore.LicenceRow> {
  const row = await licenceStore.getLicenceByNumber(q, number, forUpdate);
  if (!row) throw new NotFoundError('Licence', number);
  requireVisible(actor, row.organisation_id, 'Licence', number);
  return row;
}

/** A licence by its number as anyone types it (public verification, which may read a replica). */
export async function findLicenceForPublic({ deps }: LicensingContext, number: string): Promise<licenceStore.LicenceRow> {
  const wanted = number.trim().toUpperCase();
  // Public verification may read a replica (docs/operations.md).
  const row = await licenceStore.getLicenceByNumber(readDb(deps, ANONYMOUS_ACTOR), wanted);
  if (!row) throw new NotFoundError('Licence', wanted);
  return row;
}

export function actorId(actor: Actor): string {
  return actor.userId ?? actor.name;
}

/** Appends one decision row and returns its audit input (the caller audits it with the case). */
export async function appendDecision(
  ctx: LicensingContext,
  tx: Tx,
  actor: Actor,
  applicationId: string,
  kind: string,
  reason: string | null,
  data: Record<string, unknown> = {},
  rulesVersion: string | null = null,
): Promise<AuditInput> {
  const row = await caseStore.insertDecision(tx, {
    id: uuidv7(),
    applicationId,
    kind,
    at: ctx.deps.clock.now(),
    actorName: actor.name,
    actorRole: actor.role,
    reason,
    data: { ...data, actorId: actorId(actor) },
    rulesVersion,
  });
  return { action: `licensing.decision.${kind}`, entity: 'licensing_decision', entityId: row.id, reason, state: caseStore.decisionState(row) };
}

export async function audit(ctx: LicensingContext, tx: Tx, actor: Actor, inputs: AuditInput[]): Promise<void> {
  await recordAuditBatch(tx, actor, ctx.deps.clock, inputs);
}
