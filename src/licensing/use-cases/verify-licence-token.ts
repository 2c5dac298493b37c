import { decodeProtectedHeader } from 'jose';
import { findLicenceForPublic, today, type LicensingContext } from '../context.ts';
import { verifyLicenceTokenOffline, type TokenVerdict } from '../licence-token.ts';
import { licenceIntact, presentPublicLicence, printedParticulars } from '../presenters.ts';

/**
 * Public, with the QR code's token (proof of holding the document): the signature is checked against
 * this node's keys (current or retired), then the token's contents hash against the record. Only an
 * authentic token for an intact record shows the parties and goods as printed.
 */
export async function verifyLicenceToken(ctx: LicensingContext, input: { token: string; number?: string | null }) {
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
  const row = await findLicenceForPublic(ctx, claims.sub);
  const licence = presentPublicLicence(row, { today: today(ctx), issuingState: ctx.deps.config.state, checkedAt: ctx.deps.clock.now() });
  const hashMatches = claims.lh === row.snapshot_hash && licenceIntact(row);
  if (!hashMatches) {
    return { verdict: 'altered' as const, signature, hashMatches, licence, particulars: null, problem: 'The licence contents do not match the document that was signed.' };
  }
  return { verdict: 'authentic' as const, signature, hashMatches, licence, particulars: printedParticulars(row.snapshot), problem: null };
}
