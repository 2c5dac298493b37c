import { describe, expect, it } from 'vitest';
import { checkpointNote, checkpointOrigin, checkpointText } from './model.ts';

describe('checkpoint text', () => {
  const body = { origin: checkpointOrigin('XC'), treeSize: 12, rootHash: Buffer.alloc(32, 7), at: new Date('2026-06-01T10:00:00Z') };
  it('is origin, size, base64 root and time, one per line', () => {
    expect(checkpointText(body)).toBe(`custodia/XC/audit\n12\n${Buffer.alloc(32, 7).toString('base64')}\ntime 2026-06-01T10:00:00.000Z\n`);
  });
  it('refuses a root that is not 32 bytes, a negative size and an origin with spaces', () => {
    expect(() => checkpointText({ ...body, rootHash: Buffer.alloc(31) })).toThrow(/32 bytes/);
    expect(() => checkpointText({ ...body, treeSize: -1 })).toThrow(/non-negative/);
    expect(() => checkpointText({ ...body, origin: 'a b' })).toThrow(/origin/);
  });
  it('renders a signed note ending with the signature line', () => {
    const note = checkpointNote(body, 'kid1', Buffer.alloc(64, 1));
    expect(note.startsWith(checkpointText(body))).toBe(true);
    expect(note.trimEnd().split('\n').at(-1)).toBe(`\u2014 custodia/XC/audit kid1 ${Buffer.alloc(64, 1).toString('base64')}`);
  });
});
