/**
 * The file's duplicate check: import key → the line it was first seen on, for every valid row of a file
 * (a million at a time). A Map of strings held ~114 MiB per million rows (a string object and a map entry
 * per key); here each key's UTF-8 bytes go once into large shared chunks, and an open-addressing table of
 * typed arrays points at them (~50 MiB per million rows). Exact: a hash match is confirmed by comparing
 * the bytes, so two different keys never read as the same item.
 */

const CHUNK_BYTES = 4 * 2 ** 20;
/** Per entry in a chunk: the line (4 bytes), the key's length (4 bytes), then its bytes. */
const ENTRY_HEAD = 8;
const EMPTY = 0xffffffff;

/** FNV-1a over the key's UTF-16 code units (the table's hash only; equality is by bytes). */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class KeyLines {
  private chunks: Buffer[] = [];
  /** Where the next entry goes: chunk index × CHUNK_BYTES + offset (fits in 32 bits up to 4 GiB of keys). */
  private end = 0;
  private hashes = new Uint32Array(1024);
  private slots = new Uint32Array(1024).fill(EMPTY);
  private count = 0;
  private scratch = Buffer.alloc(1024);

  get size(): number {
    return this.count;
  }

  /** The line `key` was first seen on; or, the first time, records it on `line` and returns undefined. */
  firstLineOrAdd(key: string, line: number): number | undefined {
    const bytes = Buffer.byteLength(key, 'utf8');
    if (bytes + ENTRY_HEAD > CHUNK_BYTES) throw new Error('import key too long for the duplicate check');
    if (this.scratch.length < bytes) this.scratch = Buffer.alloc(bytes * 2);
    this.scratch.write(key, 0, 'utf8');
    const h = hashKey(key);
    const mask = this.slots.length - 1;
    let i = h & mask;
    for (;;) {
      const at = this.slots[i];
      if (at === EMPTY) break;
      if (this.hashes[i] === h && this.equals(at, bytes)) return this.lineAt(at);
      i = (i + 1) & mask;
    }
    this.slots[i] = this.append(line, bytes);
    this.hashes[i] = h;
    if (++this.count * 4 > this.slots.length * 3) this.grow();
    return undefined;
  }

  private chunkAt(at: number): [Buffer, number] {
    return [this.chunks[Math.floor(at / CHUNK_BYTES)], at % CHUNK_BYTES];
  }

  private lineAt(at: number): number {
    const [chunk, off] = this.chunkAt(at);
    return chunk.readInt32LE(off);
  }

  private equals(at: number, bytes: number): boolean {
    const [chunk, off] = this.chunkAt(at);
    if (chunk.readUInt32LE(off + 4) !== bytes) return false;
    return chunk.compare(this.scratch, 0, bytes, off + ENTRY_HEAD, off + ENTRY_HEAD + bytes) === 0;
  }

  /** Copies the key (in `scratch`) into the current chunk, or a new one when it does not fit. */
  private append(line: number, bytes: number): number {
    let off = this.end % CHUNK_BYTES;
    if (this.chunks.length === 0 || off + ENTRY_HEAD + bytes > CHUNK_BYTES) {
      this.chunks.push(Buffer.allocUnsafe(CHUNK_BYTES));
      this.end = (this.chunks.length - 1) * CHUNK_BYTES;
      off = 0;
    }
    const at = this.end;
    if (at >= EMPTY) throw new Error('too many import keys for the duplicate check');
    const chunk = this.chunks[this.chunks.length - 1];
    chunk.writeInt32LE(line, off);
    chunk.writeUInt32LE(bytes, off + 4);
    this.scratch.copy(chunk, off + ENTRY_HEAD, 0, bytes);
    this.end += ENTRY_HEAD + bytes;
    return at;
  }

  private grow(): void {
    const hashes = this.hashes;
    const slots = this.slots;
    this.hashes = new Uint32Array(slots.length * 2);
    this.slots = new Uint32Array(slots.length * 2).fill(EMPTY);
    const mask = this.slots.length - 1;
    for (let j = 0; j < slots.length; j++) {
      if (slots[j] === EMPTY) continue;
      let i = hashes[j] & mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
      this.slots[i] = slots[j];
      this.hashes[i] = hashes[j];
    }
  }
}
