/**
 * The licence's Art. 10 particulars as frozen in its snapshot (src/licensing/schemas.ts): the OpenAPI document
 * gives the snapshot as an open object, so this one shape is declared here; the rest is generated.
 */
import type { BodyOf, ResponseOf } from './types.ts';

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

type SuspendBody = NonNullable<BodyOf<'/api/v1/licensing/licences/{number}/suspend', 'post'>>;
type PublicWording = NonNullable<SuspendBody['publicWording']>;

/** What anyone with the licence number may know (GET /public/licences/{number}/verification). */
export type Verification = ResponseOf<'/api/v1/public/licences/{number}/verification', 'get'>;
export type PublicStatus = Verification['status'];

/** The public wordings an officer may publish with a suspension, revocation or surrender (src/licensing/model.ts). */
export const PUBLIC_WORDINGS_BY_ACTION: Record<'suspend' | 'revoke' | 'surrender', readonly PublicWording[]> = {
  suspend: ['issuing_authority_decision', 'pending_review'],
  revoke: ['issuing_authority_decision', 'conditions_not_met', 'holder_request', 'replaced'],
  surrender: ['holder_request', 'replaced'],
};

/** What whoever holds the document learns from its QR code's token (POST /public/licences/verify-token). */
export type TokenVerification = ResponseOf<'/api/v1/public/licences/verify-token', 'post'>;
export type PrintedParty = NonNullable<TokenVerification['particulars']>['applicant'];
