import type { Actor } from '../platform/auth/actor.ts';
import { recordAudit } from '../platform/audit/record.ts';
import type { Tx } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ConflictError, NotFoundError, ValidationError } from '../platform/http/errors.ts';
import { uuidv7, UUID_RE } from '../platform/ids.ts';
import { inTransaction } from '../platform/tx.ts';
import { CROSSWALK_SOURCE, FIREARM_TYPE_CROSSWALK } from './crosswalk.ts';
import type { Locale, PickerEntry, ReferenceTable, TableSearchOptions } from './lookup.ts';
import {
  embargoesApplicable, isInForce, strictestScope, validateLift, validateNewEmbargo, type Embargo, type EmbargoAuthority,
  type EmbargoScope, type NewEmbargoInput,
} from './model.ts';
import { referencePolicy } from './policy.ts';
import * as store from './store.ts';
import { REFERENCE_TABLES, referenceTable } from './tables.ts';
import { UN_ARMS_EMBARGOES } from './un-embargoes.ts';
import { isCalendarDate } from '../platform/calendar-date.ts';

export interface EmbargoCheck {
  countryCode: string;
  date: string;
  /** In force on `date`, strictest scope first; UN, regional and national together. */
  embargoes: Embargo[];
  /** The strictest scope among them, or null when the State is under no arms embargo that day. */
  strictestScope: EmbargoScope | null;
}

export interface EmbargoListFilter {
  countryCode?: string;
  activeOn?: string;
  authority?: EmbargoAuthority;
}

function today(deps: Deps): string {
  return deps.clock.now().toISOString().slice(0, 10);
}

function requireDate(value: string, field: string): void {
  if (!isCalendarDate(value)) throw new ValidationError([{ field, message: 'Not a calendar date (YYYY-MM-DD).', code: 'date.invalid' }]);
}

function requireTable(name: string): ReferenceTable {
  const table = referenceTable(name);
  if (!table) throw new NotFoundError('Reference table', name);
  return table;
}

/**
 * Reference data and arms embargoes. Licensing and screening call `embargoesFor` (inside their own
 * transaction if they pass one) so UN, regional and national embargoes are judged in one place.
 */
export function createReferenceService(deps: Deps) {
  async function storedEmbargoes(tx: Tx | undefined, filter: store.EmbargoFilter): Promise<store.StoredEmbargo[]> {
    const rows = tx ? await store.listEmbargoes(tx, filter) : await store.listEmbargoes(deps.db, filter);
    return rows.map(store.embargoState);
  }

  return {
    listTables(actor: Actor) {
      referencePolicy.require(actor, 'reference.read');
      return REFERENCE_TABLES.map((t) => ({ name: t.name, title: t.title, openCodes: t.openCodes, source: t.source }));
    },

    searchTable(actor: Actor, name: string, options: TableSearchOptions): PickerEntry[] {
      referencePolicy.require(actor, 'reference.read');
      return requireTable(name).search(options);
    },

    describeCode(actor: Actor, name: string, code: string, locale: Locale = 'en'): PickerEntry {
      referencePolicy.require(actor, 'reference.read');
      const entry = requireTable(name).describe(code, locale);
      if (!entry) throw new NotFoundError(`Code in ${name}`, code);
      return entry;
    },

    firearmTypeCrosswalk(actor: Actor) {
      referencePolicy.require(actor, 'reference.read');
      return { source: CROSSWALK_SOURCE, items: [...FIREARM_TYPE_CROSSWALK] };
    },

    /** Arms embargoes on a State on a date (default: today by the injected clock). */
    async embargoesFor(actor: Actor, input: { countryCode: string; date?: string }, tx?: Tx): Promise<EmbargoCheck> {
      referencePolicy.require(actor, 'reference.read');
      const countryCode = input.countryCode.toUpperCase();
      const date = input.date ?? today(deps);
      requireDate(date, 'date');
      const stored = await storedEmbargoes(tx, { countryCode, activeOn: date });
      const embargoes = embargoesApplicable([...UN_ARMS_EMBARGOES, ...stored], countryCode, date);
      return { countryCode, date, embargoes, strictestScope: strictestScope(embargoes) };
    },

    async listEmbargoes(actor: Actor, filter: EmbargoListFilter = {}, tx?: Tx): Promise<Embargo[]> {
      referencePolicy.require(actor, 'reference.read');
      if (filter.activeOn) requireDate(filter.activeOn, 'activeOn');
      const countryCode = filter.countryCode?.toUpperCase();
      const un =
        filter.authority && filter.authority !== 'un'
          ? []
          : UN_ARMS_EMBARGOES.filter(
              (e) =>
                (!countryCode || e.countryCode === countryCode) &&
                (!filter.activeOn || isInForce(e, filter.activeOn)),
            );
      const stored =
        filter.authority === 'un' ? [] : await storedEmbargoes(tx, { countryCode, activeOn: filter.activeOn, authority: filter.authority });
      return [...un, ...stored];
    },

    async getEmbargo(actor: Actor, id: string, tx?: Tx): Promise<Embargo> {
      referencePolicy.require(actor, 'reference.read');
      const un = UN_ARMS_EMBARGOES.find((e) => e.id === id);
      if (un) return un;
      if (!UUID_RE.test(id)) throw new NotFoundError('Embargo', id);
      const [row] = tx ? await store.getEmbargoes(tx, [id]) : await store.getEmbargoes(deps.db, [id]);
      if (!row) throw new NotFoundError('Embargo', id);
      return store.embargoState(row);
    },

    /** Records a national or regional embargo. UN embargoes are reference data and are not added here. */
    async addEmbargo(actor: Actor, input: NewEmbargoInput, tx?: Tx): Promise<store.StoredEmbargo> {
      referencePolicy.require(actor, 'reference.embargo.manage');
      const normalized: NewEmbargoInput = { ...input, countryCode: input.countryCode.toUpperCase(), instruments: input.instruments.map((s) => s.trim()) };
      const errors = validateNewEmbargo(normalized);
      if (errors.length) throw new ValidationError(errors);
      return inTransaction(deps.db, tx, async (t) => {
        const row = await store.insertEmbargo(t, {
          id: uuidv7(),
          authority: normalized.authority,
          imposedBy: normalized.imposedBy.trim(),
          countryCode: normalized.countryCode,
          target: normalized.target.trim(),
          scope: normalized.scope,
          direction: normalized.direction,
          measures: normalized.measures.trim(),
          instruments: normalized.instruments,
          since: normalized.since,
          until: normalized.until ?? null,
          sourceTitle: normalized.sourceTitle.trim(),
          sourceUrl: normalized.sourceUrl ?? null,
          note: normalized.note ?? null,
          createdAt: deps.clock.now(),
          createdBy: actor.name,
        });
        const state = store.embargoState(row);
        await recordAudit(t, actor, deps.clock, { action: 'reference.embargo.create', entity: 'reference_embargo', entityId: row.id, state });
        return state;
      });
    },

    /** Ends an embargo from `until` (first day no longer in force). Never deleted: the record stays. */
    async liftEmbargo(actor: Actor, id: string, input: { until: string; reason: string }, tx?: Tx): Promise<store.StoredEmbargo> {
      referencePolicy.require(actor, 'reference.embargo.manage');
      if (UN_ARMS_EMBARGOES.some((e) => e.id === id)) {
        throw new ConflictError('UN Security Council embargoes are reference data: they change with a new release of Custodia, not here.');
      }
      if (!UUID_RE.test(id)) throw new NotFoundError('Embargo', id);
      return inTransaction(deps.db, tx, async (t) => {
        const current = await store.getEmbargoForUpdate(t, id);
        if (!current) throw new NotFoundError('Embargo', id);
        if (current.lifted_at !== null) throw new ConflictError(`This embargo was already lifted from ${current.until}.`);
        const errors = validateLift(current, input.until, input.reason);
        // A fixed-term embargo may be lifted early, not extended: extending it is a new embargo.
        if (current.until !== null && input.until >= current.until) {
          errors.push({ field: 'until', message: `The embargo already ends on ${current.until}; lifting can only bring that forward.`, code: 'embargo.lift_not_earlier' });
        }
        if (errors.length) throw new ValidationError(errors);
        const row = await store.liftEmbargo(t, id, { until: input.until, reason: input.reason.trim(), at: deps.clock.now(), by: actor.name });
        const state = store.embargoState(row);
        await recordAudit(t, actor, deps.clock, {
          action: 'reference.embargo.lift',
          entity: 'reference_embargo',
          entityId: id,
          reason: input.reason.trim(),
          state,
        });
        return state;
      });
    },
  };
}

export type ReferenceService = ReturnType<typeof createReferenceService>;
