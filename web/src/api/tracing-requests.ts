import { api, download, type Page } from './client.ts';
import { enumValues, type BodyOf, type QueryOf, type ResponseOf } from './types.ts';

/**
 * International tracing requests (ISACS 05.31) and disposal certificates as the server answers them
 * (schema.gen.ts); the exchange bodies the server keeps as JSON (`request`, `response`) are read through
 * the small views below, which name only what the screens show.
 */
export type TracingRequest = ResponseOf<'/api/v1/tracing/requests/{id}', 'get'>;
export type DraftRequestBody = BodyOf<'/api/v1/tracing/requests', 'post'>;
export type RequestListQuery = QueryOf<'/api/v1/tracing/requests', 'get'>;
export type SignedDocument = ResponseOf<'/api/v1/tracing/requests/{id}/document', 'get'>;
export type Reminders = ResponseOf<'/api/v1/tracing/requests/reminders', 'get'>;
export type ReminderStage = NonNullable<TracingRequest['reminder']>;
export type RequestStatus = TracingRequest['status'];
export type Caveat = TracingRequest['caveats'][number];
export type CaveatCode = NonNullable<DraftRequestBody['caveats']>[number]['code'];
export type IllicitGround = DraftRequestBody['illicitGrounds'][number];
export type RequestedInformation = NonNullable<DraftRequestBody['requestedInformation']>[number];

export const REQUEST_STATUSES = enumValues<RequestStatus>()('draft', 'received', 'sent', 'acknowledged', 'in_progress', 'responded', 'partial', 'delayed', 'refused', 'closed');
export const CAVEAT_CODES = enumValues<CaveatCode>()('confidential', 'purpose_limited', 'no_onward_transfer', 'no_judicial_use_without_consent', 'notify_before_disclosure', 'other');
export const ILLICIT_GROUNDS = enumValues<IllicitGround>()('illicit_under_national_law', 'embargo_violation', 'not_marked', 'inadequately_marked', 'illicit_manufacture', 'transferred_without_authorisation');
export const REQUESTED_INFORMATION = enumValues<RequestedInformation>()('last_legal_holder', 'transfer_chain', 'export_licences', 'import_records', 'manufacturing_records');
/** Caveats whose condition is stated in words (the exchange refuses them without text). */
export const CAVEATS_WITH_TEXT: readonly CaveatCode[] = ['purpose_limited', 'other'];

/**
 * Which status may follow which when recorded by hand (src/tracing/request-model.ts NEXT, less `sent`,
 * which only signing reaches): the screen offers these and the server refuses the others.
 */
const ANSWERING: RequestStatus[] = ['acknowledged', 'in_progress', 'responded', 'partial', 'delayed', 'refused', 'closed'];
export const NEXT_STATUSES: Record<RequestStatus, readonly RequestStatus[]> = {
  draft: [],
  received: ANSWERING,
  sent: ANSWERING,
  acknowledged: ['in_progress', 'responded', 'partial', 'delayed', 'refused', 'closed'],
  in_progress: ['responded', 'partial', 'delayed', 'refused', 'closed'],
  delayed: ['in_progress', 'responded', 'partial', 'refused', 'closed'],
  partial: ['responded', 'closed'],
  responded: ['closed'],
  refused: ['closed'],
  closed: [],
};
/** ITI: a State that delays or restricts its answer says why. */
export const NEEDS_REASON: readonly RequestStatus[] = ['delayed', 'refused'];

/** The exchange's tracing_request body (src/exchange/messages.ts), as far as the screens read it. */
export interface RequestWeapon {
  kind?: string;
  type?: string | null;
  make?: string | null;
  model?: string | null;
  calibre?: string | null;
  serialNumber?: string | null;
  countryOfManufacture?: string | null;
  yearOfManufacture?: number | null;
  markingState?: string | null;
  manufacturerName?: string | null;
  importMarkings?: { country?: string; year?: number | null; text?: string | null }[] | null;
  otherMarkings?: { kind?: string; text?: string; location?: string | null }[] | null;
  physicalCharacteristics?: string | null;
  /** Photographs sent beside the document, named by the SHA-256 of their bytes. */
  photoDigests?: { sha256?: string; mediaType?: string; sizeBytes?: number; description?: string | null }[] | null;
}
export interface RequestBodyView {
  requestReference?: string;
  requestingAgency?: { name?: string; contact?: string | null };
  priority?: string;
  weapons?: RequestWeapon[];
  circumstances?: { recoveryType?: string; date?: string; place?: { country?: string; locode?: string | null; description?: string | null }; seizureReference?: string | null; description?: string };
  illicitGrounds?: string[];
  legalJustification?: string;
  intendedUseOfInformation?: string;
  requestedInformation?: string[] | null;
  responseRequestedBy?: string | null;
}

/** The exchange's tracing_response body, as far as the screens read and edit it. */
export interface ResponseParty {
  name?: string;
  country?: string | null;
  [key: string]: unknown;
}
export interface ResponseFinding {
  weaponIndex: number;
  recordFound: boolean;
  lastLegalHolder?: ResponseParty | null;
  transferChain?: { date?: string | null; event: string; country: string; from?: ResponseParty | null; to?: ResponseParty | null; licenceReference?: string | null }[];
  exportLicenceReferences?: string[];
  diversionPointEstablished?: boolean;
  diversionType?: string | null;
  diversionDescription?: string | null;
  [key: string]: unknown;
}
export interface ResponseBodyView {
  requestReference?: string;
  responderReference?: string;
  outcome: string;
  findings: ResponseFinding[];
  delayReason?: string | null;
  restrictionGround?: string | null;
  restrictionExplanation?: string | null;
  expectedResponseBy?: string | null;
  respondedBy?: { name?: string; contact?: string | null };
  [key: string]: unknown;
}
export const RESPONSE_OUTCOMES = ['traced', 'partially_traced', 'no_record', 'delayed', 'restricted'] as const;
export const RESTRICTION_GROUNDS = ['ongoing_investigation', 'national_law', 'national_security'] as const;
export const DIVERSION_TYPES = ['theft_or_loss', 'diversion_from_licit_stock', 'illicit_manufacture', 'illicit_import', 'other'] as const;

const path = (id: string) => `/tracing/requests/${encodeURIComponent(id)}`;

export const requestsApi = {
  list: (q: RequestListQuery & { cursor?: string }) => api<Page<TracingRequest>>('/tracing/requests', { query: q as Record<string, string | number | undefined> }),
  get: (id: string) => api<TracingRequest>(path(id)),
  draft: (body: DraftRequestBody) => api<TracingRequest>('/tracing/requests', { method: 'POST', body }),
  send: (id: string) => api<TracingRequest>(`${path(id)}/send`, { method: 'POST', body: {} }),
  reminders: (q: { direction?: 'outgoing' | 'incoming'; limit?: number } = {}) => api<Reminders>('/tracing/requests/reminders', { query: q }),
  setDeadline: (id: string, body: { responseDueOn: string; reason: string }) => api<TracingRequest>(`${path(id)}/deadline`, { method: 'POST', body }),
  setStatus: (id: string, body: { status: RequestStatus; reason?: string | null; counterpartReference?: string | null }) => api<TracingRequest>(`${path(id)}/status`, { method: 'POST', body }),
  document: (id: string, part: 'request' | 'response') => api<SignedDocument>(`${path(id)}/document`, { query: { part } }),
  receive: (body: { document: string; senderKeys: { keys: Record<string, unknown>[] }; fingerprint: string }) => api<TracingRequest>('/tracing/documents', { method: 'POST', body }),
  /** Without a response: the server drafts it from the registry; with one: the edited response is saved. */
  draftResponse: (id: string, response?: ResponseBodyView) => api<TracingRequest>(`${path(id)}/response`, { method: 'POST', body: response ? { response } : undefined }),
  approveResponse: (id: string) => api<TracingRequest>(`${path(id)}/response/approve`, { method: 'POST', body: {} }),
};

/**
 * Saves the signed document as the JSON file handed to the other State: the compact JWS with its envelope
 * (the other node imports the `document` field, or the whole file).
 */
export async function downloadSignedDocument(r: Pick<TracingRequest, 'id' | 'reference'>, part: 'request' | 'response'): Promise<void> {
  const doc = await requestsApi.document(r.id, part);
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${r.reference}-${part}.json`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The printable rendering of the signed document (PDF). */
export const downloadRequestPdf = (r: Pick<TracingRequest, 'id' | 'reference'>, part: 'request' | 'response') =>
  download(`${path(r.id)}/pdf?part=${part}`, `${r.reference}-${part}.pdf`);

/**
 * What an uploaded file holds: the JSON file this application saves ({ format, document, envelope }), or the
 * compact JWS alone as text. Returns the compact JWS, or null when the file is neither.
 */
export function compactJwsOf(text: string): string | null {
  const trimmed = text.trim();
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(trimmed)) return trimmed;
  try {
    const parsed = JSON.parse(trimmed) as { document?: unknown };
    return typeof parsed.document === 'string' && /^[\w-]+\.[\w-]+\.[\w-]+$/.test(parsed.document) ? parsed.document : null;
  } catch {
    return null;
  }
}

/** A key set file (the other State's /.well-known/jwks.json): its keys, or null when it is not one. */
export function keySetOf(text: string): { keys: Record<string, unknown>[] } | null {
  try {
    const parsed = JSON.parse(text) as { keys?: unknown };
    return Array.isArray(parsed.keys) && parsed.keys.length > 0 && parsed.keys.every((k) => k && typeof k === 'object') ? { keys: parsed.keys as Record<string, unknown>[] } : null;
  } catch {
    return null;
  }
}
