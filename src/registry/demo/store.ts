import type { Queryable } from '../../platform/db/types.ts';
import type { PartyRow, PersonalRow, RegistrationRow } from '../store.ts';

/**
 * Set-based writes of the demonstration State's parties (tens of thousands of owners): the same
 * tables and the same version records the registry's createParty use case writes one party at a time.
 */
export async function insertPartiesBatch(q: Queryable, rows: readonly PartyRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof PartyRow>(k: K) => rows.map((r) => r[k]);
  // roles is text[] per row: it travels as JSON text and is rebuilt in SQL (unnest cannot take ragged 2-D arrays).
  await q.query(
    `INSERT INTO registry_parties (id, version, kind, roles, name, country, registration_number, contact_email, created_at, updated_at, retired_at, retired_reason)
     SELECT u.id, u.version, u.kind, ARRAY(SELECT jsonb_array_elements_text(u.roles::jsonb)), u.name, u.country, u.registration_number, u.contact_email,
            u.created_at, u.updated_at, u.retired_at, u.retired_reason
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[],
                   $11::timestamptz[], $12::text[])
         AS u(id, version, kind, roles, name, country, registration_number, contact_email, created_at, updated_at, retired_at, retired_reason)`,
    [
      col('id'),
      col('version'),
      col('kind'),
      rows.map((r) => JSON.stringify(r.roles)),
      col('name'),
      col('country'),
      col('registration_number'),
      col('contact_email'),
      col('created_at'),
      col('updated_at'),
      col('retired_at'),
      col('retired_reason'),
    ],
  );
}

export async function insertPersonalsBatch(q: Queryable, rows: readonly PersonalRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof PersonalRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO registry_party_personal (party_id, given_names, family_name, date_of_birth, address, identity_document_number)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[])`,
    [col('party_id'), col('given_names'), col('family_name'), col('date_of_birth'), col('address'), col('identity_document_number')],
  );
}

export interface PartyVersionRow {
  party_id: string;
  version: number;
  state: unknown;
  personal: unknown;
  recorded_at: Date;
  reason: string | null;
}

export async function insertPartyVersionsBatch(q: Queryable, rows: readonly PartyVersionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO registry_party_versions (party_id, version, state, personal, recorded_at, reason)
     SELECT u.party_id, u.version, u.state::jsonb, u.personal::jsonb, u.recorded_at, u.reason
       FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::text[]) AS u(party_id, version, state, personal, recorded_at, reason)`,
    [
      rows.map((r) => r.party_id),
      rows.map((r) => r.version),
      rows.map((r) => JSON.stringify(r.state)),
      rows.map((r) => (r.personal == null ? null : JSON.stringify(r.personal))),
      rows.map((r) => r.recorded_at),
      rows.map((r) => r.reason),
    ],
  );
}

export async function insertRegistrationsBatch(q: Queryable, rows: readonly RegistrationRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof RegistrationRow>(k: K) => rows.map((r) => r[k]);
  await q.query(
    `INSERT INTO registry_registrations (id, party_id, kind, number, issuing_authority, issuing_country, valid_from, valid_until, created_at, revoked_at, revoked_reason)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::timestamptz[], $10::timestamptz[], $11::text[])`,
    [
      col('id'),
      col('party_id'),
      col('kind'),
      col('number'),
      col('issuing_authority'),
      col('issuing_country'),
      col('valid_from'),
      col('valid_until'),
      col('created_at'),
      col('revoked_at'),
      col('revoked_reason'),
    ],
  );
}
