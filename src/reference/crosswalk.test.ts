import { describe, expect, it } from 'vitest';
import { FIREARM_TYPES } from '../registry/model.ts';
import { FIREARM_TYPE_CROSSWALK, unrocaCategoryOfFirearm } from './crosswalk.ts';
import { hsCode, isChapter93Code } from './hs.ts';
import { isMlCode } from './munitions.ts';
import { salwType } from './salw.ts';
import { unrocaCategory } from './unroca.ts';

describe('firearm type crosswalk', () => {
  it('maps only firearm types the registry knows, each once', () => {
    const types = FIREARM_TYPE_CROSSWALK.map((c) => c.firearmType);
    expect(new Set(types).size).toBe(types.length);
    for (const t of types) expect(FIREARM_TYPES as readonly string[], t).toContain(t);
    // When this was written the crosswalk covered all 18 registry types.
    expect(types.length).toBeGreaterThanOrEqual(18);
  });

  it('points only at codes that exist in the reference tables', () => {
    for (const c of FIREARM_TYPE_CROSSWALK) {
      expect(unrocaCategory(c.unrocaCategory), c.firearmType).not.toBeNull();
      for (const ml of c.mlSuggested) expect(isMlCode(ml), `${c.firearmType} ${ml}`).toBe(true);
      for (const hs of c.hsSuggested) expect(isChapter93Code(hs) && hsCode(hs)?.level === 'subheading', `${c.firearmType} ${hs}`).toBe(true);
      if (c.itiType) {
        expect(salwType(c.itiType)?.class, c.firearmType).toBe(c.salwClass);
        expect(salwType(c.itiType)?.unrocaCategory, c.firearmType).toBe(c.unrocaCategory);
      }
    }
  });

  it('reports an 81 mm mortar as artillery and a 60 mm one as a light weapon', () => {
    expect(unrocaCategoryOfFirearm('mortar_under_100mm', 81)).toBe('III');
    expect(unrocaCategoryOfFirearm('mortar_under_100mm', 60)).toBe('LW6');
    expect(unrocaCategoryOfFirearm('assault_rifle')).toBe('SA4');
    expect(unrocaCategoryOfFirearm('crossbow')).toBeNull();
  });
});
