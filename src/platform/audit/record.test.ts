import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../crypto/canonical.ts';
import { entryBytes, entryFromRow, type AuditEntry, type AuditLogRow } from './record.ts';

/** entryBytes is a hand-written canonicalJson of an entry; every leaf ever written depends on it. */
describe('entryBytes', () => {
  const row: AuditLogRow = {
    seq: '41',
    id: '0190a000-0000-7000-8000-000000000041',
    at: new Date('2026-06-01T10:00:00.123Z'),
    actor_kind: 'user',
    actor_id: '0190a000-0000-7000-8000-00000000b001',
    actor_name: 'Zoë Ñúñez "the clerk" \\ 登记员 \u2028',
    actor_role: 'registry_clerk',
    action: 'registry.item.create',
    entity: 'item',
    entity_id: 'a/b\nc',
    reason: 'import of lot 7: \u0000 control',
    state_hash: 'ab'.repeat(32),
    leaf_hash: new Uint8Array(32),
  };

  it('writes exactly the bytes canonicalJson writes, for full entries and for nulls and absent members', () => {
    const full = entryFromRow(row);
    const variants: AuditEntry[] = [
      full,
      { ...full, actorId: null, reason: null },
      { ...full, actorKind: 'system', actorId: undefined as unknown as null, seq: 0 },
      { ...full, seq: 2 ** 40 },
    ];
    for (const e of variants) expect(entryBytes(e).toString('utf8')).toBe(canonicalJson(e));
  });

  it('covers every member of an entry as entryFromRow builds it', () => {
    const e = entryFromRow(row);
    expect(Object.keys(JSON.parse(entryBytes(e).toString('utf8')))).toEqual(Object.keys(e).sort());
  });
});
