import { api, type Page } from './client.ts';

export const ITEM_KINDS = ['firearm', 'part', 'ammunition'] as const;
export const FIREARM_TYPES = [
  'revolver', 'self_loading_pistol', 'pistol', 'rifle', 'carbine', 'shotgun', 'sub_machine_gun', 'assault_rifle',
  'light_machine_gun', 'heavy_machine_gun', 'grenade_launcher', 'portable_anti_aircraft_gun', 'portable_anti_tank_gun',
  'recoilless_rifle', 'portable_anti_tank_launcher', 'portable_anti_aircraft_launcher', 'mortar_under_100mm', 'other',
] as const;
export const PART_TYPES = ['frame', 'receiver', 'barrel', 'slide', 'cylinder', 'bolt', 'breech_block', 'suppressor', 'other_essential'] as const;
export const AMMUNITION_COMPONENTS = ['complete_round', 'case', 'primer', 'propellant', 'projectile'] as const;
export const MARKING_KINDS = ['manufacture', 'import', 'state_transfer', 'confiscation', 'deactivation', 'proof', 'other'] as const;
export const MARKING_LOCATIONS = ['frame', 'receiver', 'barrel', 'slide', 'cylinder', 'bolt', 'breech_block', 'suppressor', 'packaging', 'other'] as const;
export const ITEM_STATUSES = ['registered', 'active', 'loaned', 'in_transit', 'lost', 'stolen', 'seized', 'confiscated', 'deactivated', 'exported', 'destroyed'] as const;

export interface PartySummary {
  id: string;
  kind: string;
  /** Null for persons when the role may not see personal data. */
  name: string | null;
  roles: string[];
  country: string | null;
  retired: boolean;
}

export interface ItemSummary {
  id: string;
  kind: string;
  firearmType: string | null;
  partType: string | null;
  ammunitionComponent: string | null;
  make: string | null;
  model: string | null;
  calibre: string | null;
  yearOfManufacture: number | null;
  countryOfManufacture: string | null;
  serialNumber: string | null;
  lotNumber: string | null;
  quantityRounds: number | null;
  status: string;
  holderPartyId: string | null;
  createdAt: string;
}

export interface Marking {
  id?: string;
  kind: string;
  location: string;
  manufacturerName?: string | null;
  countryOfManufacture?: string | null;
  placeOfManufacture?: string | null;
  serialNumber?: string | null;
  alternativeSymbol?: string | null;
  alternativeCode?: string | null;
  importCountry?: string | null;
  importYear?: number | null;
  transferringCountry?: string | null;
  markingCountry?: string | null;
  markingYear?: number | null;
  certificateRef?: string | null;
  yearOfManufacture?: number | null;
  model?: string | null;
  calibre?: string | null;
  text?: string | null;
  recordedAt?: string;
  createdAt?: string;
}

export interface CustodyEvent {
  id: string;
  seq: number;
  kind: string;
  occurredAt: string;
  recordedAt: string;
  from: PartySummary | null;
  to: PartySummary | null;
  placeLocode: string | null;
  placeText: string | null;
  counterpartCountry: string | null;
  authorizationRef: string | null;
  licenceId: string | null;
  certificateRef: string | null;
  destructionMethod: string | null;
  witnesses: string[] | null;
  temporaryImportPurpose: string | null;
  note: string | null;
}

export interface ItemDetail extends ItemSummary {
  placeOfManufacture: string | null;
  manufacturer: PartySummary | null;
  isAntique: boolean;
  isReplica: boolean;
  temporaryImportPurpose: string | null;
  description: string | null;
  holder: PartySummary | null;
  keeper: PartySummary | null;
  lastEventAt: string | null;
  retention: { until: string; basis: string };
  markings: Marking[];
  events: CustodyEvent[];
}

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

export function searchItems(filters: SearchFilters, cursor?: string, limit = 50): Promise<Page<ItemSummary>> {
  const { serial, country, holder, ...rest } = filters;
  const query = {
    ...rest,
    serial: serial && !isPartialSerial(serial) ? serial : undefined,
    serialPattern: serial && isPartialSerial(serial) ? serial : undefined,
    countryOfManufacture: country,
    holderPartyId: holder,
    cursor,
    limit,
  };
  return api<Page<ItemSummary>>('/registry/items', { query });
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
