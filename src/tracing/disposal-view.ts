import QRCode from 'qrcode';
import type { TracingContext } from './context.ts';
import type { CertificateContent } from './disposal-model.ts';
import type { Disposal } from './schemas.ts';
import type { DisposalRow } from './store.ts';

/** The public address of a certificate: what its QR code carries. */
export function certificateUrl(ctx: TracingContext, number: string): string {
  return `${ctx.deps.config.publicUrl}/api/v1/public/disposals/${encodeURIComponent(number)}/verification`;
}

/** The certificate's signed content, rebuilt from the stored row (what the hash covers). */
export function certificateContent(row: DisposalRow, issuingState: string): CertificateContent {
  return { number: row.certificate_number, kind: row.kind, issuingState, disposedOn: row.disposed_on, method: row.method, item: row.item_snapshot };
}

export function presentDisposal(ctx: TracingContext, r: DisposalRow): Disposal {
  return {
    id: r.id,
    certificateNumber: r.certificate_number,
    kind: r.kind,
    registryItemId: r.registry_item_id,
    recoveredItemId: r.recovered_item_id,
    disposedOn: r.disposed_on,
    place: r.place,
    method: r.method,
    witnesses: r.witnesses,
    standardApplied: r.standard_applied,
    verifyingAuthority: r.verifying_authority,
    essentialParts: r.essential_parts,
    deactivationMark: r.deactivation_mark,
    authorizationRef: r.authorization_ref,
    authorizingBody: r.authorizing_body,
    recipientPartyId: r.recipient_party_id,
    identifyingMarking: r.identifying_marking,
    item: r.item_snapshot,
    contentHash: r.content_hash,
    verificationUrl: certificateUrl(ctx, r.certificate_number),
    createdAt: r.created_at.toISOString(),
    createdBy: r.created_by,
  };
}

export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
}
