import { describe, expect, it } from 'vitest';
import { stateHash } from '../platform/crypto/canonical.ts';
import { itemState, itemStateHash, type ItemRow } from './store-items.ts';

const base: ItemRow = {
  id: '01900000-0000-7000-8000-000000000001',
  kind: 'firearm',
  firearm_type: 'self_loading_pistol',
  part_type: null,
  ammunition_component: null,
  make: 'Glock',
  model: '17',
  calibre: '9mm Luger',
  year_of_manufacture: 2015,
  country_of_manufacture: 'AT',
  place_of_manufacture: null,
  manufacturer_party_id: null,
  serial_number: 'ABC-123',
  serial_norm: 'ABC123',
  lot_number: null,
  quantity_rounds: null,
  is_antique: false,
  is_replica: false,
  temporary_import_purpose: null,
  description: null,
  import_key: 'firearm|self_loading_pistol|GLOCK|ABC123',
  status: 'registered',
  holder_party_id: null,
  keeper_party_id: null,
  event_count: 0,
  last_event_at: null,
  manufactured_at: null,
  destroyed_at: null,
  created_at: new Date('2026-06-01T10:00:00.123Z'),
};

describe('itemStateHash', () => {
  it.each<[string, Partial<ItemRow>]>([
    ['a plain imported firearm', {}],
    ['ammunition with a lot and rounds', { kind: 'ammunition', firearm_type: null, ammunition_component: 'cartridge', lot_number: 'LOT-42', quantity_rounds: 5000, serial_number: null, serial_norm: null }],
    ['non-ASCII text, quotes, backslashes and line breaks', { make: 'Armería Hércules "Ñ" \\ \n\t', description: 'ü € 😀 \u2028', place_of_manufacture: 'Liège' }],
    ['every member set, dates and parties', { manufacturer_party_id: '01900000-0000-7000-8000-0000000000aa', holder_party_id: '01900000-0000-7000-8000-0000000000bb', keeper_party_id: '01900000-0000-7000-8000-0000000000cc', event_count: 3, last_event_at: new Date('2027-01-02T03:04:05Z'), manufactured_at: new Date('2015-01-01T00:00:00Z'), destroyed_at: new Date('2030-12-31T23:59:59.999Z'), is_antique: true, is_replica: true, temporary_import_purpose: 'exhibition', status: 'destroyed' }],
    ['a bigint count (generic path)', { quantity_rounds: 9007199254740993n as unknown as number }],
    ['a member left undefined (dropped, as canonicalJson drops it)', { description: undefined as unknown as null }],
  ])('writes the bytes stateHash(itemState(row)) writes: %s', (_name, change) => {
    const row = { ...base, ...change };
    expect(itemStateHash(row)).toBe(stateHash(itemState(row)));
  });

  it('refuses a non-finite number as canonicalJson does', () => {
    expect(() => itemStateHash({ ...base, year_of_manufacture: Number.NaN })).toThrow();
  });
});
