import { createHash } from 'node:crypto';
import type { Actor } from '../platform/auth/actor.ts';
import { recordAudit, recordAuditBatch, type AuditInput } from '../platform/audit/record.ts';
import type { Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import type { TextEncoding } from '../platform/encoding.ts';
import { ConflictError, NotFoundError, RuleViolationError, ValidationError, type FieldError } from '../platform/http/errors.ts';
import { UUID_RE, uuidv7 } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import type { ReferenceService } from '../reference/service.ts';
import type { RegistryService } from '../registry/service.ts';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { parseInput } from '../platform/validation.ts';
import { prepareName } from './match/normalize.ts';
import { invalidateMatcher, matchMany, type ScoredHit, type VersionRef } from './matcher.ts';
import {
  MATCH_THRESHOLD, changedFields, entryHash, essentiallyIdentical, listSourceOf, nameKindOf, screeningWarnings,
  subjectFingerprint, suppressingDecision, type DenialLike, type ScreeningQuery,
} from './model.ts';
import { MalformedListError, parseList, type ProgressFn } from './parse/index.ts';
import { screeningPolicy } from './policy.ts';
import {
  decisionInput, denialCheckInput, denialInput, screenNameInput, screenPartiesInput,
  type Hit, type PartyToScreen, type ScreeningResult,
} from './schemas.ts';
import * as store from './store.ts';
import { listPartyHits } from './use-cases/list-party-hits.ts';

function requireUuid(id: string, what: string): void {
  if (!UUID_RE.test(id)) throw new NotFoundError(what, id);
}

export interface EmbargoFlags {
  countryCode: string;
  date: string;
  flagged: boolean;
  strictestScope: string | null;
  embargoes: Array<{ id: string; imposedBy: string; target: string; scope: string; instruments: string[] }>;
}

export interface ImportInput {
  content: Buffer;
  fileName?: string | null;
  /** Publication date for files that carry none (OFAC SDN.CSV); otherwise taken from the file. */
  publishedOn?: string | null;
  /** The file's encoding when it is not the format's own (UTF-8 XML, Latin-1 SDN.CSV) and has no byte-order mark. */
  encoding?: TextEncoding;
}

export interface ImportResult {
  version: store.ListVersion;
  superseded: string[];
  rescreen: { subjects: number; newAlerts: number };
}

export interface ListDiff {
  from: store.ListVersion;
  to: store.ListVersion;
  counts: { added: number; removed: number; changed: number };
  added: Array<{ externalId: string; name: string; referenceNumber: string | null; programmes: string[] }>;
  removed: Array<{ externalId: string; name: string; referenceNumber: string | null; programmes: string[] }>;
  changed: Array<{ externalId: string; name: string; referenceNumber: string | null; programmes: string[]; fields: string[] }>;
}

function presentHit(h: ScoredHit, row: store.HitRow | null): Hit {
  return {
    id: row?.id ?? null,
    status: row?.status ?? null,
    suppressedBy: row?.suppressed_by ?? null,
    score: Math.round(h.score * 1000) / 1000,
    source: h.source,
    versionId: h.versionId,
    externalId: h.externalId,
    entryName: h.entryName,
    kind: h.kind,
    referenceNumber: h.referenceNumber,
    programmes: h.programmes,
    explanation: explanationOf(h),
  };
}

function explanationOf(h: ScoredHit) {
  return {
    matchedName: h.matchedName,
    nameQuality: h.nameQuality,
    nameScore: Math.round(h.nameScore * 1000) / 1000,
    pairs: h.pairs.map((p) => ({ ...p, similarity: Math.round(p.similarity * 1000) / 1000 })),
    notes: h.notes,
    features: h.features,
  };
}

function queryOf(p: { name: string; kind?: ScreeningQuery['kind']; country?: string; dob?: string; identifiers?: ScreeningQuery['identifiers'] }): ScreeningQuery {
  return { name: p.name, kind: p.kind, country: p.country ?? null, dob: p.dob ?? null, identifiers: p.identifiers ?? [] };
}

/**
 * Screening: sanctions list versions (import, diff), screening of names and parties with the list
 * versions used recorded, officers' decisions remembered per party, alerts when a new list version
 * hits a known party, and denials received from other States.
 */
export function createScreeningService(deps: Deps, { reference, registry }: { reference: ReferenceService; registry: RegistryService }) {
  const { db, clock } = deps;

  /** Arms embargoes on a State today, as flags for a destination or a party's country. */
  async function embargoFlags(actor: Actor, countryCode: string, t: Tx, date?: string): Promise<EmbargoFlags> {
    const check = await reference.embargoesFor(actor, { countryCode, date }, t);
    return {
      countryCode: check.countryCode,
      date: check.date,
      flagged: check.embargoes.length > 0,
      strictestScope: check.strictestScope,
      embargoes: check.embargoes.map((e) => ({ id: e.id, imposedBy: e.imposedBy, target: e.target, scope: e.scope, instruments: e.instruments })),
    };
  }

  /**
   * Screens parties, records one run per party (with its hits and the list versions used) and applies
   * remembered false-positive decisions. `alertOnNew` raises an alert for each open hit that no earlier
   * run of the party had (a new or changed list entry).
   */
  async function screenAndRecord(
    t: Tx,
    actor: Actor,
    parties: Array<PartyToScreen & { origin: string }>,
    purpose: string,
    alertOnNew: boolean,
  ): Promise<{ results: ScreeningResult[]; versions: VersionRef[]; newAlerts: number }> {
    const now = clock.now();
    const queries = parties.map((p) => queryOf(p));
    const { versions, results } = await matchMany(db, t, queries);
    const subjects = await store.upsertSubjects(
      t,
      parties.map((p, i) => ({
        id: uuidv7(),
        party_ref: p.partyRef,
        origin: p.origin,
        name: p.name,
        kind: p.kind ?? 'unknown',
        country: p.country ?? null,
        birth_date: p.dob ?? null,
        identifiers: (p.identifiers ?? []).map((x) => ({ ...(x.type ? { type: x.type } : {}), number: x.number })),
        fingerprint: subjectFingerprint(queries[i]),
        created_at: now,
        updated_at: now,
      })),
    );
    const subjectByRef = new Map(subjects.map((s) => [s.party_ref, s]));
    const subjectIds = subjects.map((s) => s.id);
    const decisions = new Map(
      (await store.latestDecisions(t, subjectIds)).map((d) => [`${d.subject_id}|${d.source}|${d.external_id}`, d]),
    );
    const known = alertOnNew
      ? new Set((await store.previousHitKeys(t, subjectIds)).map((k) => `${k.subject_id}|${k.source}|${k.external_id}|${k.entry_hash}`))
      : new Set<string>();
    const runs: store.RunRow[] = [];
    const hitRows: store.HitRow[] = [];
    const alerts: store.AlertRow[] = [];
    const out: ScreeningResult[] = [];
    const listVersions = versions.map((v) => ({ id: v.id, source: v.source, publishedOn: v.publishedOn }));
    parties.forEach((p, i) => {
      const subject = subjectByRef.get(p.partyRef)!;
      const runId = uuidv7();
      const presented: Hit[] = [];
      let open = 0;
      for (const h of results[i]) {
        const d = decisions.get(`${subject.id}|${h.source}|${h.externalId}`);
        const suppressor = suppressingDecision(
          d ? { id: d.id, decision: d.decision, entryHash: d.entry_hash, subjectFingerprint: d.subject_fingerprint } : undefined,
          h.entryHash,
          subject.fingerprint,
        );
        const row: store.HitRow = {
          id: uuidv7(),
          run_id: runId,
          subject_id: subject.id,
          version_id: h.versionId,
          source: h.source,
          external_id: h.externalId,
          entry_hash: h.entryHash,
          entry_name: h.entryName,
          score: h.score,
          explanation: explanationOf(h),
          status: suppressor ? 'suppressed' : 'open',
          suppressed_by: suppressor?.id ?? null,
        };
        if (!suppressor) open++;
        hitRows.push(row);
        presented.push(presentHit(h, row));
        if (alertOnNew && !suppressor && !known.has(`${subject.id}|${h.source}|${h.externalId}|${h.entryHash}`)) {
          alerts.push({
            id: uuidv7(),
            subject_id: subject.id,
            hit_id: row.id,
            version_id: h.versionId,
            reason: `${p.name} now matches ${h.entryName} (${h.source} ${h.referenceNumber ?? h.externalId}) at ${h.score.toFixed(2)}`,
            status: 'open',
            raised_at: now,
            acknowledged_at: null,
            acknowledged_by: null,
          });
        }
      }
      runs.push({
        id: runId,
        subject_id: subject.id,
        purpose,
        query: queries[i],
        list_versions: listVersions,
        threshold: MATCH_THRESHOLD,
        hit_count: presented.length,
        open_hit_count: open,
        screened_at: now,
        screened_by: actor.name,
      });
      out.push({ runId, partyRef: p.partyRef, threshold: MATCH_THRESHOLD, listVersions, hits: presented, openHits: open, warnings: screeningWarnings(versions) });
    });
    await store.insertRuns(t, runs);
    await store.insertHits(t, hitRows);
    await store.insertAlerts(t, alerts);
    const audits: AuditInput[] = [
      ...subjects.map((s) => ({ action: 'screening.subject.upsert', entity: 'screening_subject', entityId: s.id, state: store.subjectState(s) })),
      ...runs.map((r) => ({ action: 'screening.run.record', entity: 'screening_run', entityId: r.id, state: store.runState(r) })),
      ...hitRows.map((h) => ({ action: 'screening.hit.record', entity: 'screening_hit', entityId: h.id, state: store.hitState(h) })),
      ...alerts.map((a) => ({ action: 'screening.alert.raise', entity: 'screening_alert', entityId: a.id, state: store.alertState(a), reason: a.reason })),
    ];
    await recordAuditBatch(t, actor, clock, audits);
    return { results: out, versions, newAlerts: alerts.length };
  }

  async function rescreenSubjects(t: Tx, actor: Actor): Promise<{ subjects: number; newAlerts: number }> {
    const subjects = await store.allSubjects(t);
    if (subjects.length === 0) return { subjects: 0, newAlerts: 0 };
    const parties = subjects.map((s) => ({
      partyRef: s.party_ref,
      origin: s.origin,
      name: s.name,
      kind: s.kind as ScreeningQuery['kind'],
      country: s.country ?? undefined,
      dob: s.birth_date ?? undefined,
      identifiers: s.identifiers,
    }));
    let newAlerts = 0;
    for (let i = 0; i < parties.length; i += 1000) {
      newAlerts += (await screenAndRecord(t, actor, parties.slice(i, i + 1000), 'rescreen', true)).newAlerts;
    }
    return { subjects: subjects.length, newAlerts };
  }

  return {
    /**
     * Imports one list file as a new version. Parsing happens before any write, so a malformed file
     * changes nothing; the new version is loaded and the previous one superseded in one transaction,
     * so screening sees either the old list or the complete new one. Then every known party is
     * re-screened against the new lists and new hits raise alerts.
     */
    async importList(actor: Actor, input: ImportInput, progress?: ProgressFn): Promise<ImportResult> {
      screeningPolicy.require(actor, 'screening.lists.import');
      const errors: FieldError[] = [];
      if (input.publishedOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.publishedOn)) errors.push({ field: 'publishedOn', message: 'Use YYYY-MM-DD.', code: 'screening.date_invalid' });
      if (!input.content || input.content.length === 0) errors.push({ field: 'file', message: 'The file is empty.', code: 'screening.file_empty' });
      if (errors.length) throw new ValidationError(errors);
      let parsed;
      try {
        parsed = await parseList(input.content, progress, input.encoding);
      } catch (err) {
        if (err instanceof MalformedListError) {
          const where = err.line ? { line: err.line } : {};
          throw new ValidationError([{ field: 'file', message: err.message, code: 'screening.list_malformed', ...where }], 'The list file was rejected; nothing was imported.');
        }
        throw err;
      }
      const fromName = input.fileName ? /(\d{4}-\d{2}-\d{2})/.exec(input.fileName)?.[1] : undefined;
      const publishedOn = parsed.publishedOn ?? input.publishedOn ?? fromName ?? clock.now().toISOString().slice(0, 10);
      const sha = createHash('sha256').update(input.content).digest('hex');
      const source = listSourceOf(parsed, input.fileName);
      const rows: store.EntryInsert[] = parsed.entries.map((entry) => {
        const kind = nameKindOf(entry.kind);
        const prepared = entry.names.map((n) => ({ n, p: prepareName(n.name, kind) }));
        return {
          entry,
          hash: entryHash(entry),
          names: prepared.map(({ n, p }) => ({ name: n.name, normalized: p.tokens.join(' '), quality: n.quality })),
        };
      });
      const result = await db.transaction(async (t) => {
        if (await store.findActiveBySha(t, source, sha)) {
          throw new ConflictError('This exact file is already the active version of its list.');
        }
        const now = clock.now();
        const id = uuidv7();
        await store.insertVersion(t, {
          id,
          source,
          format: parsed.format,
          published_on: publishedOn,
          file_name: input.fileName ?? null,
          file_sha256: sha,
          entry_count: rows.length,
          name_count: rows.reduce((s, r) => s + r.names.length, 0),
          status: 'loading',
          imported_at: now,
          imported_by: actor.name,
        });
        await store.insertEntries(t, id, rows);
        await store.analyzeEntries(t);
        const superseded = await store.activate(t, id, source, now);
        const version = store.versionState((await store.getVersion(t, id))!);
        await recordAuditBatch(t, actor, clock, [
          { action: 'screening.list_version.import', entity: 'screening_list_version', entityId: id, state: version },
          ...superseded.map((s) => ({ action: 'screening.list_version.supersede', entity: 'screening_list_version', entityId: s.id, state: store.versionState(s) })),
        ]);
        return { version, superseded: superseded.map((s) => s.id) };
      });
      invalidateMatcher(db);
      const rescreen = await db.transaction((t) => rescreenSubjects(t, actor));
      return { ...result, rescreen };
    },

    async listVersions(actor: Actor, tx?: Tx): Promise<store.ListVersion[]> {
      screeningPolicy.require(actor, 'screening.lists.read');
      return (await store.listVersions(tx ?? db)).map(store.versionState);
    },

    /** Entries added, removed and changed (with the fields that changed) from one version to another. */
    async diff(actor: Actor, fromId: string, toId: string, tx?: Tx): Promise<ListDiff> {
      screeningPolicy.require(actor, 'screening.lists.read');
      requireUuid(fromId, 'List version');
      requireUuid(toId, 'List version');
      const q = tx ?? db;
      const from = await store.getVersion(q, fromId);
      if (!from) throw new NotFoundError('List version', fromId);
      const to = await store.getVersion(q, toId);
      if (!to) throw new NotFoundError('List version', toId);
      if (from.source !== to.source) throw new RuleViolationError(`Versions of different lists (${from.source}, ${to.source}) cannot be compared.`);
      const rows = await store.diffVersions(q, fromId, toId);
      const brief = (e: NonNullable<store.DiffRow['new_data']>) => ({ externalId: e.externalId, name: e.primaryName, referenceNumber: e.referenceNumber, programmes: e.programmes });
      const added = rows.filter((r) => r.change === 'added').map((r) => brief(r.new_data!));
      const removed = rows.filter((r) => r.change === 'removed').map((r) => brief(r.old_data!));
      const changed = rows.filter((r) => r.change === 'changed').map((r) => ({ ...brief(r.new_data!), fields: changedFields(r.old_data!, r.new_data!) }));
      return {
        from: store.versionState(from),
        to: store.versionState(to),
        counts: { added: added.length, removed: removed.length, changed: changed.length },
        added,
        removed,
        changed,
      };
    },

    /** Screens one name (CLI `custodia screen`, the officer's search box); the run is recorded with its list versions. */
    async screenName(actor: Actor, input: unknown, tx?: Tx): Promise<ScreeningResult> {
      screeningPolicy.require(actor, 'screening.screen.run');
      const q = parseInput('screening', screenNameInput, input);
      return inTransaction(db, tx, async (t) => {
        const now = clock.now();
        const { versions, results } = await matchMany(db, t, [queryOf(q)]);
        const runId = uuidv7();
        const listVersions = versions.map((v) => ({ id: v.id, source: v.source, publishedOn: v.publishedOn }));
        const hitRows: store.HitRow[] = results[0].map((h) => ({
          id: uuidv7(), run_id: runId, subject_id: null, version_id: h.versionId, source: h.source, external_id: h.externalId,
          entry_hash: h.entryHash, entry_name: h.entryName, score: h.score, explanation: explanationOf(h), status: 'open', suppressed_by: null,
        }));
        const run: store.RunRow = {
          id: runId, subject_id: null, purpose: 'name', query: queryOf(q), list_versions: listVersions, threshold: MATCH_THRESHOLD,
          hit_count: hitRows.length, open_hit_count: hitRows.length, screened_at: now, screened_by: actor.name,
        };
        await store.insertRuns(t, [run]);
        await store.insertHits(t, hitRows);
        await recordAuditBatch(t, actor, clock, [
          { action: 'screening.run.record', entity: 'screening_run', entityId: runId, state: store.runState(run) },
          ...hitRows.map((h) => ({ action: 'screening.hit.record', entity: 'screening_hit', entityId: h.id, state: store.hitState(h) })),
        ]);
        return {
          runId, partyRef: null, threshold: MATCH_THRESHOLD, listVersions, hits: results[0].map((h, i) => presentHit(h, hitRows[i])), openHits: hitRows.length,
          warnings: screeningWarnings(versions),
        };
      });
    },

    /**
     * Screens parties (licensing at submission and before issue, the registry batch) and remembers
     * them for re-screening when lists change. Each result names the list versions used; hits an
     * officer already judged false positives (same party data, same list entry) come back
     * `suppressed`, so `openHits` counts what still needs a decision.
     * Licensing calls this inside its own transaction, as the system actor for automatic screening.
     */
    async screenParties(
      actor: Actor,
      input: { parties: PartyToScreen[]; purpose?: string },
      tx?: Tx,
    ): Promise<{ results: Array<ScreeningResult & { countryEmbargo: EmbargoFlags | null }>; listVersions: VersionRef[] }> {
      screeningPolicy.require(actor, 'screening.screen.run');
      const body = parseInput('screening', screenPartiesInput, input);
      const refs = new Set<string>();
      const dup = body.parties.findIndex((p) => (refs.has(p.partyRef) ? true : (refs.add(p.partyRef), false)));
      if (dup >= 0) throw new ValidationError([{ field: `parties.${dup}.partyRef`, message: 'Each party appears once per request.', code: 'screening.party_duplicate' }]);
      return inTransaction(db, tx, async (t) => {
        const r = await screenAndRecord(t, actor, body.parties, body.purpose, false);
        const flags = new Map<string, EmbargoFlags>();
        for (const c of new Set(body.parties.map((p) => p.country).filter((c): c is string => Boolean(c)))) flags.set(c, await embargoFlags(actor, c, t));
        const results = r.results.map((res, i) => ({ ...res, countryEmbargo: body.parties[i].country ? flags.get(body.parties[i].country!)! : null }));
        return { results, listVersions: r.versions };
      });
    },

    /**
     * Arms embargoes on a destination State (UN, regional and national, from the reference module),
     * flagged by scope: a whole-State embargo and one on non-State actors only call for different checks.
     */
    async checkDestination(actor: Actor, input: { countryCode: string; date?: string }, tx?: Tx): Promise<EmbargoFlags> {
      screeningPolicy.require(actor, 'screening.screen.run');
      const countryCode = (input.countryCode ?? '').toUpperCase();
      if (!/^[A-Z]{2}$/.test(countryCode)) throw new ValidationError([{ field: 'countryCode', message: 'An ISO 3166-1 alpha-2 code.', code: 'screening.country_invalid' }]);
      return inTransaction(db, tx, (t) => embargoFlags(actor, countryCode, t, input.date));
    },

    /**
     * Screens every current party of the registry (organisations by name and registration number,
     * persons by name, date of birth and identity document). Persons' names are personal data: the
     * registry reads them for the system actor and audits each read. Screened parties are remembered
     * for re-screening when lists change.
     */
    async screenRegistryParties(actor: Actor): Promise<{ parties: number; withOpenHits: number; listVersions: VersionRef[] }> {
      screeningPolicy.require(actor, 'screening.screen.run');
      const parties: Array<PartyToScreen & { origin: string }> = [];
      let cursor: string | undefined;
      do {
        const page = await registry.listParties(SYSTEM_ACTOR, { limit: 500, ...(cursor ? { cursor } : {}) });
        for (const p of page.items) {
          if (p.kind === 'organisation') {
            if (!p.name) continue;
            const detail = await registry.getParty(SYSTEM_ACTOR, p.id);
            parties.push({
              partyRef: `registry:${p.id}`, origin: 'registry', name: p.name, kind: 'organisation', country: p.country ?? undefined,
              identifiers: detail.registrationNumber && detail.registrationNumber.length >= 3 ? [{ type: 'registration', number: detail.registrationNumber }] : [],
            });
          } else {
            const detail = await registry.getParty(SYSTEM_ACTOR, p.id);
            const personal = detail.personal;
            const name = [personal?.givenNames, personal?.familyName].filter(Boolean).join(' ') || detail.name;
            if (!name) continue;
            parties.push({
              partyRef: `registry:${p.id}`, origin: 'registry', name, kind: 'person', country: p.country ?? undefined,
              dob: personal?.dateOfBirth ?? undefined,
              identifiers: personal?.identityDocumentNumber && personal.identityDocumentNumber.length >= 3 ? [{ type: 'identity document', number: personal.identityDocumentNumber }] : [],
            });
          }
        }
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      let withOpenHits = 0;
      let versions: VersionRef[] = [];
      for (let i = 0; i < parties.length; i += 500) {
        const r = await db.transaction((t) => screenAndRecord(t, actor, parties.slice(i, i + 500), 'registry_batch', false));
        withOpenHits += r.results.filter((x) => x.openHits > 0).length;
        versions = r.versions;
      }
      return { parties: parties.length, withOpenHits, listVersions: versions };
    },

    /** Re-screens every party screening knows against the active lists; new hits raise alerts. */
    async rescreenAll(actor: Actor, tx?: Tx): Promise<{ subjects: number; newAlerts: number }> {
      screeningPolicy.require(actor, 'screening.screen.run');
      return inTransaction(db, tx, (t) => rescreenSubjects(t, actor));
    },

    async getRun(actor: Actor, runId: string, tx?: Tx) {
      screeningPolicy.require(actor, 'screening.results.read');
      requireUuid(runId, 'Screening run');
      const q = tx ?? db;
      const run = await store.getRun(q, runId);
      if (!run) throw new NotFoundError('Screening run', runId);
      return { ...store.runState(run), hits: (await store.hitsOfRun(q, runId)).map(store.hitState) };
    },

    /**
     * Records an officer's decision on a hit. A false positive is remembered for the party and list
     * entry: later screenings suppress the same hit until the entry or the party's data change.
     */
    async decide(actor: Actor, hitId: string, input: unknown, tx?: Tx) {
      screeningPolicy.require(actor, 'screening.decision.record');
      requireUuid(hitId, 'Screening hit');
      const body = parseInput('screening', decisionInput, input);
      return inTransaction(db, tx, async (t) => {
        const hit = await store.getHit(t, hitId);
        if (!hit) throw new NotFoundError('Screening hit', hitId);
        const subject = hit.subject_id ? (await store.subjectsByIds(t, [hit.subject_id]))[0] : undefined;
        const decision = await store.insertDecision(t, {
          id: uuidv7(),
          hit_id: hit.id,
          subject_id: hit.subject_id,
          source: hit.source,
          external_id: hit.external_id,
          entry_hash: hit.entry_hash,
          subject_fingerprint: subject?.fingerprint ?? null,
          decision: body.decision,
          reason: body.reason,
          decided_at: clock.now(),
          decided_by: actor.name,
        });
        const updated = await store.setHitStatus(t, hit.id, 'decided');
        await recordAuditBatch(t, actor, clock, [
          { action: `screening.decision.${body.decision}`, entity: 'screening_decision', entityId: decision.id, state: store.decisionState(decision), reason: body.reason },
          { action: 'screening.hit.decide', entity: 'screening_hit', entityId: hit.id, state: store.hitState(updated), reason: body.reason },
        ]);
        return store.decisionState(decision);
      });
    },

    /** Known parties' latest hits with the listed entries and the decisions that apply now (licensing's case page and issue gate). */
    partyHits: (actor: Actor, partyRefs: string[], tx?: Tx) => listPartyHits(deps, actor, partyRefs, tx),

    async listAlerts(actor: Actor, filter: { status?: 'open' | 'acknowledged'; limit?: number } = {}, tx?: Tx) {
      screeningPolicy.require(actor, 'screening.alerts.read');
      return (await store.listAlerts(tx ?? db, filter.status, Math.min(filter.limit ?? 100, 500))).map(store.alertState);
    },

    async acknowledgeAlert(actor: Actor, alertId: string, tx?: Tx) {
      screeningPolicy.require(actor, 'screening.alerts.manage');
      requireUuid(alertId, 'Alert');
      return inTransaction(db, tx, async (t) => {
        const row = await store.acknowledgeAlert(t, alertId, clock.now(), actor.name);
        if (!row) {
          if ((await store.alertsByIds(t, [alertId])).length === 0) throw new NotFoundError('Alert', alertId);
          throw new ConflictError('The alert was already acknowledged.');
        }
        await recordAudit(t, actor, clock, { action: 'screening.alert.acknowledge', entity: 'screening_alert', entityId: row.id, state: store.alertState(row) });
        return store.alertState(row);
      });
    },

    /** Records a denial notified by another State (Wassenaar / EU denial exchange). */
    async recordReceivedDenial(actor: Actor, input: unknown, tx?: Tx) {
      screeningPolicy.require(actor, 'screening.denials.manage');
      const body = parseInput('screening', denialInput, input);
      return inTransaction(db, tx, async (t) => {
        const row = await store.insertDenial(t, {
          id: uuidv7(),
          notifying_state: body.notifyingState,
          reference: body.reference,
          denied_on: body.deniedOn,
          destination: body.destination,
          end_user_name: body.endUserName,
          end_user_normalized: prepareName(body.endUserName).tokens.join(' '),
          control_categories: body.controlCategories,
          reason: body.reason ?? null,
          received_at: clock.now(),
          received_by: actor.name,
          revoked_at: null,
          revoked_reason: null,
        });
        if (!row) throw new ConflictError(`Denial ${body.reference} from ${body.notifyingState} is already recorded.`);
        await recordAudit(t, actor, clock, { action: 'screening.denial.receive', entity: 'screening_denial', entityId: row.id, state: store.denialState(row) });
        return store.denialState(row);
      });
    },

    /** Runs recorded, by purpose (metrics). */
    async runCounts(actor: Actor): Promise<Record<string, number>> {
      screeningPolicy.require(actor, 'screening.results.read');
      return store.countRunsByPurpose(db);
    },

    async listDenials(actor: Actor, tx?: Tx) {
      screeningPolicy.require(actor, 'screening.denials.read');
      return (await store.listDenials(tx ?? db, 500)).map(store.denialState);
    },

    /**
     * Flags an application essentially identical to a denied one: same destination, same end user
     * (by name matching) and a common control category. Checks denials received from other States and
     * the refusals the caller passes (licensing keeps its own refusals in its own tables).
     */
    async checkDenials(
      actor: Actor,
      application: unknown,
      ownRefusals: Array<DenialLike & { reference: string }> = [],
      tx?: Tx,
    ) {
      screeningPolicy.require(actor, 'screening.screen.run');
      const app = parseInput('screening', denialCheckInput, application);
      const received = await store.activeDenialsFor(tx ?? db, app.destination);
      const candidates = [
        ...received.map((d) => ({ source: `received:${d.notifying_state}`, reference: d.reference, destination: d.destination, endUserName: d.end_user_name, controlCategories: d.control_categories })),
        ...ownRefusals.map((d) => ({ source: 'own', reference: d.reference, destination: d.destination, endUserName: d.endUserName, controlCategories: d.controlCategories })),
      ];
      const matches = [];
      for (const d of candidates) {
        const r = essentiallyIdentical(app, d);
        if (r.identical) matches.push({ denial: d, endUserScore: Math.round(r.endUserScore * 1000) / 1000, commonCategories: r.commonCategories });
      }
      return { flagged: matches.length > 0, matches };
    },
  };
}

export type ScreeningService = ReturnType<typeof createScreeningService>;
