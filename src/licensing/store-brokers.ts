import type { Queryable } from '../platform/db/types.ts';

/**
 * SQL for the broker register (Art. 15) and the denials (our refusals, checked against later
 * applications). Each `xState(row)` is both what a use case audits and what entities.ts re-reads.
 */

// ---------------------------------------------------------------------------------------------- brokers

export interface BrokerRow {
  id: string;
  party_id: string | null;
  name: string;
  legal_form: string | null;
  registration_no: string;
  country: string;
  location: string;
  valid_from: string;
  valid_to: string;
  status: 'active' | 'suspended' | 'retired';
  status_reason: string | null;
  registered_at: Date;
  updated_at: Date;
}

export function brokerState(r: BrokerRow) {
  return {
    id: r.id,
    partyId: r.party_id,
    name: r.name,
    legalForm: r.legal_form,
    registrationNo: r.registration_no,
    country: r.country,
    location: r.location,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    statusReason: r.status_reason,
    registeredAt: r.registered_at,
    updatedAt: r.updated_at,
  };
}
export type BrokerState = ReturnType<typeof brokerState>;

export async function insertBroker(q: Queryable, b: BrokerState): Promise<BrokerRow> {
  const rows = await q.query<BrokerRow>(
    `INSERT INTO licensing_brokers (id, party_id, name, legal_form, registration_no, country, location, valid_from, valid_to, status, status_reason, registered_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) RETURNING *`,
    [b.id, b.partyId, b.name, b.legalForm, b.registrationNo, b.country, b.location, b.validFrom, b.validTo, b.status, b.statusReason, b.registeredAt, b.updatedAt],
  );
  return rows[0];
}

export async function updateBrokerStatus(q: Queryable, id: string, status: BrokerRow['status'], reason: string, validTo: string | null, at: Date): Promise<BrokerRow | undefined> {
  const rows = await q.query<BrokerRow>(
    'UPDATE licensing_brokers SET status = $2, status_reason = $3, valid_to = COALESCE($4::date, valid_to), updated_at = $5 WHERE id = $1 RETURNING *',
    [id, status, reason, validTo, at],
  );
  return rows[0];
}

export async function getBrokers(q: Queryable, ids: readonly string[]): Promise<BrokerRow[]> {
  return q.query<BrokerRow>('SELECT * FROM licensing_brokers WHERE id = ANY($1::uuid[])', [ids]);
}

export async function listBrokers(q: Queryable, f: { name?: string; limit: number }): Promise<BrokerRow[]> {
  if (f.name) {
    return q.query<BrokerRow>(`SELECT * FROM licensing_brokers WHERE lower(name) LIKE '%' || lower($1) || '%' ORDER BY name, id LIMIT $2`, [f.name, f.limit]);
  }
  return q.query<BrokerRow>('SELECT * FROM licensing_brokers ORDER BY name, id LIMIT $1', [f.limit]);
}

// ---------------------------------------------------------------------------------------------- denials

export interface DenialRow {
  id: string;
  application_id: string;
  reference: string;
  kind: string;
  denied_at: Date;
  applicant_name: string;
  consignee_name: string | null;
  end_user_name: string;
  parties: unknown;
  export_country: string;
  import_country: string;
  control_entries: string[];
  goods: unknown;
  criteria: string[];
  reason: string;
}

export function denialState(r: DenialRow) {
  return {
    id: r.id,
    applicationId: r.application_id,
    reference: r.reference,
    kind: r.kind,
    deniedAt: r.denied_at,
    applicantName: r.applicant_name,
    consigneeName: r.consignee_name,
    endUserName: r.end_user_name,
    parties: r.parties,
    exportCountry: r.export_country,
    importCountry: r.import_country,
    controlEntries: r.control_entries,
    goods: r.goods,
    criteria: r.criteria,
    reason: r.reason,
  };
}
export type DenialState = ReturnType<typeof denialState>;

export async function insertDenial(q: Queryable, d: DenialState): Promise<DenialRow> {
  const rows = await q.query<DenialRow>(
    `INSERT INTO licensing_denials (id, application_id, reference, kind, denied_at, applicant_name, consignee_name, end_user_name, parties,
       export_country, import_country, control_entries, goods, criteria, reason)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb,$10,$11,$12::text[],$13::jsonb,$14::text[],$15) RETURNING *`,
    [d.id, d.applicationId, d.reference, d.kind, d.deniedAt, d.applicantName, d.consigneeName, d.endUserName, JSON.stringify(d.parties), d.exportCountry, d.importCountry, d.controlEntries, JSON.stringify(d.goods), d.criteria, d.reason],
  );
  return rows[0];
}

export async function listDenials(q: Queryable, limit: number): Promise<DenialRow[]> {
  return q.query<DenialRow>('SELECT * FROM licensing_denials ORDER BY denied_at DESC, id DESC LIMIT $1', [limit]);
}

export async function brokerRegistrationExists(q: Queryable, registrationNo: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM licensing_brokers WHERE registration_no = $1', [registrationNo])).length > 0;
}

/** Our own denials to `importCountry`, other than the one of `exceptApplicationId` (the "no undercut" check). */
export async function listDenialsTo(q: Queryable, importCountry: string, exceptApplicationId: string): Promise<DenialRow[]> {
  return q.query<DenialRow>('SELECT * FROM licensing_denials WHERE import_country = $1 AND application_id <> $2', [importCountry, exceptApplicationId]);
}
