/**
 * Lost/stolen notices sent on the registry's record (issue 14; Protocol Arts 11, 12(1); ITI para 9): when a
 * custody event reports an item lost or stolen, a `lost_stolen_notice` (`report`) goes to every eligible peer
 * (src/exchange/notices.ts says which), in the transaction that records the event, so the notice exists
 * exactly when the record does; when the item leaves the lost or stolen status (recovered, seized, or a loss
 * that becomes a theft) the same report is withdrawn (`withdraw`) at the peers it went to. A peer that
 * recovers the item afterwards answers with a hit notification (bridge.ts records it).
 *
 * The registry does not know the exchange: it tells the listeners given to `onCustodyEvents` (wired by the
 * exchange bridge module), as the exchange is told the tracing and screening effects.
 *
 * The notice carries what identifies the item (ISACS 05.31 essential data and its marks) and never who held
 * it: no holder, keeper or other party, no free-text place or description (either may name a person).
 */
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import type { Deps } from '../platform/deps.ts';
import type { ItemDetail } from '../registry/schemas.ts';
import type { CustodyChange, CustodyListener, RegistryService } from '../registry/service.ts';
import { lostStolenNoticeSchema, type weaponSchema } from './messages.ts';
import type { ExchangeService } from './service.ts';
import type { z } from 'zod';

type Weapon = z.infer<typeof weaponSchema>;

const LOST_OR_STOLEN: readonly string[] = ['lost', 'stolen'];
const REPORT_KINDS: readonly string[] = ['reported_lost', 'reported_stolen'];
const ISO2 = /^[A-Z]{2}$/;
const LOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** The reference of the report a custody event made: this State's code and the event's id (unique, stable). */
export function lostStolenReference(state: string, eventId: string): string {
  return `${state}-LS-${eventId}`;
}

const text = (v: string | null | undefined, max: number): string | null => (v && v.trim() !== '' ? v.trim().slice(0, max) : null);
const iso2 = (v: string | null | undefined): string | null => (v && ISO2.test(v) ? v : null);

/** The item as a notice describes it: identification and marks, nothing about its holders. */
export function weaponOfItem(item: ItemDetail): Weapon {
  const manufacture = item.markings.find((m) => m.kind === 'manufacture');
  const year = item.yearOfManufacture ?? manufacture?.yearOfManufacture ?? null;
  const other: NonNullable<Weapon['otherMarkings']> = [];
  for (const m of item.markings) {
    const kind = m.kind === 'state_transfer' || m.kind === 'confiscation' || m.kind === 'deactivation' || m.kind === 'proof' || m.kind === 'other' ? m.kind : null;
    const alternative = m.alternativeSymbol || m.alternativeCode ? [m.alternativeSymbol, m.alternativeCode].filter(Boolean).join(' ') : null;
    const shown = text(m.text ?? (kind ? m.serialNumber : null) ?? alternative, 200);
    if ((kind || (m.kind === 'manufacture' && alternative)) && shown) other.push({ kind: kind ?? 'other', text: shown, location: m.location });
  }
  if (item.lotNumber) other.push({ kind: 'other', text: `lot ${item.lotNumber}`.slice(0, 200), location: null });
  return {
    kind: item.kind,
    type: text(item.firearmType ?? item.partType ?? item.ammunitionComponent, 60),
    make: text(item.make, 200),
    model: text(item.model, 200),
    calibre: text(item.calibre, 60),
    serialNumber: text(item.serialNumber, 100),
    countryOfManufacture: iso2(item.countryOfManufacture) ?? iso2(manufacture?.countryOfManufacture),
    yearOfManufacture: year !== null && year >= 1300 && year <= 9999 ? year : null,
    manufacturerName: text(manufacture?.manufacturerName, 300),
    importMarkings: item.markings
      .filter((m) => m.kind === 'import' && iso2(m.importCountry))
      .slice(0, 20)
      .map((m) => ({ country: m.importCountry!, year: m.importYear !== null && m.importYear >= 1800 && m.importYear <= 9999 ? m.importYear : null, text: text(m.text, 200) })),
    otherMarkings: other.slice(0, 50),
  };
}

/** Who signs the notices as reporting authority (config.authority, so every document agrees). */
function reportingAuthority(deps: Deps): { name: string } {
  return { name: deps.config.authority };
}

export function lostStolenNotices(deps: Deps, exchange: ExchangeService, registry: RegistryService): CustodyListener {
  const state = deps.config.state;

  return async (t, actor, changes) => {
    if (exchange.settings.lostStolenNotices === 'none') return;
    for (const change of changes) {
      const reporting = REPORT_KINDS.includes(change.kind);
      const leaving = LOST_OR_STOLEN.includes(change.statusBefore) && change.statusAfter !== change.statusBefore;
      if (!reporting && !leaving) continue;
      const item = await registry.getItem(SYSTEM_ACTOR, change.itemId, t);
      const weapon = weaponOfItem(item);
      if (leaving) {
        // The report being withdrawn: the latest loss or theft before this event.
        const earlier = [...item.events].reverse().find((e) => e.id !== change.eventId && REPORT_KINDS.includes(e.kind));
        if (earlier) {
          const reportReference = lostStolenReference(state, earlier.id);
          const body = {
            reportReference,
            action: 'withdraw',
            kind: earlier.kind === 'reported_stolen' ? 'stolen' : 'lost',
            occurredOn: earlier.occurredAt.slice(0, 10),
            weapons: [weapon],
            reportingAuthority: reportingAuthority(deps),
            withdrawalReason: withdrawalReason(state, change),
          };
          await sendAll(t, actor, await exchange.lostStolenRecipients(t, reportReference), body, change);
        }
      }
      if (reporting) {
        const event = item.events.find((e) => e.id === change.eventId);
        const locode = event?.placeLocode && LOCODE.test(event.placeLocode) ? event.placeLocode : null;
        const body = {
          reportReference: lostStolenReference(state, change.eventId),
          action: 'report',
          kind: change.kind === 'reported_stolen' ? 'stolen' : 'lost',
          occurredOn: change.occurredAt.toISOString().slice(0, 10),
          ...(locode ? { place: { country: locode.slice(0, 2), locode } } : {}),
          weapons: [weapon],
          reportingAuthority: reportingAuthority(deps),
        };
        await sendAll(t, actor, await exchange.lostStolenRecipients(t), body, change);
      }
    }
  };

  async function sendAll(t: Parameters<CustodyListener>[0], actor: Parameters<CustodyListener>[1], to: string[], body: Record<string, unknown>, change: CustodyChange) {
    if (to.length === 0) return;
    const parsed = lostStolenNoticeSchema.safeParse(body);
    if (!parsed.success) {
      // The registry's record stands; the point of contact sends this one by hand (POST /exchange/envelopes).
      deps.log.error({ alert: 'exchange.lost_stolen_not_sent', itemId: change.itemId, eventId: change.eventId, issues: parsed.error.issues.map((i) => i.path.join('.')) }, 'exchange: a lost/stolen notice could not be built from the registry record');
      return;
    }
    for (const peer of to) await exchange.send(actor, { to: peer, type: 'lost_stolen_notice', body }, t);
  }
}

function withdrawalReason(state: string, change: CustodyChange): string {
  const on = change.occurredAt.toISOString().slice(0, 10);
  if (change.kind === 'reported_stolen') return `Reported stolen on ${on} (report ${lostStolenReference(state, change.eventId)}), replacing this report of a loss.`;
  if (change.kind === 'recovered') return `Recovered in ${state} on ${on}.`;
  return `No longer ${change.statusBefore} in ${state}: ${change.kind.replace(/_/g, ' ')} on ${on}.`;
}
