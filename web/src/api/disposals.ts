import { api, download, type Page } from './client.ts';
import { enumValues, type BodyOf, type QueryOf, type ResponseOf } from './types.ts';

/** Disposal records and certificates (Firearms Protocol Arts 6 and 9) as the server answers them. */
export type Disposal = ResponseOf<'/api/v1/tracing/disposals/{id}', 'get'>;
export type DisposalBody = BodyOf<'/api/v1/tracing/disposals', 'post'>;
export type DisposalKind = Disposal['kind'];
/** What anyone with a certificate number is told (no ids, no place, no witness, no person). */
export type PublicDisposal = ResponseOf<'/api/v1/public/disposals/{number}/verification', 'get'>;

export const DISPOSAL_KINDS = enumValues<DisposalKind>()('destruction', 'deactivation', 'other');

const path = (id: string) => `/tracing/disposals/${encodeURIComponent(id)}`;

export type DisposalListQuery = QueryOf<'/api/v1/tracing/disposals', 'get'>;

export const disposalsApi = {
  list: (q: DisposalListQuery) => api<Page<Disposal>>('/tracing/disposals', { query: q }),
  record: (body: DisposalBody) => api<Disposal>('/tracing/disposals', { method: 'POST', body }),
  get: (id: string) => api<Disposal>(path(id)),
  pdf: (d: Pick<Disposal, 'id' | 'certificateNumber'>) => download(`${path(d.id)}/pdf`, `${d.certificateNumber}.pdf`),
  verify: (number: string) => api<PublicDisposal>(`/public/disposals/${encodeURIComponent(number)}/verification`),
};

/** The item as the certificate describes it, in one line. */
export function certificateItemText(i: Disposal['item'], t: (k: string, o?: Record<string, unknown>) => string): string {
  const type = i.type ? t(`itemType.${i.type}`, { defaultValue: i.type.replaceAll('_', ' ') }) : t(`kind.${i.kind}`, { defaultValue: i.kind });
  return [type, i.make, i.model, i.calibre].filter(Boolean).join(' · ');
}
