import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * Random bytes are drawn from the CSPRNG 4 KiB at a time and handed out 16 per id: one randomBytes(16)
 * call per id was 13% of a bulk import's CPU (BENCHMARKS.md). Each byte is used once.
 */
const POOL = Buffer.alloc(4096);
let poolAt = POOL.length;

function random16(): Buffer {
  if (poolAt + 16 > POOL.length) {
    randomFillSync(POOL);
    poolAt = 0;
  }
  const b = Buffer.from(POOL.subarray(poolAt, poolAt + 16));
  poolAt += 16;
  return b;
}

/**
 * UUIDv7 (RFC 9562) generated in the application: PostgreSQL 15 has no uuidv7(). Time-ordered, so
 * primary-key inserts stay append-mostly in the index. A 12-bit counter keeps ids monotonic within a
 * millisecond of one process.
 */
export function uuidv7(now: number = Date.now()): string {
  if (now <= lastMs) {
    seq++;
    if (seq > 0xfff) {
      lastMs++;
      seq = 0;
    }
    now = lastMs;
  } else {
    lastMs = now;
    seq = 0;
  }
  const b = random16();
  b[0] = (now / 2 ** 40) & 0xff;
  b[1] = (now / 2 ** 32) & 0xff;
  b[2] = (now >>> 24) & 0xff;
  b[3] = (now >>> 16) & 0xff;
  b[4] = (now >>> 8) & 0xff;
  b[5] = now & 0xff;
  b[6] = 0x70 | ((seq >>> 8) & 0x0f);
  b[7] = seq & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
