import { api, type Page } from './client.ts';
import type { Art10Particulars } from './licensing-types.ts';

export const APPLICATION_KINDS = ['export', 'import', 'transit', 'brokering', 'temporary'] as const;
export const APPLICATION_STATUSES = ['submitted', 'under_review', 'information_requested', 'recommended', 'countersigned', 'issued', 'refused', 'withdrawn'] as const;
export const TEMPORARY_PURPOSES = ['hunting', 'sport_shooting', 'evaluation', 'exhibition', 'repair'] as const;
export const GOODS_TYPES = ['firearm', 'part', 'essential_component', 'ammunition', 'accessory', 'other'] as const;
export const UNITS = ['piece', 'round', 'set', 'kg'] as const;
export const TRANSIT_MODES = ['land', 'sea', 'air'] as const;
export const LICENCE_STATUSES = ['issued', 'partly_used', 'used', 'expired', 'suspended', 'revoked', 'surrendered'] as const;
export const REFUSAL_CODES = [
  'embargo', 'diversion_risk', 'att_art6', 'att_art7', 'eu_cp_1', 'eu_cp_2', 'eu_cp_3', 'eu_cp_4', 'eu_cp_5', 'eu_cp_6', 'eu_cp_7', 'eu_cp_8', 'applicant_record', 'incomplete',
] as const;

export interface Party {
  partyId?: string | null;
  name: string;
  address?: string | null;
  country: string;
}

export interface GoodsLine {
  lineNo: number;
  description: string;
  itemType: string;
  controlEntry: string;
  hsCode: string;
  quantity: number;
  unit: string;
  valueMinor: number;
  currency: string;
  serials?: string[];
}

export interface ApplicationSummary {
  id: string;
  reference: string;
  kind: string;
  status: string;
  applicantName: string;
  exportCountry: string;
  importCountry: string;
  submittedAt: string;
  updatedAt: string;
}

export interface CaseDetail extends ApplicationSummary {
  content: {
    kind: string;
    temporaryPurpose?: string | null;
    applicant: Party;
    consignee?: Party | null;
    endUser: Party;
    intermediateConsignees: Party[];
    brokers: (Party & { location: string })[];
    carriers: Party[];
    exportCountry: string;
    importCountry: string;
    transit: { country: string; mode: string; transhipment: boolean }[];
    goods: GoodsLine[];
    endUse: string;
    plannedShipmentDate?: string | null;
  };
  assignedOfficer: string | null;
  recommendation: string | null;
  countersignatureRequired: boolean;
  countersignatureReason: string | null;
  clock: { elapsedDays: number; paused: boolean; pausedDays: number };
  gate: { applicable: boolean; ok: boolean; conditions: { code: string; met: boolean; exempt?: boolean; detail: string }[] };
  decisions: { id: string; kind: string; at: string; actorName: string; actorRole: string; reason: string | null; data: Record<string, unknown> }[];
  documents: { id: string; kind: string; filename: string; mediaType: string; sizeBytes: number; sha256: string; uploadedAt: string }[];
  importAuthorizations: { id: string; reference: string; issuingState: string; issuingAuthority: string; issueDate: string; expiryDate: string; source: string }[];
  transitNoObjections: { id: string; state: string; reference: string; noticeDate: string; source: string }[];
  licenceNumber: string | null;
}

export interface Licence {
  id: string;
  number: string;
  applicationId: string;
  kind: string;
  status: string;
  effectiveStatus: string;
  statusReason: string | null;
  publicWording: string | null;
  validFrom: string;
  expiresOn: string;
  issuedAt: string;
  snapshotHash: string;
  token: string;
  verificationUrl: string;
  lines: { lineNo: number; quantity: number; unit: string; used: number }[];
  snapshot: Record<string, unknown>;
  events: { fromStatus: string | null; toStatus: string; at: string; actorName: string; reason: string | null }[];
}

export interface Shipment {
  id: string;
  licenceId: string;
  licenceNumber?: string;
  shippedOn: string;
  exitPoint: string;
  carrier: Record<string, unknown>;
  lines: { lineNo: number; quantity: number; serials?: string[] }[];
  importCountry?: string;
  deliveredOn?: string | null;
  [key: string]: unknown;
}

export const listApplications = (q: { status?: string; kind?: string; cursor?: string; limit?: number }) => api<Page<ApplicationSummary>>('/licensing/applications', { query: q });
export const getCase = (id: string) => api<CaseDetail>(`/licensing/applications/${encodeURIComponent(id)}`);
export const caseStep = (id: string, step: string, body: unknown) => api<CaseDetail>(`/licensing/applications/${encodeURIComponent(id)}/${step}`, { method: 'POST', body });
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
