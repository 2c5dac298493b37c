import type { Retention } from './model.ts';
import type { CustodyEvent, ItemDetail, ItemSummary, Marking, PartyDetail, PartySummary, PartyVersion, Registration } from './schemas.ts';
import type { EventRow, ItemRow, MarkingRow, PartyRow, PartyVersionRow, PersonalRow, RegistrationRow } from './store.ts';
import { markingFields } from './store-events.ts';
import type { ItemSummaryRow } from './store-items.ts';

/**
 * Presenters whitelist what leaves the registry: every output field is named here, so a new column
 * never leaks by accident, and personal data appears only where the caller passed it in (the service
 * decides, by policy, and audits the read).
 */

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Persons are never named in summaries: their names are personal data (read through the party page). */
export function presentPartySummary(row: PartyRow): PartySummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.kind === 'organisation' ? row.name : null,
    roles: [...row.roles],
    country: row.country,
    registrationNumber: row.kind === 'organisation' ? row.registration_number : null,
    retired: row.retired_at !== null,
  };
}

export function presentRegistration(row: RegistrationRow, today: string): Registration {
  return {
    id: row.id,
    partyId: row.party_id,
    kind: row.kind,
    number: row.number,
    issuingAuthority: row.issuing_authority,
    issuingCountry: row.issuing_country,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    revokedAt: iso(row.revoked_at),
    revokedReason: row.revoked_reason,
    current: row.revoked_at === null && row.valid_from <= today && (row.valid_until === null || row.valid_until >= today),
  };
}

/** `personal` undefined = withheld (field absent); null = a person without personal record, or an organisation. */
export function presentPartyDetail(row: PartyRow, registrations: RegistrationRow[], today: string, personal?: PersonalRow | null): PartyDetail {
  const detail: PartyDetail = {
    ...presentPartySummary(row),
    version: row.version,
    registrationNumber: row.registration_number,
    contactEmail: row.contact_email,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    retiredAt: iso(row.retired_at),
    retiredReason: row.retired_reason,
    registrations: registrations.map((r) => presentRegistration(r, today)),
  };
  if (personal !== undefined) {
    detail.personal = personal
      ? {
          givenNames: personal.given_names,
          familyName: personal.family_name,
          dateOfBirth: personal.date_of_birth,
          address: personal.address,
          identityDocumentNumber: personal.identity_document_number,
        }
      : null;
  }
  return detail;
}

/** A past version of a party, whitelisted from its stored public state (never the personal part). */
export function presentPartyVersion(row: PartyVersionRow): PartyVersion {
  const st = row.state;
  const str = (k: string) => (typeof st[k] === 'string' ? (st[k] as string) : null);
  const kind = st.kind === 'person' ? 'person' : 'organisation';
  return {
    version: row.version,
    recordedAt: row.recorded_at.toISOString(),
    reason: row.reason,
    kind,
    name: kind === 'organisation' ? str('name') : null,
    roles: Array.isArray(st.roles) ? (st.roles as string[]) : [],
    country: str('country'),
    registrationNumber: str('registrationNumber'),
    contactEmail: str('contactEmail'),
    retired: st.retiredAt != null,
  };
}

export function presentItemSummary(row: ItemSummaryRow): ItemSummary {
  return {
    id: row.id,
    kind: row.kind,
    firearmType: row.firearm_type,
    partType: row.part_type,
    ammunitionComponent: row.ammunition_component,
    make: row.make,
    model: row.model,
    calibre: row.calibre,
    yearOfManufacture: row.year_of_manufacture,
    countryOfManufacture: row.country_of_manufacture,
    serialNumber: row.serial_number,
    lotNumber: row.lot_number,
    quantityRounds: row.quantity_rounds,
    status: row.status,
    holderPartyId: row.holder_party_id,
    createdAt: row.created_at.toISOString(),
  };
}

/** A stored marking as the API shows it: what was recorded (the same mapping the registry re-applies), where and when. */
export function presentMarking(row: MarkingRow): Marking {
  return { id: row.id, seq: row.seq, ...markingFields(row), recordedAt: row.recorded_at.toISOString() };
}

type PartyLookup = (id: string | null) => PartySummary | null;

export function partyLookup(rows: PartyRow[]): PartyLookup {
  const byId = new Map(rows.map((r) => [r.id, presentPartySummary(r)]));
  return (id) => (id ? (byId.get(id) ?? null) : null);
}

export function presentEvent(row: EventRow, party: PartyLookup): CustodyEvent {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    from: party(row.from_party_id),
    to: party(row.to_party_id),
    placeLocode: row.place_locode,
    placeText: row.place_text,
    counterpartCountry: row.counterpart_country,
    authorizationRef: row.authorization_ref,
    licenceId: row.licence_id,
    certificateRef: row.certificate_ref,
    destructionMethod: row.destruction_method,
    witnesses: row.witnesses ? [...row.witnesses] : null,
    temporaryImportPurpose: row.temporary_import_purpose,
    note: row.note,
  };
}

export function presentItemDetail(row: ItemRow, markings: MarkingRow[], events: EventRow[], parties: PartyRow[], retention: Retention): ItemDetail {
  const party = partyLookup(parties);
  return {
    ...presentItemSummary(row),
    placeOfManufacture: row.place_of_manufacture,
    manufacturer: party(row.manufacturer_party_id),
    isAntique: row.is_antique,
    isReplica: row.is_replica,
    temporaryImportPurpose: row.temporary_import_purpose,
    description: row.description,
    holder: party(row.holder_party_id),
    keeper: party(row.keeper_party_id),
    lastEventAt: iso(row.last_event_at),
    retention,
    markings: markings.map(presentMarking),
    events: events.map((e) => presentEvent(e, party)),
  };
}
