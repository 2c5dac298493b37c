import { defineAuditedEntity } from '../platform/audit/entities.ts';
import { SqlFilter } from '../platform/db/filter.ts';
import type { Queryable } from '../platform/db/types.ts';

/**
 * SQL for the registry's parties (persons and organisations), their personal records, versions and
 * registrations. Every function takes a Queryable (the Db or a transaction). The `*State` functions
 * build the object the audit log hashes; the audited-entity loaders re-read them for `custodia audit verify`.
 */

// ---------------------------------------------------------------- rows

export interface PartyRow {
  id: string;
  version: number;
  kind: 'person' | 'organisation';
  roles: string[];
  name: string | null;
  country: string | null;
  registration_number: string | null;
  contact_email: string | null;
  created_at: Date;
  updated_at: Date;
  retired_at: Date | null;
  retired_reason: string | null;
}

export interface PersonalRow {
  party_id: string;
  given_names: string | null;
  family_name: string | null;
  date_of_birth: string | null;
  address: string | null;
  identity_document_number: string | null;
}

export interface RegistrationRow {
  id: string;
  party_id: string;
  kind: string;
  number: string;
  issuing_authority: string | null;
  issuing_country: string | null;
  valid_from: string;
  valid_until: string | null;
  created_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
}

// ---------------------------------------------------------------- audited states

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function partyState(row: PartyRow, personal: PersonalRow | null) {
  return {
    id: row.id,
    version: row.version,
    kind: row.kind,
    roles: [...row.roles],
    name: row.name,
    country: row.country,
    registrationNumber: row.registration_number,
    contactEmail: row.contact_email,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    retiredAt: iso(row.retired_at),
    retiredReason: row.retired_reason,
    personal: personal ? personalState(personal) : null,
  };
}

export function personalState(p: PersonalRow) {
  return {
    givenNames: p.given_names,
    familyName: p.family_name,
    dateOfBirth: p.date_of_birth,
    address: p.address,
    identityDocumentNumber: p.identity_document_number,
  };
}

export function registrationState(row: RegistrationRow) {
  return {
    id: row.id,
    partyId: row.party_id,
    kind: row.kind,
    number: row.number,
    issuingAuthority: row.issuing_authority,
    issuingCountry: row.issuing_country,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    createdAt: iso(row.created_at),
    revokedAt: iso(row.revoked_at),
    revokedReason: row.revoked_reason,
  };
}

// ---------------------------------------------------------------- parties

const PARTY_COLS = 'id, version, kind, roles, name, country, registration_number, contact_email, created_at, updated_at, retired_at, retired_reason';

export async function insertParty(q: Queryable, p: PartyRow): Promise<void> {
  await q.query(
    `INSERT INTO registry_parties (${PARTY_COLS}) VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9, $10, $11, $12)`,
    [p.id, p.version, p.kind, p.roles, p.name, p.country, p.registration_number, p.contact_email, p.created_at, p.updated_at, p.retired_at, p.retired_reason],
  );
}

export async function updateParty(q: Queryable, p: PartyRow): Promise<void> {
  await q.query(
    `UPDATE registry_parties SET version = $2, roles = $3::text[], name = $4, country = $5, registration_number = $6, contact_email = $7,
       updated_at = $8, retired_at = $9, retired_reason = $10 WHERE id = $1`,
    [p.id, p.version, p.roles, p.name, p.country, p.registration_number, p.contact_email, p.updated_at, p.retired_at, p.retired_reason],
  );
}

export async function upsertPersonal(q: Queryable, p: PersonalRow): Promise<void> {
  await q.query(
    `INSERT INTO registry_party_personal (party_id, given_names, family_name, date_of_birth, address, identity_document_number)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (party_id) DO UPDATE SET given_names = EXCLUDED.given_names, family_name = EXCLUDED.family_name,
       date_of_birth = EXCLUDED.date_of_birth, address = EXCLUDED.address, identity_document_number = EXCLUDED.identity_document_number`,
    [p.party_id, p.given_names, p.family_name, p.date_of_birth, p.address, p.identity_document_number],
  );
}

export async function insertPartyVersion(q: Queryable, partyId: string, version: number, state: unknown, personal: unknown, at: Date, reason: string | null): Promise<void> {
  await q.query(
    `INSERT INTO registry_party_versions (party_id, version, state, personal, recorded_at, reason) VALUES ($1, $2, $3::jsonb, $4::jsonb, $5, $6)`,
    [partyId, version, JSON.stringify(state), personal == null ? null : JSON.stringify(personal), at, reason],
  );
}

export interface PartyVersionRow {
  version: number;
  state: Record<string, unknown>;
  recorded_at: Date;
  reason: string | null;
}

/** Public part of every version (the personal part stays in its own column, never listed). */
export async function listPartyVersions(q: Queryable, partyId: string): Promise<PartyVersionRow[]> {
  return q.query<PartyVersionRow>('SELECT version, state, recorded_at, reason FROM registry_party_versions WHERE party_id = $1 ORDER BY version', [partyId]);
}

export async function getParty(q: Queryable, id: string, forUpdate = false): Promise<PartyRow | undefined> {
  const rows = await q.query<PartyRow>(`SELECT ${PARTY_COLS} FROM registry_parties WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function getParties(q: Queryable, ids: readonly string[]): Promise<PartyRow[]> {
  if (ids.length === 0) return [];
  return q.query<PartyRow>(`SELECT ${PARTY_COLS} FROM registry_parties WHERE id = ANY($1::uuid[])`, [ids]);
}

export async function getPersonal(q: Queryable, partyId: string): Promise<PersonalRow | undefined> {
  const rows = await q.query<PersonalRow>(
    'SELECT party_id, given_names, family_name, date_of_birth, address, identity_document_number FROM registry_party_personal WHERE party_id = $1',
    [partyId],
  );
  return rows[0];
}

export async function getPersonals(q: Queryable, ids: readonly string[]): Promise<PersonalRow[]> {
  if (ids.length === 0) return [];
  return q.query<PersonalRow>(
    'SELECT party_id, given_names, family_name, date_of_birth, address, identity_document_number FROM registry_party_personal WHERE party_id = ANY($1::uuid[])',
    [ids],
  );
}

export interface PartyFilter {
  name?: string;
  role?: string;
  kind?: 'person' | 'organisation';
  includeRetired?: boolean;
  /** Only these ids (industry sees only itself). */
  onlyIds?: string[];
  after?: string;
  limit: number;
}

export async function listParties(q: Queryable, f: PartyFilter): Promise<PartyRow[]> {
  const w = new SqlFilter();
  const p = w.p;
  if (f.name) w.and(`lower(name) LIKE ${p(`%${f.name.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  if (f.role) w.and(`${p(f.role)} = ANY(roles)`);
  if (f.kind) w.and(`kind = ${p(f.kind)}`);
  if (!f.includeRetired) w.and('retired_at IS NULL');
  if (f.onlyIds) w.and(`id = ANY(${p(f.onlyIds)}::uuid[])`);
  if (f.after) w.and(`id > ${p(f.after)}`);
  return q.query<PartyRow>(`SELECT ${PARTY_COLS} FROM registry_parties ${w.clause} ORDER BY id LIMIT ${p(f.limit + 1)}`, w.params);
}

// ---------------------------------------------------------------- registrations

const REG_COLS = 'id, party_id, kind, number, issuing_authority, issuing_country, valid_from, valid_until, created_at, revoked_at, revoked_reason';

export async function insertRegistration(q: Queryable, r: RegistrationRow): Promise<void> {
  await q.query(`INSERT INTO registry_registrations (${REG_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, [
    r.id,
    r.party_id,
    r.kind,
    r.number,
    r.issuing_authority,
    r.issuing_country,
    r.valid_from,
    r.valid_until,
    r.created_at,
    r.revoked_at,
    r.revoked_reason,
  ]);
}

export async function getRegistration(q: Queryable, id: string, forUpdate = false): Promise<RegistrationRow | undefined> {
  const rows = await q.query<RegistrationRow>(`SELECT ${REG_COLS} FROM registry_registrations WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id]);
  return rows[0];
}

export async function revokeRegistration(q: Queryable, id: string, at: Date, reason: string): Promise<void> {
  await q.query('UPDATE registry_registrations SET revoked_at = $2, revoked_reason = $3 WHERE id = $1', [id, at, reason]);
}

export async function listRegistrations(q: Queryable, partyId: string): Promise<RegistrationRow[]> {
  return q.query<RegistrationRow>(`SELECT ${REG_COLS} FROM registry_registrations WHERE party_id = $1 ORDER BY valid_from, id`, [partyId]);
}

// ---------------------------------------------------------------- audited entities

function byId<R extends { id: string }, S>(rows: R[], state: (r: R) => S): Map<string, unknown> {
  return new Map(rows.map((r) => [r.id, state(r)]));
}

export const AUDITED_PARTY = defineAuditedEntity({
  entity: 'party',
  async load(db, ids) {
    const [parties, personals] = await Promise.all([getParties(db, ids), getPersonals(db, ids)]);
    const personalById = new Map(personals.map((p) => [p.party_id, p]));
    return new Map(parties.map((p) => [p.id, partyState(p, personalById.get(p.id) ?? null)]));
  },
});

export const AUDITED_REGISTRATION = defineAuditedEntity({
  entity: 'registration',
  async load(db, ids) {
    return byId(await db.query<RegistrationRow>(`SELECT ${REG_COLS} FROM registry_registrations WHERE id = ANY($1::uuid[])`, [ids]), registrationState);
  },
});
