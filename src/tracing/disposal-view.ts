import QRCode from 'qrcode';
import type { TracingContext } from './context.ts';
import type { CertificateContent } from './disposal-model.ts';
import type { Disposal } from './schemas.ts';
import { disposalState, type DisposalRow } from './store.ts';

/**
 * The public address of a certificate: what its QR code carries. A person scanning it gets the web page
 * (/certificates/{number}), which reads the public check (GET /api/v1/public/disposals/{number}/verification)
 * and shows only what that answers, in the reader's language; the raw JSON is no page to hand a citizen.
 */
export function certificateUrl(ctx: TracingContext, number: string): string {
  return `${ctx.deps.config.publicUrl}/certificates/${encodeURIComponent(number)}`;
}

/** The certificate's signed content, rebuilt from the stored row (what the hash covers). */
export function certificateContent(row: DisposalRow, issuingState: string): CertificateContent {
  return { number: row.certificate_number, kind: row.kind, issuingState, disposedOn: row.disposed_on, method: row.method, item: row.item_snapshot };
}

/** The API's disposal: the audited state less the certificate token (it only travels in the QR code), plus where to verify it. */
export function presentDisposal(ctx: TracingContext, r: DisposalRow): Disposal {
  const { itemSnapshot, certificateToken: _token, ...state } = disposalState(r);
  return { ...state, item: itemSnapshot, createdAt: r.created_at.toISOString(), verificationUrl: certificateUrl(ctx, r.certificate_number) };
}

export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 1, width: 220 });
}
