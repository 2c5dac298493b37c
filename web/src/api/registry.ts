import { api } from './client.ts';

import type { BodyOf, QueryOf, ResponseOf } from './types.ts';
import { enumValues } from './types.ts';

type ItemsPost = NonNullable<BodyOf<'/api/v1/registry/items', 'post'>>;
type ItemBody = ItemsPost['item'];
type MarkingBody = NonNullable<ItemsPost['markings']>[number];

/** The item page as the server answers it (GET /registry/items/{id}), and its parts. */
export type ItemDetail = ResponseOf<'/api/v1/registry/items/{id}', 'get'>;
export type ItemSummary = ResponseOf<'/api/v1/registry/items', 'get'>['items'][number];
export type CustodyEvent = ItemDetail['events'][number];
export type PartySummary = NonNullable<ItemDetail['holder']>;
export type Marking = Partial<ItemDetail['markings'][number]> & Pick<MarkingBody, 'kind' | 'location'>;

export const ITEM_KINDS = enumValues<ItemBody['kind']>()('firearm', 'part', 'ammunition');
export const FIREARM_TYPES = enumValues<NonNullable<ItemBody['firearmType']>>()(
  'revolver', 'self_loading_pistol', 'pistol', 'rifle', 'carbine', 'shotgun', 'sub_machine_gun', 'assault_rifle',
  'light_machine_gun', 'heavy_machine_gun', 'grenade_launcher', 'portable_anti_aircraft_gun', 'portable_anti_tank_gun',
  'recoilless_rifle', 'portable_anti_tank_launcher', 'portable_anti_aircraft_launcher', 'mortar_under_100mm', 'other',
);
export const PART_TYPES = enumValues<NonNullable<ItemBody['partType']>>()('frame', 'receiver', 'barrel', 'slide', 'cylinder', 'bolt', 'breech_block', 'suppressor', 'other_essential');
export const AMMUNITION_COMPONENTS = enumValues<NonNullable<ItemBody['ammunitionComponent']>>()('complete_round', 'case', 'primer', 'propellant', 'projectile');
export const MARKING_KINDS = enumValues<MarkingBody['kind']>()('manufacture', 'import', 'state_transfer', 'confiscation', 'deactivation', 'proof', 'other');
export const MARKING_LOCATIONS = enumValues<MarkingBody['location']>()('frame', 'receiver', 'barrel', 'slide', 'cylinder', 'bolt', 'breech_block', 'suppressor', 'packaging', 'other');
export const ITEM_STATUSES = enumValues<ItemSummary['status']>()('registered', 'active', 'loaned', 'in_transit', 'lost', 'stolen', 'seized', 'confiscated', 'deactivated', 'exported', 'destroyed');
/** What the custody-event form may record (POST /registry/items/{id}/events). */
export const EVENT_KINDS = enumValues<CustodyEvent['kind']>()(
  'manufactured', 'imported', 'exported', 'transferred', 'loaned', 'returned', 'repaired', 'in_transit', 'reported_lost', 'reported_stolen', 'recovered', 'seized', 'confiscated', 'deactivated', 'destroyed',
);

/** The search form's fields as they appear in the page URL. */
export interface SearchFilters {
  serial?: string;
  kind?: string;
  type?: string;
  status?: string;
  make?: string;
  model?: string;
  calibre?: string;
  country?: string;
  holder?: string;
}

/** `?` and `*` in a serial mean a partial (obliterated) serial; anything else is an exact lookup. */
export function isPartialSerial(serial: string): boolean {
  return /[?*]/.test(serial);
}

type SearchQuery = NonNullable<QueryOf<'/api/v1/registry/items', 'get'>>;
/** What the server can order a search by; every page continues the same order. */
export type ItemSortKey = NonNullable<SearchQuery['sort']>;
export const ITEM_SORT_KEYS = enumValues<ItemSortKey>()(
  'registeredAt', 'lastEventAt', 'serial', 'make', 'model', 'calibre', 'kind', 'status', 'countryOfManufacture', 'yearOfManufacture', 'holderCountry',
);
export interface ItemSort {
  sort: ItemSortKey;
  order: 'asc' | 'desc';
}
export type ItemPage = ResponseOf<'/api/v1/registry/items', 'get'>;

export function searchItems(filters: SearchFilters, cursor?: string, limit = 50, sort?: ItemSort): Promise<ItemPage> {
  const { serial, country, holder, ...rest } = filters;
  const query = {
    ...rest,
    serial: serial && !isPartialSerial(serial) ? serial : undefined,
    serialPattern: serial && isPartialSerial(serial) ? serial : undefined,
    countryOfManufacture: country,
    holderPartyId: holder,
    sort: sort?.sort,
    order: sort?.order,
    cursor,
    limit,
  };
  return api<ItemPage>('/registry/items', { query });
}

export interface RegisterItemBody {
  item: Record<string, unknown>;
  markings: Record<string, unknown>[];
  event?: Record<string, unknown> | null;
}

export function registerItem(body: RegisterItemBody): Promise<ItemDetail> {
  return api<ItemDetail>('/registry/items', { method: 'POST', body });
}

export function getItem(id: string): Promise<ItemDetail> {
  return api<ItemDetail>(`/registry/items/${encodeURIComponent(id)}`);
}

export function itemTypeLabel(i: Pick<ItemSummary, 'kind' | 'firearmType' | 'partType' | 'ammunitionComponent'>, t: (k: string, o?: Record<string, unknown>) => string): string {
  const sub = i.firearmType ?? i.partType ?? i.ammunitionComponent;
  return sub ? t(`itemType.${sub}`, { defaultValue: sub.replaceAll('_', ' ') }) : t(`kind.${i.kind}`, { defaultValue: i.kind });
}
