import { decodeProtectedHeader } from 'jose';
import { stateHash } from '../platform/crypto/canonical.ts';
import { JwsVerificationError, verifyCompactJws, type Jwks } from '../platform/crypto/keys.ts';
import { ANONYMOUS_ACTOR } from '../platform/auth/actor.ts';
import { readDb } from '../platform/db/replica.ts';
import { NotFoundError } from '../platform/http/errors.ts';
import { today, type LicensingContext } from './context.ts';
import { effectiveLicenceStatus, publicStatus, publicStatusSince, type LicenceSnapshot, type PartyRef, type PublicVerificationStatus, type PublicWording } from './model.ts';
import * as store from './store.ts';

/**
 * Public licence verification (Art. 10(5)) at two levels. Anyone with a licence number learns only what a
 * border or customs officer needs to know that the number is real: its status with the date and the public
 * wording, the validity, the kind and the countries. Whoever holds the document (the signed token in its
 * QR code) also gets the parties' names and the goods as printed, once the token's signature and the
 * contents hash are checked against this node's keys and record. No internal id, address or officer's
 * reason is ever part of either.
 */

export interface PublicLicenceView {
  number: string;
  status: PublicVerificationStatus;
  /** The day the status began (YYYY-MM-DD). */
  statusSince: string | null;
  publicWording: PublicWording | null;
  kind: string;
  issuingState: string;
  validFrom: string;
  expiresOn: string;
  /** Null when the stored record no longer matches its issued hash (status `unknown`). */
  exportCountry: string | null;
  importCountry: string | null;
  transitCountries: string[];
  checkedAt: string;
}

const printed = (p: PartyRef) => ({ name: p.name, country: p.country });

/** The parties and goods as printed on the licence: names and countries, never addresses or registry ids. */
export function printedParticulars(s: LicenceSnapshot) {
  return {
    applicant: printed(s.applicant),
    consignee: s.consignee ? printed(s.consignee) : null,
    finalRecipient: printed(s.finalRecipient),
    intermediateConsignees: s.intermediateConsignees.map(printed),
    brokers: s.brokers.map((b) => ({ ...printed(b), location: b.location })),
    carriers: s.carriers.map(printed),
    goods: s.goods.map((g) => ({ lineNo: g.lineNo, description: g.description, controlEntry: g.controlEntry, hsCode: g.hsCode, quantity: g.quantity, unit: g.unit })),
  };
}

export type TokenVerdict = 'authentic' | 'altered' | 'forged' | 'other_licence';

/** Offline check of a licence token against a JWK set (the CLI and anyone with standard JWS tools). */
export async function verifyLicenceTokenOffline(token: string, jwks: Jwks) {
  const { payload, kid } = await verifyCompactJws(token, jwks);
  if (typeof payload.sub !== 'string' || typeof payload.lh !== 'string') throw new JwsVerificationError('not a licence token (sub/lh missing)');
  return { kid, claims: payload as { iss: string; sub: string; lh: string; vf: string; vt: string; iat: number } };
}

export function verificationVerbs(ctx: LicensingContext) {
  const { deps } = ctx;

  /** The stored licence still matches the hash it was issued (and signed) with. */
  const intact = (row: store.LicenceRow) => stateHash(row.snapshot) === row.snapshot_hash;

  function publicView(row: store.LicenceRow): PublicLicenceView {
    const ok = intact(row);
    const day = today(ctx);
    const status = ok ? publicStatus(effectiveLicenceStatus(row.status, row.expires_on, day)) : 'unknown';
    const worded = status === 'suspended' || status === 'revoked' || status === 'surrendered';
    return {
      number: row.number,
      status,
      statusSince: ok ? publicStatusSince({ status: row.status, statusChangedAt: row.status_changed_at, expiresOn: row.expires_on }, day) : null,
      publicWording: worded ? ((row.public_wording as PublicWording | null) ?? null) : null,
      kind: row.kind,
      issuingState: deps.config.state,
      validFrom: row.valid_from,
      expiresOn: row.expires_on,
      exportCountry: ok ? row.snapshot.exportCountry : null,
      importCountry: ok ? row.snapshot.importCountry : null,
      transitCountries: ok ? row.snapshot.transitCountries : [],
      checkedAt: deps.clock.now().toISOString(),
    };
  }

  async function find(number: string): Promise<store.LicenceRow> {
    const wanted = number.trim().toUpperCase();
    // Public verification may read a replica (docs/operations.md).
    const row = await store.getLicenceByNumber(readDb(deps, ANONYMOUS_ACTOR), wanted);
    if (!row) throw new NotFoundError('Licence', wanted);
    return row;
  }

  return {
    /** Public, without the token: does this number exist, and its status, validity, kind and countries. */
    async verifyLicenceNumber(number: string): Promise<PublicLicenceView> {
      return publicView(await find(number));
    },

    /**
     * Public, with the QR code's token (proof of holding the document): the signature is checked against
     * this node's keys (current or retired), then the token's contents hash against the record. Only an
     * authentic token for an intact record shows the parties and goods as printed.
     */
    async verifyLicenceToken(input: { token: string; number?: string | null }) {
      const keys = await ctx.keys();
      const jwks = keys.publicJwks();
      const token = input.token.trim();
      let claims: { sub: string; lh: string } | undefined;
      let kid: string | null = null;
      try {
        const v = await verifyLicenceTokenOffline(token, jwks);
        claims = v.claims;
        kid = v.kid;
      } catch {
        try {
          const claimed = decodeProtectedHeader(token).kid;
          kid = typeof claimed === 'string' ? claimed : null;
        } catch {
          kid = null;
        }
      }
      const published = kid ? jwks.keys.find((k) => k.kid === kid) : undefined;
      const signature = {
        valid: claims !== undefined,
        kid,
        key: claims && published ? { kid: published.kid, created: published.created ?? null, retired: published.retired ?? null, current: published.kid === keys.kid } : null,
      };
      const refused = (verdict: TokenVerdict, problem: string) => ({ verdict, signature, hashMatches: false, licence: null, particulars: null, problem });
      if (!claims) return refused('forged', 'The token was not signed by this node: it is forged or altered.');
      if (input.number && input.number.trim().toUpperCase() !== claims.sub) {
        return refused('other_licence', `The token was signed for licence ${claims.sub}, not ${input.number.trim().toUpperCase()}.`);
      }
      const row = await find(claims.sub);
      const licence = publicView(row);
      const hashMatches = claims.lh === row.snapshot_hash && intact(row);
      if (!hashMatches) {
        return { verdict: 'altered' as const, signature, hashMatches, licence, particulars: null, problem: 'The licence contents do not match the document that was signed.' };
      }
      return { verdict: 'authentic' as const, signature, hashMatches, licence, particulars: printedParticulars(row.snapshot), problem: null };
    },
  };
}
