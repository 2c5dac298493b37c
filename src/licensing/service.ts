import type { Actor } from '../platform/auth/actor.ts';
import type { Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { bindUseCases } from '../platform/module.ts';
import { createContext, type LicensingCollaborators, type LicensingContext, type LicensingOptions } from './context.ts';
import type { ShipmentInput } from './schemas.ts';
import { assignOfficer } from './use-cases/assign-officer.ts';
import { changeBrokerStatus } from './use-cases/change-broker-status.ts';
import { changeLicenceStatus } from './use-cases/change-licence-status.ts';
import { countersign } from './use-cases/countersign.ts';
import { decideScreeningHit } from './use-cases/decide-screening-hit.ts';
import { expireDueLicences } from './use-cases/expire-due-licences.ts';
import { getCase } from './use-cases/get-case.ts';
import { getCaseScreening } from './use-cases/get-case-screening.ts';
import { getDocument } from './use-cases/get-document.ts';
import { getLicence } from './use-cases/get-licence.ts';
import { getShipment } from './use-cases/get-shipment.ts';
import { issueLicence } from './use-cases/issue-licence.ts';
import { licencePdf } from './use-cases/licence-pdf.ts';
import { listApplications } from './use-cases/list-applications.ts';
import { listAwaitingVerification } from './use-cases/list-awaiting-verification.ts';
import { listBrokers } from './use-cases/list-brokers.ts';
import { listDenials } from './use-cases/list-denials.ts';
import { listLicences } from './use-cases/list-licences.ts';
import { listShipments } from './use-cases/list-shipments.ts';
import { provideInformation } from './use-cases/provide-information.ts';
import { recommend } from './use-cases/recommend.ts';
import { recordImportAuthorization } from './use-cases/record-import-authorization.ts';
import { recordScreeningException } from './use-cases/record-screening-exception.ts';
import { recordShipments } from './use-cases/record-shipments.ts';
import { recordTransitNoObjection } from './use-cases/record-transit-no-objection.ts';
import { refuseApplication } from './use-cases/refuse-application.ts';
import { registerBroker } from './use-cases/register-broker.ts';
import { requestInformation } from './use-cases/request-information.ts';
import { submitApplication } from './use-cases/submit-application.ts';
import { uploadDocument } from './use-cases/upload-document.ts';
import { verifyDelivery } from './use-cases/verify-delivery.ts';
import { verifyLicenceNumber } from './use-cases/verify-licence-number.ts';
import { verifyLicenceToken } from './use-cases/verify-licence-token.ts';
import { withdrawApplication } from './use-cases/withdraw-application.ts';

/**
 * Licensing (Protocol Arts 10 and 15): one use case per file in use-cases/ (its input schema, access
 * check, transaction and audit entry), assembled here with their context. Every use case takes the acting
 * user first and an optional transaction last, so other modules can call licensing inside their own
 * transaction.
 */
export function createLicensingService(deps: Deps, collaborators: LicensingCollaborators, options: LicensingOptions = {}) {
  const ctx = createContext(deps, collaborators, options);
  return {
    settings: ctx.settings,
    ...bindUseCases(ctx, {
    assignOfficer,
    changeBrokerStatus,
    changeLicenceStatus,
    countersign,
    decideScreeningHit,
    expireDueLicences,
    getCase,
    getCaseScreening,
    getDocument,
    getLicence,
    getShipment,
    issueLicence,
    licencePdf,
    listApplications,
    listAwaitingVerification,
    listBrokers,
    listDenials,
    listLicences,
    listShipments,
    provideInformation,
    recommend,
    recordImportAuthorization,
    recordScreeningException,
    recordShipments,
    recordTransitNoObjection,
    refuseApplication,
    registerBroker,
    requestInformation,
    submitApplication,
    uploadDocument,
    verifyDelivery,
    verifyLicenceNumber,
    verifyLicenceToken,
    withdrawApplication,
    }),
    async recordShipment(actor: Actor, input: ShipmentInput, tx?: Tx) {
      const [one] = await recordShipments(ctx, actor, [input], tx);
      return one;
    },
  };
}

export type LicensingService = ReturnType<typeof createLicensingService>;
