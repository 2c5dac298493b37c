import type { Actor } from '../platform/auth/actor.ts';
import { requireVisible } from '../platform/auth/scope.ts';
import { recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Queryable, Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { loadNodeKeys, type NodeKeys } from '../platform/crypto/keys.ts';
import { uuidv7 } from '../platform/ids.ts';
import { isoDay } from './model.ts';
import { isWassenaarParticipant } from '../reference/country-groups.ts';
import type { RegistryService } from '../registry/service.ts';
import type { ScreeningService } from '../screening/service.ts';
import { loadLicensingSettings, type LicensingSettings } from './settings.ts';
import * as store from './store.ts';

/** What every licensing verb is built from: the platform deps plus the State's licensing settings. */
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
export async function loadApplication(q: Queryable, actor: Actor, id: string, forUpdate = false): Promise<store.ApplicationRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await store.getApplication(q, id, forUpdate) : undefined;
  if (!row) throw new NotFoundError('Application', id);
  requireVisible(actor, row.organisation_id, 'Application', id);
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
  const row = await store.insertDecision(tx, {
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
  return { action: `licensing.decision.${kind}`, entity: 'licensing_decision', entityId: row.id, reason, state: store.decisionState(row) };
}

export async function audit(ctx: LicensingContext, tx: Tx, actor: Actor, inputs: AuditInput[]): Promise<void> {
  await recordAuditBatch(tx, actor, ctx.deps.clock, inputs);
}
