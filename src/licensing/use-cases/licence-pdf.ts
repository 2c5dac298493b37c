import type { Actor } from '../../platform/auth/actor.ts';
import { loadLicence, type LicensingContext } from '../context.ts';
import type { LicenceSnapshot } from '../model.ts';
import { renderLicencePdf } from '../pdf.ts';
import { licensingPolicy } from '../policy.ts';
import { licenceView } from '../views.ts';

/** The licence as a bilingual PDF with its QR code (from the snapshot, so it reads the same in 20 years). */
export async function licencePdf(ctx: LicensingContext, actor: Actor, number: string): Promise<{ number: string; pdf: Buffer }> {
  licensingPolicy.require(actor, 'licensing.licence.read');
  const view = await licenceView(ctx, ctx.deps.db, await loadLicence(ctx.deps.db, actor, number));
  const pdf = await renderLicencePdf(view.snapshot as unknown as LicenceSnapshot, {
    verificationUrl: view.verificationUrl,
    snapshotHash: view.snapshotHash,
    stateLanguage: ctx.deps.config.stateLanguage,
  });
  return { number: view.number, pdf };
}
