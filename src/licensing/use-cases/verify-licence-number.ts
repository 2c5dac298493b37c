import { findLicenceForPublic, today, type LicensingContext } from '../context.ts';
import { presentPublicLicence, type PublicLicenceView } from '../presenters.ts';

/** Public, without the token: does this number exist, and its status, validity, kind and countries (Art. 10(5)). */
export async function verifyLicenceNumber(ctx: LicensingContext, number: string): Promise<PublicLicenceView> {
  const row = await findLicenceForPublic(ctx, number);
  return presentPublicLicence(row, { today: today(ctx), issuingState: ctx.deps.config.state, checkedAt: ctx.deps.clock.now() });
}
