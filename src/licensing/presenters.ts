import { stateHash } from '../platform/crypto/canonical.ts';
import { effectiveLicenceStatus, publicStatus, publicStatusSince, type caseClock, type GateResult, type LicenceSnapshot, type PartyRef, type PublicVerificationStatus, type PublicWording } from './model.ts';
import * as brokerStore from './store-brokers.ts';
import type * as caseStore from './store-cases.ts';
import * as licenceStore from './store-licences.ts';
import type { ScreeningService } from '../screening/service.ts';

type PartyHits = Awaited<ReturnType<ScreeningService['partyHits']>>[number];

/**
 * What licensing answers, shaped from rows: pure functions, no reads (views.ts reads what a view needs,
 * the use cases hand the rows they hold). Each whitelists its fields, so nothing internal leaks by
 * accident; the applicant's organisation and the public see less than an officer.
 */

/** Everything a case view is made from (views.ts `caseView` reads it). */
export interface CaseParts {
  app: caseStore.ApplicationRow;
  decisions: caseStore.DecisionDbRow[];
  documents: caseStore.DocumentRow[];
  gate: GateResult;
  auths: caseStore.ImportAuthRow[];
  transits: caseStore.TransitRow[];
  licenceNumber: string | null;
  /** Why a countersignature is (not) required, under the current rule (officers only). */
  countersign: { required: boolean; reason: string };
  clock: ReturnType<typeof caseClock>;
  /** An officer of the authority (not an industry user of the applicant's organisation). */
  officer: boolean;
}

export function presentCase({ app, decisions, documents, gate, auths, transits, licenceNumber, countersign: cs, clock, officer }: CaseParts) {
  return {
    id: app.id,
    reference: app.reference,
    kind: app.kind,
    status: app.status,
    applicantName: app.applicant_name,
    exportCountry: app.export_country,
    importCountry: app.import_country,
    submittedAt: app.submitted_at.toISOString(),
    updatedAt: app.updated_at.toISOString(),
    content: app.content,
    assignedOfficer: officer ? app.assigned_officer : null,
    recommendation: officer ? app.recommendation : null,
    countersignatureRequired: app.countersignature_required,
    countersignatureReason: officer ? cs.reason : null,
    clock,
    gate,
    // Industry users see the decisions that concern them (requests, outcomes), not internal advice.
    decisions: decisions
      .filter((d) => officer || ['submitted', 'information_requested', 'information_provided', 'issued', 'refused', 'withdrawn'].includes(d.kind))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        at: d.at.toISOString(),
        actorName: officer ? d.actor_name : d.actor_role,
        actorRole: d.actor_role,
        reason: d.reason,
        data: officer ? d.data : {},
        rulesVersion: d.rules_version,
      })),
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      filename: d.filename,
      mediaType: d.media_type,
      sizeBytes: Number(d.size_bytes),
      sha256: d.sha256,
      uploadedAt: d.uploaded_at.toISOString(),
    })),
    importAuthorizations: auths.map((a) => ({
      id: a.id,
      reference: a.reference,
      issuingState: a.issuing_state,
      issuingAuthority: a.issuing_authority,
      issueDate: a.issue_date,
      expiryDate: a.expiry_date,
      documentSha256: a.document_sha256,
      source: a.source,
    })),
    transitNoObjections: transits.map((t) => ({ id: t.id, state: t.state, reference: t.reference, noticeDate: t.notice_date, documentSha256: t.document_sha256, source: t.source })),
    licenceNumber,
  };
}
export type CaseView = ReturnType<typeof presentCase>;

export function presentSummary(app: caseStore.ApplicationRow) {
  return {
    id: app.id,
    reference: app.reference,
    kind: app.kind,
    status: app.status,
    applicantName: app.applicant_name,
    exportCountry: app.export_country,
    importCountry: app.import_country,
    submittedAt: app.submitted_at.toISOString(),
    updatedAt: app.updated_at.toISOString(),
  };
}

/** Where the licence's QR code points: the public verification page with the token. */
export function verificationUrl(publicUrl: string, number: string, token: string): string {
  return `${publicUrl}/verify/${encodeURIComponent(number)}?t=${token}`;
}

/** A licence with its lines and history; `at.today` decides whether it reads as expired. */
export function presentLicence(
  row: licenceStore.LicenceRow,
  ls: licenceStore.LicenceLineRow[],
  events: licenceStore.LicenceEventRow[],
  at: { today: string; publicUrl: string },
) {
  const state = licenceStore.licenceState(row, ls);
  return {
    id: row.id,
    number: row.number,
    applicationId: row.application_id,
    kind: row.kind,
    status: row.status,
    effectiveStatus: effectiveLicenceStatus(row.status, row.expires_on, at.today),
    statusReason: row.status_reason,
    publicWording: row.public_wording,
    validFrom: row.valid_from,
    expiresOn: row.expires_on,
    issuedAt: row.issued_at.toISOString(),
    snapshotHash: row.snapshot_hash,
    token: row.token,
    verificationUrl: verificationUrl(at.publicUrl, row.number, row.token),
    lines: state.lines,
    snapshot: row.snapshot as unknown as Record<string, unknown>,
    events: events.map((e) => ({ fromStatus: e.from_status, toStatus: e.to_status, at: e.at.toISOString(), actorName: e.actor_name, reason: e.reason })),
  };
}
export type LicenceView = ReturnType<typeof presentLicence>;

export function presentShipment(r: licenceStore.ShipmentRow, number?: string) {
  return {
    id: r.id,
    licenceId: r.licence_id,
    ...(number ? { licenceNumber: number } : {}),
    shippedOn: r.shipped_on,
    exitPoint: r.exit_point,
    carrier: r.carrier as Record<string, unknown>,
    lines: r.lines,
    externalReference: r.external_reference,
    status: r.status,
    deliveredOn: r.delivered_on,
    verifyingState: r.verifying_state,
    verificationEvidence: r.verification_evidence,
    recordedAt: r.recorded_at.toISOString(),
  };
}
export type ShipmentView = ReturnType<typeof presentShipment>;

/** The broker as the API shows it: its audited state without the bookkeeping times. */
export function presentBroker(r: brokerStore.BrokerRow) {
  const { registeredAt: _registered, updatedAt: _updated, ...view } = brokerStore.brokerState(r);
  return view;
}

export function presentDenial(d: brokerStore.DenialRow) {
  return {
    id: d.id,
    reference: d.reference,
    kind: d.kind,
    deniedAt: d.denied_at.toISOString(),
    applicantName: d.applicant_name,
    consigneeName: d.consignee_name,
    endUserName: d.end_user_name,
    exportCountry: d.export_country,
    importCountry: d.import_country,
    controlEntries: d.control_entries,
    criteria: d.criteria,
    reason: d.reason,
  };
}

export interface PublicLicenceView {
  number: string;
  status: PublicVerificationStatus;
  /** The day the status began (YYYY-MM-DD). */
  statusSince: string | null;
  publicWording: PublicWording | null;
  kind: string;
  issuingState: string;
  validFrom: string;
  expiresOn: string;
  /** Null when the stored record no longer matches its issued hash (status `unknown`). */
  exportCountry: string | null;
  importCountry: string | null;
  transitCountries: string[];
  checkedAt: string;
}

const printed = (p: PartyRef) => ({ name: p.name, country: p.country });

/** The parties and goods as printed on the licence: names and countries, never addresses or registry ids. */
export function printedParticulars(s: LicenceSnapshot) {
  return {
    applicant: printed(s.applicant),
    consignee: s.consignee ? printed(s.consignee) : null,
    finalRecipient: printed(s.finalRecipient),
    intermediateConsignees: s.intermediateConsignees.map(printed),
    brokers: s.brokers.map((b) => ({ ...printed(b), location: b.location })),
    carriers: s.carriers.map(printed),
    goods: s.goods.map((g) => ({ lineNo: g.lineNo, description: g.description, controlEntry: g.controlEntry, hsCode: g.hsCode, quantity: g.quantity, unit: g.unit })),
  };
}

/** The stored licence still matches the hash it was issued (and signed) with. */
export function licenceIntact(row: licenceStore.LicenceRow): boolean {
  return stateHash(row.snapshot) === row.snapshot_hash;
}

/**
 * Public licence verification (Art. 10(5)) without the token: what a border or customs officer needs to
 * know the number is real. No internal id, address or officer's reason.
 */
export function presentPublicLicence(row: licenceStore.LicenceRow, at: { today: string; issuingState: string; checkedAt: Date }): PublicLicenceView {
  const ok = licenceIntact(row);
  const day = at.today;
  const status = ok ? publicStatus(effectiveLicenceStatus(row.status, row.expires_on, day)) : 'unknown';
  const worded = status === 'suspended' || status === 'revoked' || status === 'surrendered';
  return {
    number: row.number,
    status,
    statusSince: ok ? publicStatusSince({ status: row.status, statusChangedAt: row.status_changed_at, expiresOn: row.expires_on }, day) : null,
    publicWording: worded ? ((row.public_wording as PublicWording | null) ?? null) : null,
    kind: row.kind,
    issuingState: at.issuingState,
    validFrom: row.valid_from,
    expiresOn: row.expires_on,
    exportCountry: ok ? row.snapshot.exportCountry : null,
    importCountry: ok ? row.snapshot.importCountry : null,
    transitCountries: ok ? row.snapshot.transitCountries : [],
    checkedAt: at.checkedAt.toISOString(),
  };
}

/**
 * The case's screening panel: each party as the application names it, beside the hits of its latest
 * screening run and, for each hit, the listed entry as the list version published it. Officers only
 * (the route and the screening service both require screening.results.read): a hit shown to the
 * applicant would tip off a listed party.
 */
export function presentCaseScreening(
  applicationId: string,
  parties: Array<{ partyRef: string; role: string; index: number | null; party: PartyRef }>,
  screened: PartyHits[],
) {
  const byRef = new Map(screened.map((s) => [s.partyRef, s]));
  const out = parties.map((p) => {
    const s = byRef.get(p.partyRef);
    const hits = (s?.hits ?? []).map((h) => ({
      id: h.id,
      score: h.score,
      status: h.status,
      needsDecision: h.needsDecision,
      decision: h.decision ? { decision: h.decision.decision, reason: h.decision.reason, decidedAt: h.decision.decidedAt, decidedBy: h.decision.decidedBy } : null,
      matchedName: String((h.explanation as { matchedName?: unknown } | null)?.matchedName ?? h.entryName),
      listVersion: h.listVersion ?? { id: h.versionId, source: h.source, publishedOn: null, status: 'unknown' },
      entry: {
        source: h.source,
        externalId: h.externalId,
        kind: h.entry?.kind ?? null,
        primaryName: h.entry?.primaryName ?? h.entryName,
        names: (h.entry?.names ?? []).map((n) => ({ name: n.name, quality: n.quality, type: n.type })),
        referenceNumber: h.entry?.referenceNumber ?? null,
        programmes: h.entry?.programmes ?? [],
        listedOn: h.entry?.listedOn ?? null,
        nationalities: h.entry?.nationalities ?? [],
        birthDates: (h.entry?.birthDates ?? []).map((b) => b.date ?? (b.raw || [b.fromYear, b.toYear].filter(Boolean).join('–'))),
        birthPlaces: h.entry?.birthPlaces ?? [],
        documents: (h.entry?.documents ?? []).map((d) => ({ type: d.type, number: d.number, country: d.country, note: d.note })),
        addresses: (h.entry?.addresses ?? []).map((a) => [a.street, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(', ')).filter(Boolean),
        remarks: h.entry?.remarks ?? null,
      },
    }));
    return {
      partyRef: p.partyRef,
      role: p.role,
      index: p.index,
      party: { name: p.party.name, address: p.party.address ?? null, country: p.party.country },
      screenedAt: s?.run?.screenedAt ?? null,
      purpose: s?.run?.purpose ?? null,
      openHits: hits.filter((h) => h.needsDecision).length,
      hits,
      alerts: (s?.alerts ?? []).map((a) => ({ id: a.id, hitId: a.hitId, reason: a.reason, status: a.status, raisedAt: a.raisedAt })),
    };
  });
  return {
    applicationId,
    openHits: out.reduce((n, p) => n + p.openHits, 0),
    trueMatches: out.reduce((n, p) => n + p.hits.filter((h) => h.decision?.decision === 'true_match').length, 0),
    parties: out,
  };
}

export type CaseScreeningView = ReturnType<typeof presentCaseScreening>;
