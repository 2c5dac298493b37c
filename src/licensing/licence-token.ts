import { stateHash } from '../platform/crypto/canonical.ts';
import { JwsVerificationError, verifyCompactJws, type Jwks } from '../platform/crypto/keys.ts';
import type { LicenceSnapshot } from './model.ts';

/**
 * The signed token a licence carries in its QR code: a compact JWS (EdDSA) over the licence number and the
 * SHA-256 of its snapshot, checkable offline against the issuing State's published keys.
 */

/** Claims of the compact JWS printed in the licence's QR code. */
export interface LicenceTokenClaims {
  /** Issuing State (ISO 3166-1 alpha-2). */
  iss: string;
  /** Licence number. */
  sub: string;
  /** SHA-256 (hex) of the canonical JSON of the licence snapshot. */
  lh: string;
  /** Valid from / expires on (YYYY-MM-DD), for an offline reader. */
  vf: string;
  vt: string;
  iat: number;
}

export const LICENCE_TOKEN_TYP = 'custodia-licence+jws';

export function snapshotHash(snapshot: LicenceSnapshot): string {
  return stateHash(snapshot);
}

export type TokenVerdict = 'authentic' | 'altered' | 'forged' | 'other_licence';

/** Offline check of a licence token against a JWK set (the CLI and anyone with standard JWS tools). */
export async function verifyLicenceTokenOffline(token: string, jwks: Jwks) {
  const { payload, kid } = await verifyCompactJws(token, jwks);
  if (typeof payload.sub !== 'string' || typeof payload.lh !== 'string') throw new JwsVerificationError('not a licence token (sub/lh missing)');
  return { kid, claims: payload as { iss: string; sub: string; lh: string; vf: string; vt: string; iat: number } };
}
