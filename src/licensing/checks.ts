import type { FieldError } from '../platform/http/errors.ts';
import type { Queryable } from '../platform/db/types.ts';
import { today, type LicensingContext } from './context.ts';
import { addDays, addMonths, brokerRegistrationValid, evaluateArt10Gate, type ApplicationContent, type BrokerRef, type GateResult, type ImportAuthorizationEvidence } from './model.ts';
import * as brokerStore from './store-brokers.ts';
import * as caseStore from './store-cases.ts';

/**
 * The checks submission, review and issue share: they read the evidence from the stores and apply the
 * pure rules of model.ts (the Art. 10(2) gate, Art. 15 broker registration) to it.
 */

/** Art. 15: where the State requires it, every broker on an application is on the broker register and valid on `day`. */
export async function brokerIssues(ctx: LicensingContext, q: Queryable, brokers: BrokerRef[], day: string): Promise<FieldError[]> {
  if (!ctx.settings.brokerRegistrationRequired || brokers.length === 0) return [];
  const ids = brokers.map((b) => b.brokerId).filter((x): x is string => Boolean(x));
  const found = new Map((await brokerStore.getBrokers(q, ids)).map((b) => [b.id, b]));
  const issues: FieldError[] = [];
  brokers.forEach((b, i) => {
    const reg = b.brokerId ? found.get(b.brokerId) : undefined;
    if (!b.brokerId) {
      issues.push({ field: `brokers.${i}.brokerId`, code: 'broker.unregistered', message: `Broker ${b.name} is not on the broker register (registration is required).` });
    } else if (!brokerRegistrationValid(reg && { id: reg.id, name: reg.name, status: reg.status, validFrom: reg.valid_from, validTo: reg.valid_to }, day)) {
      issues.push({ field: `brokers.${i}.brokerId`, code: 'broker.registration_invalid', message: `Broker ${b.name}'s registration is not valid on ${day}.` });
    }
  });
  return issues;
}

/**
 * The licence validity an issue would use: the officer's dates, else today + the default months, never
 * beyond the import authorization (Reg 258/2012 Art. 7(5)) when one is in force.
 */
export function proposeValidity(
  ctx: LicensingContext,
  day: string,
  content: ApplicationContent,
  auths: ImportAuthorizationEvidence[],
  requested: { validFrom?: string | null; expiresOn?: string | null } = {},
): { validFrom: string; expiresOn: string } {
  const validFrom = requested.validFrom ?? day;
  if (requested.expiresOn) return { validFrom, expiresOn: requested.expiresOn };
  let expiresOn = addDays(addMonths(validFrom, ctx.settings.defaultValidityMonths), -1);
  if (content.kind === 'export' || content.kind === 'temporary') {
    const inForce = auths.filter((a) => a.issuingState === content.importCountry && a.issueDate <= day && day <= a.expiryDate);
    const latest = inForce.reduce<string | null>((acc, a) => (acc === null || a.expiryDate > acc ? a.expiryDate : acc), null);
    if (latest && latest < expiresOn) expiresOn = latest;
  }
  return { validFrom, expiresOn };
}

/** The Art. 10(2) gate on the application's recorded evidence, for the validity an issue would use. */
export async function gateFor(
  ctx: LicensingContext,
  q: Queryable,
  app: caseStore.ApplicationRow,
  requested: { validFrom?: string | null; expiresOn?: string | null } = {},
): Promise<{ gate: GateResult; validity: { validFrom: string; expiresOn: string }; auths: caseStore.ImportAuthRow[]; transits: caseStore.TransitRow[] }> {
  const [auths, transits] = await Promise.all([caseStore.listImportAuths(q, app.id), caseStore.listTransits(q, app.id)]);
  const day = today(ctx);
  const authEvidence = auths.map(caseStore.importAuthEvidence);
  const validity = proposeValidity(ctx, day, app.content, authEvidence, requested);
  const gate = evaluateArt10Gate({
    application: app.content,
    importAuthorizations: authEvidence,
    transitNoObjections: transits.map(caseStore.transitEvidence),
    today: day,
    licenceExpiresOn: validity.expiresOn,
    settings: ctx.settings,
  });
  return { gate, validity, auths, transits };
}
