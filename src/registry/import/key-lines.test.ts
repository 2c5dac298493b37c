import { describe, expect, it } from 'vitest';
import { hashKey, KeyLines } from './key-lines.ts';

describe("the import's duplicate check (KeyLines)", () => {
  it('gives the first line of a key seen before, and records a new one', () => {
    const k = new KeyLines();
    expect(k.firstLineOrAdd('firearm|rifle|CZ|A1', 2)).toBeUndefined();
    expect(k.firstLineOrAdd('firearm|rifle|CZ|A2', 3)).toBeUndefined();
    expect(k.firstLineOrAdd('firearm|rifle|CZ|A1', 9)).toBe(2);
    expect(k.firstLineOrAdd('firearm|rifle|CZ|A1', 10)).toBe(2);
    expect(k.size).toBe(2);
  });

  it('holds many keys exactly, across table growth and storage chunks, with non-ASCII keys', () => {
    const k = new KeyLines();
    const key = (i: number) => `part|slide|FÁBRICA ÑANDÚ ${'x'.repeat(i % 50)}|S${i}`;
    const n = 150_000; // ~ 10 MiB of keys: several 4 MiB chunks
    for (let i = 0; i < n; i++) expect(k.firstLineOrAdd(key(i), i + 2)).toBeUndefined();
    for (let i = 0; i < n; i += 997) expect(k.firstLineOrAdd(key(i), 0)).toBe(i + 2);
    // A prefix or an extension of a stored key is another key.
    expect(k.firstLineOrAdd(key(5).slice(0, -1), 1)).toBeUndefined();
    expect(k.firstLineOrAdd(`${key(5)}0`, 1)).toBeUndefined();
    expect(k.size).toBe(n + 2);
  });

  it('tells apart two different keys with the same table hash (the bytes decide)', () => {
    const a = 'firearm|rifle|CZ|S422789';
    const b = 'firearm|rifle|CZ|S639192';
    expect(hashKey(a)).toBe(hashKey(b)); // found by brute force: FNV-1a is 32 bits
    const k = new KeyLines();
    expect(k.firstLineOrAdd(a, 2)).toBeUndefined();
    expect(k.firstLineOrAdd(b, 3)).toBeUndefined();
    expect(k.firstLineOrAdd(b, 4)).toBe(3);
    expect(k.firstLineOrAdd(a, 5)).toBe(2);
  });
});
