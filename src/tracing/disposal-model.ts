import type { FieldError } from '../platform/http/errors.ts';
import { canonicalJson, sha256Hex } from '../platform/crypto/canonical.ts';

/**
 * Disposal certificates (Protocol Arts 6 and 9), pure: the certificate's public content, its hash, and
 * its number. The content is what anyone checking the number is shown: no internal id, no person.
 */

export const DISPOSAL_KINDS = ['destruction', 'deactivation', 'other'] as const;
export type DisposalKind = (typeof DISPOSAL_KINDS)[number];

export const DISPOSAL_TOKEN_TYP = 'custodia-disposal+jws';

export interface CertificateContent {
  number: string;
  kind: DisposalKind;
  issuingState: string;
  disposedOn: string;
  method: string;
  item: { kind: string; type: string | null; make: string | null; model: string | null; calibre: string | null; serialNumber: string | null };
}

export function contentHash(c: CertificateContent): string {
  return sha256Hex(canonicalJson(c));
}

/** DST-<year>-<number> for destruction, DEA- for deactivation, DSP- for another disposal. */
export function certificateNumber(kind: DisposalKind, year: number, number: number): string {
  const prefix = kind === 'destruction' ? 'DST' : kind === 'deactivation' ? 'DEA' : 'DSP';
  return `${prefix}-${year}-${String(number).padStart(6, '0')}`;
}

export interface DisposalRuleInput {
  kind: DisposalKind;
  witnesses: readonly string[];
  standardApplied?: string | null;
  verifyingAuthority?: string | null;
  essentialParts?: readonly string[] | null;
  deactivationMark?: string | null;
  authorizationRef?: string | null;
  authorizingBody?: string | null;
  recipientPartyId?: string | null;
}

/**
 * What each disposal must record: a destruction its witnesses (Art. 6(2)); a deactivation the standard,
 * the verifying authority, the essential parts treated and the mark (Art. 9(a)–(c)); another disposal
 * its official authorisation, who gave it and who receives the item (Art. 6(2)).
 */
export function validateDisposal(d: DisposalRuleInput): FieldError[] {
  const errors: FieldError[] = [];
  const need = (ok: boolean, field: string, code: string, message: string) => {
    if (!ok) errors.push({ field, code, message });
  };
  const given = (v: string | null | undefined) => !!v && v.trim() !== '';
  if (d.kind === 'destruction') {
    need(d.witnesses.some(given), 'witnesses', 'disposal.witnesses_required', 'Name at least one witness of the destruction.');
  } else if (d.kind === 'deactivation') {
    need(given(d.standardApplied), 'standardApplied', 'disposal.standard_required', 'Name the deactivation standard applied (e.g. EU 2015/2403).');
    need(given(d.verifyingAuthority), 'verifyingAuthority', 'disposal.verifier_required', 'Name the authority that verified the deactivation (Art. 9(b)).');
    need(!!d.essentialParts && d.essentialParts.some(given), 'essentialParts', 'disposal.parts_required', 'List the essential parts rendered permanently inoperable (Art. 9(a)).');
    need(given(d.deactivationMark), 'deactivationMark', 'disposal.mark_required', 'Record the deactivation mark stamped on the item (Art. 9(c)).');
  } else {
    need(given(d.authorizationRef), 'authorizationRef', 'disposal.authorization_required', 'Another disposal than destruction needs its official authorisation (Art. 6(2)).');
    need(given(d.authorizingBody), 'authorizingBody', 'disposal.authorizing_body_required', 'Name the body that authorised the disposal.');
    need(given(d.recipientPartyId), 'recipientPartyId', 'disposal.recipient_required', 'Name who receives the item (e.g. the State stock).');
  }
  return errors;
}
