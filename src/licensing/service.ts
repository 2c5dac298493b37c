import type { Deps } from '../platform/deps.ts';
import { brokerVerbs } from './brokers.ts';
import { createContext, type LicensingCollaborators, type LicensingOptions } from './context.ts';
import { issueVerbs } from './issue-licence.ts';
import { licenceVerbs } from './licences.ts';
import { renderLicencePdf } from './pdf.ts';
import { shipmentVerbs } from './record-shipment.ts';
import { reviewVerbs } from './review-case.ts';
import { submitApplicationVerbs } from './submit-application.ts';
import { verificationVerbs } from './verification.ts';
import { deliveryVerbs } from './verify-delivery.ts';
import type { Actor } from '../platform/auth/actor.ts';
import type { LicenceSnapshot } from './model.ts';

/**
 * Licensing use cases (Protocol Arts 10 and 15). Each verb lives in its own file; this assembles them.
 * Every method takes the acting user first and an optional transaction last, so other modules (exchange,
 * registry) can call licensing inside their own transaction.
 */
export function createLicensingService(deps: Deps, collaborators: LicensingCollaborators, options: LicensingOptions = {}) {
  const ctx = createContext(deps, collaborators, options);
  const licences = licenceVerbs(ctx);
  return {
    settings: ctx.settings,
    ...submitApplicationVerbs(ctx),
    ...reviewVerbs(ctx),
    ...issueVerbs(ctx),
    ...licences,
    ...shipmentVerbs(ctx),
    ...deliveryVerbs(ctx),
    ...brokerVerbs(ctx),
    ...verificationVerbs(ctx),

    /** The licence as a bilingual PDF with its QR code (from the snapshot, so it reads the same in 20 years). */
    async licencePdf(actor: Actor, number: string): Promise<{ number: string; pdf: Buffer }> {
      const view = await licences.getLicence(actor, number);
      const pdf = await renderLicencePdf(view.snapshot as unknown as LicenceSnapshot, {
        verificationUrl: view.verificationUrl,
        snapshotHash: view.snapshotHash,
        stateLanguage: deps.config.stateLanguage,
      });
      return { number: view.number, pdf };
    },
  };
}

export type LicensingService = ReturnType<typeof createLicensingService>;
