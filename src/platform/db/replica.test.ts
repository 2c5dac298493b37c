import { describe, expect, it } from 'vitest';
import { isReplicaUnavailable, parseLsn } from './replica.ts';

describe('read routing rules', () => {
  it('orders WAL positions numerically across the high and low words', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n);
    expect(() => parseLsn('not an lsn')).toThrow();
  });

  it('retries on the primary only when the replica itself failed, never for a bad query', () => {
    for (const e of [{ code: 'ECONNREFUSED' }, { code: '57P01' }, { code: '57P03' }, { code: '40001' }, { message: 'Connection terminated unexpectedly' }, { message: 'timeout exceeded when trying to connect' }]) {
      expect(isReplicaUnavailable(e), JSON.stringify(e)).toBe(true);
    }
    for (const e of [{ code: '42P01', message: 'relation does not exist' }, { code: '23505' }, new Error('Item x does not exist'), undefined]) {
      expect(isReplicaUnavailable(e), JSON.stringify(e)).toBe(false);
    }
  });
});
