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

export interface Verification {
  number: string;
  status: 'valid' | 'used' | 'expired' | 'suspended' | 'revoked' | 'surrendered' | 'unknown';
  checkedAt: string;
  issuingState: string;
  snapshotHash: string | null;
  statusReason: string | null;
  licence: Art10Particulars | null;
}
