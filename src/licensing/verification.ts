import { decodeProtectedHeader } from 'jose';
import { stateHash } from '../platform/crypto/canonical.ts';
import { JwsVerificationError, verifyCompactJws, type Jwks } from '../platform/crypto/keys.ts';
import type { Queryable } from '../platform/db/types.ts';
import { today, type LicensingContext } from './context.ts';
import { effectiveLicenceStatus, publicStatus, type LicenceSnapshot, type PublicVerificationStatus } from './model.ts';
import * as store from './store.ts';

/** The Art. 10(3) particulars anyone holding the licence may check (no values, no internal notes). */
export function art10View(s: LicenceSnapshot) {
  return {
    number: s.number,
    kind: s.kind,
    temporaryPurpose: s.temporaryPurpose,
    issuingState: s.issuingState,
    issuingAuthority: s.issuingAuthority,
    placeOfIssue: s.placeOfIssue,
    dateOfIssue: s.dateOfIssue,
    validFrom: s.validFrom,
    expiresOn: s.expiresOn,
    exportCountry: s.exportCountry,
    importCountry: s.importCountry,
    transitCountries: s.transitCountries,
    consignee: s.consignee,
    finalRecipient: s.finalRecipient,
    brokers: s.brokers.map((b) => ({ name: b.name, location: b.location, country: b.country })),
    goods: s.goods.map((g) => ({ lineNo: g.lineNo, description: g.description, controlEntry: g.controlEntry, hsCode: g.hsCode, quantity: g.quantity, unit: g.unit })),
  };
}

export interface VerificationResult {
  number: string;
  status: PublicVerificationStatus;
  checkedAt: string;
  issuingState: string;
  snapshotHash: string | null;
  statusReason: string | null;
  licence: ReturnType<typeof art10View> | null;
}

/** Offline check of a licence token against a JWK set (the CLI and anyone with standard JWS tools). */
export async function verifyLicenceTokenOffline(token: string, jwks: Jwks) {
  const { payload, kid } = await verifyCompactJws(token, jwks);
  if (typeof payload.sub !== 'string' || typeof payload.lh !== 'string') throw new JwsVerificationError('not a licence token (sub/lh missing)');
  return { kid, claims: payload as { iss: string; sub: string; lh: string; vf: string; vt: string; iat: number } };
}

export function verificationVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  async function byNumber(q: Queryable, number: string): Promise<{ result: VerificationResult; row?: store.LicenceRow }> {
    const row = await store.getLicenceByNumber(q, number);
    const checkedAt = deps.clock.now().toISOString();
    if (!row) {
      return { result: { number, status: 'unknown', checkedAt, issuingState: deps.config.state, snapshotHash: null, statusReason: null, licence: null } };
    }
    // A snapshot altered behind the application's back no longer matches its hash: say unknown, not valid.
    const intact = stateHash(row.snapshot) === row.snapshot_hash;
    const status = intact ? publicStatus(effectiveLicenceStatus(row.status, row.expires_on, today(ctx))) : 'unknown';
    return {
      row,
      result: {
        number: row.number,
        status,
        checkedAt,
        issuingState: deps.config.state,
        snapshotHash: row.snapshot_hash,
        statusReason: status === 'valid' ? null : intact ? row.status_reason : 'The stored licence does not match its issued hash.',
        licence: intact ? art10View(row.snapshot) : null,
      },
    };
  }

  return {
    /** Public: the current status of a licence by its number (Art. 10(5)). */
    async verifyLicenceNumber(number: string): Promise<VerificationResult> {
      return (await byNumber(deps.db, number.trim().toUpperCase())).result;
    },

    /** Public: checks the QR token's signature with this node's keys, then the licence's status. */
    async verifyLicenceToken(token: string) {
      const keys = await ctx.keys();
      let claims: { sub: string; lh: string } | undefined;
      let kid: string | null = null;
      let problem: string | null = null;
      try {
        const v = await verifyLicenceTokenOffline(token.trim(), keys.publicJwks());
        claims = v.claims;
        kid = v.kid;
      } catch (err) {
        problem = err instanceof JwsVerificationError ? err.message : 'not a licence token';
        try {
          kid = (decodeProtectedHeader(token.trim()).kid as string | undefined) ?? null;
        } catch {
          kid = null;
        }
      }
      if (!claims) {
        return {
          number: '',
          status: 'unknown' as const,
          checkedAt: deps.clock.now().toISOString(),
          issuingState: deps.config.state,
          snapshotHash: null,
          statusReason: null,
          licence: null,
          signatureValid: false,
          hashMatches: false,
          kid,
          problem,
        };
      }
      const { result } = await byNumber(deps.db, claims.sub);
      const hashMatches = result.snapshotHash === claims.lh;
      return {
        ...result,
        status: hashMatches ? result.status : ('unknown' as const),
        signatureValid: true,
        hashMatches,
        kid,
        problem: hashMatches ? null : 'The token was signed for different licence contents.',
      };
    },
  };
}
