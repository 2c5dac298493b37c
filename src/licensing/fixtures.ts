import type { Actor, Role } from '../platform/auth/actor.ts';
import type { ApplicationInput } from './schemas.ts';

/** Builders for tests and the benchmark (plain data, no test framework). */

export const EXPORTER_ORG = '0190a000-0000-7000-8000-000000000001';
export const OTHER_ORG = '0190a000-0000-7000-8000-000000000002';

export function actor(role: Role, organisationId: string | null = null, name = `test-${role}`): Actor {
  return { kind: 'user', userId: null, name, role, organisationId };
}

export function exportApplication(over: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    kind: 'export',
    applicant: { partyId: EXPORTER_ORG, name: 'Armeria Central S.A.', address: '1 Calle Mayor', country: 'ES' },
    consignee: { name: 'Nairobi Sporting Arms Ltd', address: 'Moi Avenue 10, Nairobi', country: 'KE' },
    endUser: { name: 'Kenya Wildlife Service', address: 'Langata Road, Nairobi', country: 'KE' },
    intermediateConsignees: [],
    brokers: [],
    carriers: [{ name: 'Maersk Line', country: 'DK' }],
    exportCountry: 'ES',
    importCountry: 'KE',
    transit: [{ country: 'TZ', mode: 'land', transhipment: false }],
    goods: [
      {
        lineNo: 1,
        description: 'Bolt-action rifle .308 Win',
        itemType: 'firearm',
        controlEntry: 'ML1.a',
        hsCode: '9303.30',
        quantity: 40,
        unit: 'piece',
        valueMinor: 4_800_000,
        currency: 'EUR',
      },
      {
        lineNo: 2,
        description: 'Cartridges .308 Win',
        itemType: 'ammunition',
        controlEntry: 'ML3.a',
        hsCode: '930630',
        quantity: 20_000,
        unit: 'round',
        valueMinor: 900_000,
        currency: 'EUR',
      },
    ],
    endUse: 'Anti-poaching ranger units',
    ...over,
  };
}

export const IMPORT_AUTHORIZATION = {
  reference: 'KE-FLB-IMP-2026-0042',
  issuingState: 'KE',
  issuingAuthority: 'Firearms Licensing Board of Kenya',
  issueDate: '2026-05-01',
  expiryDate: '2027-03-31',
  goods: [
    { controlEntry: 'ML1', quantity: 40, unit: 'piece' as const },
    { controlEntry: 'ML3', quantity: 20_000, unit: 'round' as const },
  ],
};

export function doc(kind: 'end_user_certificate' | 'import_authorization' | 'transit_no_objection' | 'other', text: string) {
  return { kind, filename: `${kind}.txt`, mediaType: 'text/plain', contentBase64: Buffer.from(text).toString('base64') };
}
