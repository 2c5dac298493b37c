import { describe, expect, it } from 'vitest';
import { UUID_RE, uuidv7 } from './ids.ts';

describe('uuidv7', () => {
  it('is a version-7 RFC 9562 UUID', () => {
    const id = uuidv7();
    expect(id).toMatch(UUID_RE);
    expect(id[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(id[19]);
  });
  it('sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => uuidv7(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
  });
});
