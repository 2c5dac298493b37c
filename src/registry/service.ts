import type { Deps } from '../platform/deps.ts';
import { bindUseCases } from '../platform/module.ts';
import { createContext, type CustodyListener, type RegistryOptions } from './context.ts';
import { statusesAllowing } from './model.ts';
import { addMarking } from './use-cases/add-marking.ts';
import { addRegistration } from './use-cases/add-registration.ts';
import { createParty } from './use-cases/create-party.ts';
import { findItemsBySerials } from './use-cases/find-items-by-serials.ts';
import { getItem } from './use-cases/get-item.ts';
import { getParty } from './use-cases/get-party.ts';
import { itemStats } from './use-cases/item-stats.ts';
import { itemsForShipment } from './use-cases/items-for-shipment.ts';
import { listParties } from './use-cases/list-parties.ts';
import { listPartyVersions } from './use-cases/list-party-versions.ts';
import { partySummaries } from './use-cases/party-summaries.ts';
import { rankPartialSerial } from './use-cases/rank-partial-serial.ts';
import { rankPartialSerials } from './use-cases/rank-partial-serials.ts';
import { recordEvent } from './use-cases/record-event.ts';
import { recordEvents } from './use-cases/record-events.ts';
import { recordShipmentCustody } from './use-cases/record-shipment-custody.ts';
import { registerItem } from './use-cases/register-item.ts';
import { registerItems } from './use-cases/register-items.ts';
import { retireParty } from './use-cases/retire-party.ts';
import { revokeRegistration } from './use-cases/revoke-registration.ts';
import { searchItems } from './use-cases/search-items.ts';
import { updateParty } from './use-cases/update-party.ts';

export { itemOwners, type CustodyChange, type CustodyListener, type ItemCustodyFacts, type RegistryOptions } from './context.ts';

/**
 * The registry (items, markings, custody events, parties, search): one use case per file in
 * use-cases/ (its permission check, input validation, one transaction — the caller's, when another
 * module passes one — and its audit entries), assembled here with their context. Every use case takes
 * the acting user first and an optional transaction last.
 */
export function createRegistryService(deps: Deps, options: RegistryOptions = {}) {
  const ctx = createContext(deps, options);
  return {
    ...bindUseCases(ctx, {
      registerItem,
      registerItems,
      addMarking,
      recordEvent,
      recordEvents,
      getItem,
      itemsForShipment,
      recordShipmentCustody,
      searchItems,
      findItemsBySerials,
      rankPartialSerial,
      rankPartialSerials,
      itemStats,
      createParty,
      updateParty,
      retireParty,
      getParty,
      partySummaries,
      listPartyVersions,
      listParties,
      addRegistration,
      revokeRegistration,
    }),
    /** The statuses from which a custody event may be recorded (the registry's state machine). */
    statusesAllowing,
    /**
     * Another module asks to be told of every custody event appended through the registry's rules (recordEvent,
     * recordEvents, shipment custody), in the same transaction; given when the module list is built. The bulk
     * import and the demo loader write history, not news, and tell no one.
     */
    onCustodyEvents(listener: CustodyListener): void {
      ctx.custodyListeners.push(listener);
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
