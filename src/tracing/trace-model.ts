import type { CustodyEventInput, EventKind } from '../registry/model.ts';
import { deriveState } from '../registry/model.ts';

/**
 * The domestic trace (ITI para 5, ISACS 05.31 steps 2 and 4), pure: from the registry's chain of custody,
 * the point of origin in the State (manufacture or the most recent import), every lawful event after it,
 * the last legal holder, the authorizations cited, and the window in which the item left legal hands.
 */

/** Events of lawful custody: the chain a trace follows. */
const LAWFUL: ReadonlySet<EventKind> = new Set(['manufactured', 'imported', 'exported', 'transferred', 'loaned', 'returned', 'repaired', 'in_transit', 'deactivated']);
/** Events that say the item is no longer in lawful hands (the first one ends the lawful chain). */
const DIVERSION_MARKERS: ReadonlySet<EventKind> = new Set(['reported_lost', 'reported_stolen', 'seized', 'confiscated']);

export interface TraceEvent extends CustodyEventInput {
  id: string;
}

export interface TraceFindings {
  origin: { kind: 'manufactured' | 'imported' | 'unknown'; eventId: string | null; at: string | null; partyId: string | null; country: string | null };
  /** Every lawful event from the origin to the last lawful one, in order. */
  chain: string[];
  lastLegalEventId: string | null;
  lastLegalHolderPartyId: string | null;
  diversion: {
    /** The last lawful event's time: the item was still in legal hands then. */
    from: string | null;
    /** The lost/stolen report's time, else the recovery day: it had left legal hands by then. */
    to: string;
    basis: 'lost_stolen_report' | 'recovery';
    reportEventId: string | null;
    /** Where the last lawful event or the report places it. */
    place: string | null;
  };
  /** Licences and other authorizations the lawful chain cites. */
  authorizations: { eventId: string; kind: EventKind; ref: string | null; licenceId: string | null }[];
  /** The State's records end abroad (foreign-made with no lawful chain here, or exported): an international request is needed (ISACS 05.31 step 3). */
  endsAbroad: boolean;
  /** The State to ask, upstream or onward: the destination of an export, the exporting State of the last import, else the (foreign) country of manufacture. */
  requestCountry: string | null;
  /** Illicit origin established by the trace (SDG 16.4.2 numerator): the point of diversion is in the State's own records. */
  established: boolean;
}

const iso = (d: Date) => d.toISOString();

export function traceChain(events: readonly TraceEvent[], item: { countryOfManufacture: string | null }, recoveredOn: string, state: string): TraceFindings {
  const firstMarker = events.findIndex((e) => DIVERSION_MARKERS.has(e.kind));
  const lawfulPart = (firstMarker < 0 ? events : events.slice(0, firstMarker)).filter((e) => LAWFUL.has(e.kind));
  const lastImport = [...lawfulPart].reverse().find((e) => e.kind === 'imported');
  const manufacture = lawfulPart.find((e) => e.kind === 'manufactured');
  const originEvent = lastImport ?? manufacture ?? null;
  const origin: TraceFindings['origin'] = originEvent
    ? {
        kind: originEvent.kind === 'imported' ? 'imported' : 'manufactured',
        eventId: originEvent.id,
        at: iso(originEvent.occurredAt),
        partyId: originEvent.toPartyId ?? null,
        country: originEvent.kind === 'imported' ? (originEvent.counterpartCountry ?? null) : (item.countryOfManufacture ?? state),
      }
    : { kind: 'unknown', eventId: null, at: null, partyId: null, country: item.countryOfManufacture };
  const fromOrigin = originEvent ? lawfulPart.slice(lawfulPart.indexOf(originEvent)) : lawfulPart;
  const last = lawfulPart.at(-1) ?? null;

  let holder: string | null = null;
  if (last) {
    try {
      holder = deriveState(events.slice(0, events.indexOf(last) + 1)).holderPartyId;
    } catch {
      holder = last.toPartyId ?? null;
    }
  }
  const marker = firstMarker >= 0 ? events[firstMarker] : null;
  const report = marker && (marker.kind === 'reported_lost' || marker.kind === 'reported_stolen') ? marker : null;
  const exported = last?.kind === 'exported';
  const foreignMade = !!item.countryOfManufacture && item.countryOfManufacture !== state;
  // No lawful chain here for a foreign-made item, or it lawfully left: only another State's records go on.
  const endsAbroad = (origin.kind === 'unknown' && foreignMade) || exported;
  const requestCountry = exported
    ? (last!.counterpartCountry ?? null)
    : origin.kind === 'imported'
      ? origin.country
      : origin.kind === 'unknown' && foreignMade
        ? item.countryOfManufacture
        : null;
  return {
    origin,
    chain: fromOrigin.map((e) => e.id),
    lastLegalEventId: last?.id ?? null,
    lastLegalHolderPartyId: holder,
    diversion: {
      from: last ? iso(last.occurredAt) : null,
      to: report ? iso(report.occurredAt) : `${recoveredOn}T00:00:00.000Z`,
      basis: report ? 'lost_stolen_report' : 'recovery',
      reportEventId: report?.id ?? null,
      place: report?.placeText ?? report?.placeLocode ?? last?.placeText ?? last?.placeLocode ?? null,
    },
    authorizations: fromOrigin.filter((e) => e.authorizationRef || e.licenceId).map((e) => ({ eventId: e.id, kind: e.kind, ref: e.authorizationRef ?? null, licenceId: e.licenceId ?? null })),
    endsAbroad,
    requestCountry,
    established: last !== null && !exported,
  };
}

/** Human reference of a trace: TRC-<year>-<number>. */
export function traceReference(year: number, number: number): string {
  return `TRC-${year}-${String(number).padStart(6, '0')}`;
}
