import { countryName } from '../reference/countries.ts';
import { DEFAULT_COUNTERSIGN_RULE, type CountersignRule, type GateSettings } from './model.ts';

/**
 * Licensing settings that a State decides (environment variables, safe defaults). Kept in this module
 * rather than the platform config so the rules are next to the code that applies them.
 */
export interface LicensingSettings extends GateSettings {
  countersign: CountersignRule;
  /** Art. 15: only registered brokers may appear on licences. */
  brokerRegistrationRequired: boolean;
  /** Shipments without delivery verification (Art. 10(4)) after this many days are listed as overdue. */
  deliveryOverdueDays: number;
  /** Default licence validity when the officer gives none (capped by the import authorization's expiry). */
  defaultValidityMonths: number;
  issuingAuthority: string;
  placeOfIssue: string;
  /** Public verification requests a minute per client address, on each of its two routes (enumeration of licence numbers). */
  publicVerificationPerMinute: number;
}

function bool(v: string | undefined, fallback: boolean): boolean {
  if (v === undefined || v === '') return fallback;
  return v === 'true' || v === '1';
}

function int(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${v}"`);
  return n;
}

export function loadLicensingSettings(env: NodeJS.ProcessEnv = process.env, state = 'XC'): LicensingSettings {
  const destinations = (env.CUSTODIA_COUNTERSIGN_DESTINATIONS ?? DEFAULT_COUNTERSIGN_RULE.destinations) as CountersignRule['destinations'];
  if (!['non_participants', 'all', 'none'].includes(destinations)) {
    throw new Error(`CUSTODIA_COUNTERSIGN_DESTINATIONS must be non_participants, all or none, got "${destinations}"`);
  }
  return {
    exemptSeaAirTransitWithoutTranshipment: bool(env.CUSTODIA_TRANSIT_SEA_AIR_EXEMPT, false),
    countersign: {
      ...DEFAULT_COUNTERSIGN_RULE,
      destinations,
      headings: env.CUSTODIA_COUNTERSIGN_HEADINGS ? env.CUSTODIA_COUNTERSIGN_HEADINGS.split(',').map((s) => s.trim()) : DEFAULT_COUNTERSIGN_RULE.headings,
    },
    brokerRegistrationRequired: bool(env.CUSTODIA_BROKER_REGISTRATION_REQUIRED, true),
    deliveryOverdueDays: int(env.CUSTODIA_DELIVERY_OVERDUE_DAYS, 90, 'CUSTODIA_DELIVERY_OVERDUE_DAYS'),
    defaultValidityMonths: int(env.CUSTODIA_LICENCE_VALIDITY_MONTHS, 12, 'CUSTODIA_LICENCE_VALIDITY_MONTHS'),
    // Printed on the licence: a name and a place a reader understands, not the State's code (issue 17);
    // the document names the issuing State separately.
    issuingAuthority: env.CUSTODIA_LICENSING_AUTHORITY ?? 'National Firearms Control Authority',
    placeOfIssue: env.CUSTODIA_LICENSING_PLACE_OF_ISSUE ?? countryName(state, 'en'),
    publicVerificationPerMinute: int(env.CUSTODIA_VERIFY_RATE_LIMIT, 30, 'CUSTODIA_VERIFY_RATE_LIMIT'),
  };
}


/**
 * Licences carry a QR code and a link to this node's public verification page, built from
 * CUSTODIA_PUBLIC_URL. Left unset it is http://localhost:<port>, which no one holding the paper can
 * open: `custodia serve` warns at start with this text (null when the address is configured).
 */
export function publicUrlWarning(env: NodeJS.ProcessEnv, publicUrl: string): string | null {
  if (env.CUSTODIA_PUBLIC_URL && env.CUSTODIA_PUBLIC_URL.trim() !== '') return null;
  return `CUSTODIA_PUBLIC_URL is not set: the QR code and verification link on every licence issued now point to ${publicUrl}, which only this machine can open. Set CUSTODIA_PUBLIC_URL to the address the public reaches this node at.`;
}
