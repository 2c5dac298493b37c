import { api, type Page } from './client.ts';
import { enumValues, type BodyOf, type ResponseOf } from './types.ts';

/** The shapes as the server answers them (generated from its OpenAPI document). */
export type Peer = ResponseOf<'/api/v1/exchange/peers/{state}', 'get'>;
export type PeerPreview = ResponseOf<'/api/v1/exchange/peers/preview', 'post'>;
export type Received = ResponseOf<'/api/v1/exchange/inbox/{id}', 'get'>;
export type Sent = ResponseOf<'/api/v1/exchange/outbox/{id}', 'get'>;
export type OutboxEntry = ResponseOf<'/api/v1/exchange/outbox', 'get'>['items'][number];
export type CaseMessages = ResponseOf<'/api/v1/exchange/cases/{reference}/messages', 'get'>;
export type OutboxCounts = ResponseOf<'/api/v1/exchange/outbox/counts', 'get'>;
export type PeerAdd = NonNullable<BodyOf<'/api/v1/exchange/peers', 'post'>>;
export type Caveat = NonNullable<NonNullable<BodyOf<'/api/v1/exchange/requests/{id}/answer', 'post'>>['caveats']>[number];

/** Business message types a peer may be allowed to send (the control types ack, error and key_rotation always are). */
export const BUSINESS_TYPES = enumValues<NonNullable<PeerAdd['allowedTypes']>[number]>()(
  'import_authorisation_check', 'import_authorisation_answer', 'transit_notification', 'transit_answer', 'delivery_confirmation_request', 'delivery_confirmation',
  'tracing_request', 'tracing_acknowledgement', 'tracing_response', 'lost_stolen_notice', 'hit_notification', 'denial_notification',
);
export const CAVEAT_CODES = enumValues<Caveat['code']>()('confidential', 'purpose_limited', 'no_onward_transfer', 'no_judicial_use_without_consent', 'notify_before_disclosure', 'other');
export const OUTBOX_STATUSES = enumValues<NonNullable<OutboxEntry['status']>>()('pending', 'delivered', 'dead');

/** What the request types are answered with (the first is the drafted answer's type), as the server's queue says. */
export const ANSWER_TYPES: Record<string, string[]> = {
  import_authorisation_check: ['import_authorisation_answer'],
  transit_notification: ['transit_answer'],
  delivery_confirmation_request: ['delivery_confirmation'],
  tracing_request: ['tracing_response', 'tracing_acknowledgement'],
  lost_stolen_notice: ['hit_notification'],
};

const enc = encodeURIComponent;
export const listPeers = () => api<{ items: Peer[] }>('/exchange/peers');
export const previewPeer = (baseUrl: string) => api<PeerPreview>('/exchange/peers/preview', { method: 'POST', body: { baseUrl } });
export const addPeer = (body: PeerAdd) => api<Peer>('/exchange/peers', { method: 'POST', body });
export const updatePeer = (state: string, body: { baseUrl?: string; allowedTypes?: string[] }) => api<Peer>(`/exchange/peers/${enc(state)}`, { method: 'PATCH', body });
export const suspendPeer = (state: string, reason: string) => api<Peer>(`/exchange/peers/${enc(state)}/suspend`, { method: 'POST', body: { reason } });
export const reactivatePeer = (state: string, reason: string) => api<Peer>(`/exchange/peers/${enc(state)}/reactivate`, { method: 'POST', body: { reason } });
export const repinPeer = (state: string, body: { fingerprint: string; graceHours: number; reason: string }) => api<Peer>(`/exchange/peers/${enc(state)}/repin`, { method: 'POST', body });

export const listRequests = (q: { type?: string; from?: string; cursor?: string; limit?: number }) => api<Page<Received>>('/exchange/requests', { query: q });
export const listInbox = (q: { effect?: string; type?: string; from?: string; cursor?: string; limit?: number }) => api<Page<Received>>('/exchange/inbox', { query: q });
export const listOutbox = (q: { status?: string; cursor?: string; limit?: number }) => api<Page<OutboxEntry>>('/exchange/outbox', { query: q });
export const outboxCounts = () => api<OutboxCounts>('/exchange/outbox/counts');
export const getReceived = (id: string) => api<Received>(`/exchange/inbox/${enc(id)}`);
export const getSent = (id: string) => api<Sent>(`/exchange/outbox/${enc(id)}`);
export const answerRequest = (id: string, body: { type?: string; body?: Record<string, unknown>; caveats?: Caveat[] }) =>
  api<{ inboxId: string; answerId: string; effect: string }>(`/exchange/requests/${enc(id)}/answer`, { method: 'POST', body });
export const caseMessages = (reference: string) => api<CaseMessages>(`/exchange/cases/${enc(reference)}/messages`);

/** The case's requests to other States (licensing's exchange routes). */
export const askImportingState = (caseId: string, importLicenceReference: string) =>
  api<{ id: string }>(`/licensing/applications/${enc(caseId)}/exchange/import-check`, { method: 'POST', body: { importLicenceReference } });
export const notifyTransitStates = (caseId: string, importLicence: { reference: string }, answerRequestedBy?: string | null) =>
  api<{ items: { id: string }[] }>(`/licensing/applications/${enc(caseId)}/exchange/transit-notifications`, { method: 'POST', body: { importLicence, answerRequestedBy: answerRequestedBy || null } });

/** An outbox error as the sender loop wrote it: `envelope.expired: …` (a peer's refusal code first), or a transport failure. */
export function errorCode(text: string | null | undefined): string | null {
  const m = /^([a-z_]+\.[a-z_.]+):/.exec(text ?? '');
  return m ? m[1] : null;
}
export const askDeliveryConfirmation = (shipmentId: string) => api<{ id: string }>(`/licensing/shipments/${enc(shipmentId)}/exchange/delivery-request`, { method: 'POST' });
