import { api, type Page } from './client.ts';
import { enumValues, type BodyOf, type QueryOf, type ResponseOf } from './types.ts';

/** Recoveries, hits and domestic traces as the server answers them (schema.gen.ts, from its OpenAPI document). */
export type RecoveryDetail = ResponseOf<'/api/v1/tracing/recoveries/{id}', 'get'>;
export type RecoverySummary = ResponseOf<'/api/v1/tracing/recoveries', 'get'>['items'][number];
export type RecoveredItem = RecoveryDetail['items'][number];
export type Candidate = RecoveredItem['candidates'][number];
/** An entry of the alerts list: a hit made here (`origin: 'here'`) or one another State notified (`origin: 'abroad'`). */
export type HitListItem = ResponseOf<'/api/v1/tracing/hits', 'get'>['items'][number];
export type Hit = Extract<HitListItem, { origin: 'here' }>;
export type HitFromAbroad = Extract<HitListItem, { origin: 'abroad' }>;
export type HitSummary = ResponseOf<'/api/v1/tracing/hits/summary', 'get'>;
/** A hit another State notified on this State's lost/stolen report. */
export type HitAbroad = ResponseOf<'/api/v1/tracing/hits-abroad', 'get'>['items'][number];
export type ForeignHitOnItem = RecoveredItem['foreignHits'][number];
export type Trace = ResponseOf<'/api/v1/tracing/traces/{id}', 'get'>;
export type ImportResult = ResponseOf<'/api/v1/tracing/recoveries/import', 'post'>;
export type Photograph = ResponseOf<'/api/v1/tracing/recoveries/{id}/photographs', 'get'>['items'][number];
export type RecoveryBody = NonNullable<BodyOf<'/api/v1/tracing/recoveries', 'post'>>;
type ItemBody = RecoveryBody['items'][number];
type MarkingBody = NonNullable<ItemBody['markings']>[number];
type ListQuery = QueryOf<'/api/v1/tracing/recoveries', 'get'>;

export const RECOVERY_TYPES = enumValues<RecoveryBody['recoveryType']>()('seized', 'found', 'surrendered');
export const LEGAL_JUSTIFICATIONS = enumValues<RecoveryBody['legalJustification']>()('illicit_possession', 'illicit_trafficking', 'illicit_manufacturing', 'marking_offence', 'other');
export const CRIMINAL_CONTEXTS = enumValues<RecoveryBody['criminalContext']>()('trafficking', 'violent_crime', 'drugs', 'organised_crime', 'terrorism', 'other', 'none');
export const PERSON_ROLES = enumValues<NonNullable<RecoveryBody['persons']>[number]['role']>()('suspect', 'owner', 'finder', 'surrendering_person', 'witness', 'other');
export const ITEM_NATURES = enumValues<ItemBody['nature']>()('industrial', 'craft', 'converted', 'reactivated', '3d_printed', 'other_privately_made');
export const MARKING_STATES = enumValues<MarkingBody['state']>()('intact', 'obliterated', 'altered', 'removed', 'falsified', 'unmarked');
export const CHECK_OUTCOMES = enumValues<RecoveredItem['checkOutcome']>()('hit', 'linked', 'candidates', 'registered', 'no_match', 'unchecked');

export interface RecoveryFilters {
  recoveryType?: string;
  agencyPartyId?: string;
  from?: string;
  to?: string;
}

const id = (v: string) => encodeURIComponent(v);
const itemPath = (caseId: string, itemId: string) => `/tracing/recoveries/${id(caseId)}/items/${id(itemId)}`;

export const tracingApi = {
  listRecoveries: (f: RecoveryFilters, cursor?: string) =>
    api<Page<RecoverySummary>>('/tracing/recoveries', { query: { ...f, recoveryType: f.recoveryType as ListQuery['recoveryType'], cursor, limit: 50 } }),
  getRecovery: (caseId: string) => api<RecoveryDetail>(`/tracing/recoveries/${id(caseId)}`),
  record: (body: RecoveryBody) => api<RecoveryDetail>('/tracing/recoveries', { method: 'POST', body }),
  importCsv: (file: File) => api<ImportResult>('/tracing/recoveries/import', { raw: file, headers: { 'content-type': 'text/csv' } }),
  confirm: (caseId: string, itemId: string, registryItemId: string) => api<RecoveryDetail>(`${itemPath(caseId, itemId)}/confirm`, { method: 'POST', body: { registryItemId } }),
  register: (caseId: string, itemId: string) => api<RecoveryDetail>(`${itemPath(caseId, itemId)}/register`, { method: 'POST' }),
  trace: (caseId: string, itemId: string) => api<Trace>(`${itemPath(caseId, itemId)}/trace`, { method: 'POST' }),
  getTrace: (traceId: string) => api<Trace>(`/tracing/traces/${id(traceId)}`),
  tracePdfPath: (traceId: string) => `/tracing/traces/${id(traceId)}/pdf`,
  listHits: (q: { alertStatus?: string; agencyPartyId?: string; mine?: string; origin?: string }, cursor?: string) => api<Page<HitListItem>>('/tracing/hits', { query: { ...q, cursor, limit: 50 } }),
  hitSummary: () => api<HitSummary>('/tracing/hits/summary'),
  listPhotographs: (caseId: string) => api<{ items: Photograph[] }>(`/tracing/recoveries/${id(caseId)}/photographs`),
  /** Files and caption as multipart/form-data: the browser writes the boundary, and the server reads each file's type from its bytes. */
  addPhotographs: (caseId: string, itemId: string, files: readonly File[], caption: string) => {
    const form = new FormData();
    if (caption.trim()) form.append('caption', caption.trim());
    for (const f of files) form.append('file', f, f.name);
    return api<{ items: Photograph[] }>(`${itemPath(caseId, itemId)}/photographs`, { raw: form });
  },
  withdrawPhotograph: (photoId: string, reason: string) => api<Photograph>(`/tracing/photographs/${id(photoId)}/withdraw`, { method: 'POST', body: { reason } }),
  acknowledge: (hitId: string) => api<unknown>(`/tracing/hits/${id(hitId)}/acknowledge`, { method: 'POST' }),
  listHitsAbroad: (q: { alertStatus?: 'open' | 'acknowledged'; mine?: 'true'; limit?: number }) => api<{ items: HitAbroad[] }>('/tracing/hits-abroad', { query: q }),
  acknowledgeAbroad: (hitId: string) => api<HitAbroad>(`/tracing/hits-abroad/${id(hitId)}/acknowledge`, { method: 'POST' }),
};
