import { describe, expect, it } from 'vitest';
import { confiscationMark, matchKindFor, planCheck, recoveryReference, seizureTime, validatePlace, validateRecoveredItem, validateRecoveredOn } from './model.ts';
import { groupSeizureRows, toRowError } from './seizure-csv.ts';

describe('tracing rules', () => {
  it('a place is a UN/LOCODE, coordinates or a description, each well formed', () => {
    expect(validatePlace({ locode: 'NLRTM' })).toEqual([]);
    expect(validatePlace({ latitude: -33.9, longitude: 18.4 })).toEqual([]);
    expect(validatePlace({ text: 'Border crossing 4' })).toEqual([]);
    expect(validatePlace({}).map((e) => e.code)).toEqual(['recovery.place_required']);
    expect(validatePlace({ locode: 'Rotterdam' }).map((e) => e.code)).toEqual(['recovery.locode_invalid']);
    expect(validatePlace({ longitude: 4 }).map((e) => e.field)).toEqual(['place.latitude']);
    expect(validatePlace({ latitude: 0, longitude: 181 }).map((e) => e.code)).toEqual(['recovery.longitude_range']);
  });

  it('a recovery date is a real calendar day, not in the future', () => {
    expect(validateRecoveredOn('2026-02-28', '2026-03-01')).toEqual([]);
    expect(validateRecoveredOn('2026-02-30', '2026-03-01').map((e) => e.code)).toEqual(['recovery.date_invalid']);
    expect(validateRecoveredOn('2026-03-02', '2026-03-01')).toEqual([]); // a day of slack for time zones
    expect(validateRecoveredOn('2026-03-03', '2026-03-01').map((e) => e.code)).toEqual(['recovery.date_in_future']);
  });

  it('marks as read: an intact mark is read in full, a removed one has nothing to read, unmarked means no other mark', () => {
    const item = (markings: object[], extra = {}) => validateRecoveredItem({ kind: 'firearm', type: 'rifle', nature: 'industrial', markings: markings as never, ...extra }).map((e) => e.code);
    expect(item([{ location: 'receiver', state: 'intact', serialAsRead: 'AB12?4' }])).toEqual(['recovered_marking.intact_has_gaps']);
    expect(item([{ location: 'receiver', state: 'removed', serialAsRead: 'AB' }])).toEqual(['recovered_marking.serial_not_readable']);
    expect(item([{ location: 'receiver', state: 'falsified' }])).toEqual(['recovered_marking.reading_required']);
    expect(item([{ location: 'receiver', state: 'unmarked' }, { location: 'barrel', state: 'intact', serialAsRead: 'X1' }])).toEqual(['recovered_item.unmarked_with_marks']);
    expect(item([], { type: 'frame' })).toEqual(['recovered_item.type_invalid']);
    expect(item([], { quantity: 2 })).toEqual(['recovered_item.quantity_one']);
    expect(validateRecoveredItem({ kind: 'ammunition', nature: 'industrial', markings: [] }).map((e) => e.code)).toEqual(['recovered_item.calibre_required']);
  });

  it('intact serials are looked up exactly; obliterated, altered and falsified ones by ranked pattern when three characters in a row survive', () => {
    const plan = planCheck([
      { location: 'frame', state: 'intact', serialAsRead: 'ab-123' },
      { location: 'slide', state: 'obliterated', serialAsRead: 'AB1??' },
      { location: 'barrel', state: 'altered', serialAsRead: 'A?B?1' },
      { location: 'other', state: 'falsified', serialAsRead: 'ZZ999' },
      { location: 'other', state: 'removed' },
    ]);
    expect(plan).toEqual({ exact: ['AB123'], partial: ['AB1??', 'ZZ999'] });
  });

  it('a lost or stolen registry item is a hit, anything else a legal holding', () => {
    expect(matchKindFor('stolen')).toBe('lost_stolen_hit');
    expect(matchKindFor('lost')).toBe('lost_stolen_hit');
    expect(matchKindFor('active')).toBe('legal_holding');
    expect(matchKindFor('exported')).toBe('legal_holding');
  });

  it('references, confiscation marks and the seizure time never run backwards', () => {
    expect(recoveryReference(2026, 42)).toBe('REC-2026-000042');
    expect(confiscationMark('NL', 'REC-2026-000042', 3)).toBe('NL-REC-2026-000042-3');
    const later = new Date('2026-05-02T10:00:00Z');
    expect(seizureTime('2026-05-01', later)).toEqual(later);
    expect(seizureTime('2026-05-03', later)).toEqual(new Date('2026-05-03T00:00:00Z'));
  });

  it('seizure-list rows group by case key; a field error maps back to its line and column', () => {
    const rows = [
      { line: 2, record: { case: 'A', recovered_on: '2026-01-01', kind: 'firearm', type: 'Self-loading pistol', nature: '3D printed', serial: 'X1' } },
      { line: 3, record: { case: 'A', recovered_on: '2026-01-01', kind: 'ammunition', quantity: '20' } },
      { line: 4, record: { case: '', kind: 'firearm' } },
    ];
    const g = groupSeizureRows(rows);
    expect(g.recoveries).toHaveLength(1);
    expect(g.lines).toEqual([{ caseLine: 2, itemLines: [2, 3] }]);
    expect((g.recoveries[0].items as { type: string; nature: string }[])[0]).toMatchObject({ type: 'self_loading_pistol', nature: '3d_printed' });
    expect(g.errors).toEqual([expect.objectContaining({ line: 4, field: 'case', code: 'csv.case_required' })]);
    expect(toRowError({ field: 'items.1.quantity', code: 'x', message: '' }, g.lines[0])).toMatchObject({ line: 3, field: 'quantity' });
    expect(toRowError({ field: 'items.0.markings.0.serialAsRead', code: 'x', message: '' }, g.lines[0])).toMatchObject({ line: 2, field: 'serial' });
    expect(toRowError({ field: 'place.locode', code: 'x', message: '' }, g.lines[0])).toMatchObject({ line: 2, field: 'place_locode' });
  });
});
