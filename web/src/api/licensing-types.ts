/** Shapes of the licensing API the application reads (see src/licensing/schemas.ts). */
export interface LicenceParty {
  partyId?: string | null;
  name: string;
  address?: string | null;
  country: string;
}

export interface Art10Particulars {
  number: string;
  kind: string;
  temporaryPurpose: string | null;
  issuingState: string;
  issuingAuthority: string;
  placeOfIssue: string;
  dateOfIssue: string;
  validFrom: string;
  expiresOn: string;
  exportCountry: string;
  importCountry: string;
  transitCountries: string[];
  consignee: LicenceParty | null;
  finalRecipient: LicenceParty;
  brokers: { name: string; location: string; country: string }[];
  goods: { lineNo: number; description: string; controlEntry: string; hsCode: string; quantity: number; unit: string }[];
}

export type PublicStatus = 'valid' | 'used' | 'expired' | 'suspended' | 'revoked' | 'surrendered' | 'unknown';

/** The public wordings an officer may publish with a suspension, revocation or surrender (src/licensing/model.ts). */
export const PUBLIC_WORDINGS_BY_ACTION: Record<'suspend' | 'revoke' | 'surrender', string[]> = {
  suspend: ['issuing_authority_decision', 'pending_review'],
  revoke: ['issuing_authority_decision', 'conditions_not_met', 'holder_request', 'replaced'],
  surrender: ['holder_request', 'replaced'],
};

/** What anyone with the licence number may know (GET /public/licences/{number}/verification). */
export interface Verification {
  number: string;
  status: PublicStatus;
  statusSince: string | null;
  publicWording: string | null;
  kind: string;
  issuingState: string;
  validFrom: string;
  expiresOn: string;
  exportCountry: string | null;
  importCountry: string | null;
  transitCountries: string[];
  checkedAt: string;
}

export interface PrintedParty {
  name: string;
  country: string;
}

/** What whoever holds the document learns from its QR code's token (POST /public/licences/verify-token). */
export interface TokenVerification {
  verdict: 'authentic' | 'altered' | 'forged' | 'other_licence';
  signature: { valid: boolean; kid: string | null; key: { kid: string; created: string | null; retired: string | null; current: boolean } | null };
  hashMatches: boolean;
  licence: Verification | null;
  particulars: {
    applicant: PrintedParty;
    consignee: PrintedParty | null;
    finalRecipient: PrintedParty;
    intermediateConsignees: PrintedParty[];
    brokers: (PrintedParty & { location: string })[];
    carriers: PrintedParty[];
    goods: { lineNo: number; description: string; controlEntry: string; hsCode: string; quantity: number; unit: string }[];
  } | null;
  problem: string | null;
}
