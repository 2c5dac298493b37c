import { api, type Page } from './client.ts';
import type { Art10Particulars } from './licensing-types.ts';
import { enumValues, type BodyOf, type ResponseOf } from './types.ts';

type ApplicationBody = NonNullable<BodyOf<'/api/v1/licensing/applications', 'post'>>;
type GoodsBody = ApplicationBody['goods'][number];

export const APPLICATION_KINDS = enumValues<ApplicationBody['kind']>()('export', 'import', 'transit', 'brokering', 'temporary');
export const APPLICATION_STATUSES = enumValues<ApplicationSummary['status']>()('submitted', 'under_review', 'information_requested', 'recommended', 'countersigned', 'issued', 'refused', 'withdrawn');
export const TEMPORARY_PURPOSES = enumValues<NonNullable<ApplicationBody['temporaryPurpose']>>()('hunting', 'sport_shooting', 'evaluation', 'exhibition', 'repair');
export const GOODS_TYPES = enumValues<GoodsBody['itemType']>()('firearm', 'part', 'essential_component', 'ammunition', 'accessory', 'other');
export const UNITS = enumValues<GoodsBody['unit']>()('piece', 'round', 'set', 'kg');
export const TRANSIT_MODES = enumValues<NonNullable<ApplicationBody['transit']>[number]['mode']>()('land', 'sea', 'air');
export const LICENCE_STATUSES = enumValues<Licence['status']>()('issued', 'partly_used', 'used', 'expired', 'suspended', 'revoked', 'surrendered');
export const REFUSAL_CODES = enumValues<NonNullable<BodyOf<'/api/v1/licensing/applications/{id}/refusal', 'post'>>['criteria'][number]>()(
  'embargo', 'diversion_risk', 'att_art6', 'att_art7', 'eu_cp_1', 'eu_cp_2', 'eu_cp_3', 'eu_cp_4', 'eu_cp_5', 'eu_cp_6', 'eu_cp_7', 'eu_cp_8', 'applicant_record', 'incomplete',
);

/** The shapes as the server answers them (generated from its OpenAPI document). */
export type ApplicationSummary = ResponseOf<'/api/v1/licensing/applications', 'get'>['items'][number];
export type CaseDetail = ResponseOf<'/api/v1/licensing/applications/{id}', 'get'>;
export type Party = CaseDetail['content']['applicant'];
export type GoodsLine = CaseDetail['content']['goods'][number];
export type Licence = ResponseOf<'/api/v1/licensing/licences/{number}', 'get'>;
export type Shipment = ResponseOf<'/api/v1/licensing/shipments/{id}', 'get'>;

export const listApplications = (q: { status?: string; kind?: string; cursor?: string; limit?: number }) => api<Page<ApplicationSummary>>('/licensing/applications', { query: q });
export const getCase = (id: string) => api<CaseDetail>(`/licensing/applications/${encodeURIComponent(id)}`);
export const caseStep = (id: string, step: string, body: unknown) => api<CaseDetail>(`/licensing/applications/${encodeURIComponent(id)}/${step}`, { method: 'POST', body });
export type CaseScreening = ResponseOf<'/api/v1/licensing/applications/{id}/screening', 'get'>;
export type CaseScreeningParty = CaseScreening['parties'][number];
export type CaseScreeningHit = CaseScreeningParty['hits'][number];
export const getCaseScreening = (id: string) => api<CaseScreening>(`/licensing/applications/${encodeURIComponent(id)}/screening`);
export const decideCaseHit = (id: string, hitId: string, body: { decision: 'true_match' | 'false_positive'; reason: string }) =>
  api<CaseScreening>(`/licensing/applications/${encodeURIComponent(id)}/screening/hits/${encodeURIComponent(hitId)}/decision`, { method: 'POST', body });
export const getLicence = (number: string) => api<Licence>(`/licensing/licences/${encodeURIComponent(number)}`);

/** Reads a file the user picked and attaches it to the case (the server keeps it with its SHA-256). */
export async function uploadDocument(caseId: string, kind: string, file: File): Promise<{ id: string; sha256: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return api<{ id: string; sha256: string }>(`/licensing/applications/${encodeURIComponent(caseId)}/documents`, {
    method: 'POST',
    body: { kind, filename: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: btoa(binary) },
  });
}

export type { Art10Particulars };
