import fs from 'node:fs';
import { Readable } from 'node:stream';

/**
 * The backup archive is a plain POSIX ustar file (readable by `tar tf`), written and read here rather
 * than through a dependency: the format needs ~100 lines, and a restore must never depend on a package
 * that a future `npm ci` might not install. Only regular files with short relative names are written or
 * accepted; sizes beyond 8 GiB use the base-256 size field GNU tar reads.
 */
const BLOCK = 512;
const MAX_OCTAL_SIZE = 8 ** 11 - 1;

export interface TarSource {
  /** Relative path inside the archive (ASCII, at most 100 bytes, no `..`). */
  name: string;
  size: number;
  /** Octal permission bits recorded in the header. */
  mode?: number;
  /** The content: a buffer or a file on disk (streamed, never loaded whole). */
  content: Buffer | { file: string };
}

export class TarFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TarFormatError';
  }
}

export function assertSafeName(name: string): void {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(name) || name.split('/').some((p) => p === '.' || p === '..') || Buffer.byteLength(name) > 100) {
    throw new TarFormatError(`unsafe or unsupported archive member name "${name.slice(0, 120)}"`);
  }
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mode: number, mtime: number): Buffer {
  assertSafeName(name);
  const h = Buffer.alloc(BLOCK);
  h.write(name, 0, 100, 'ascii');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  if (size <= MAX_OCTAL_SIZE) h.write(octal(size, 12), 124, 'ascii');
  else {
    h[124] = 0x80; // base-256: the remaining 11 bytes hold the size big-endian
    let v = BigInt(size);
    for (let i = 135; i > 124; i--) {
      h[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  h.write(octal(mtime, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write('0', 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

const padding = (size: number) => (BLOCK - (size % BLOCK)) % BLOCK;

/** Total bytes `tarStream(sources)` produces (for Content-Length). */
export function tarLength(sources: readonly TarSource[]): number {
  return sources.reduce((n, s) => n + BLOCK + s.size + padding(s.size), 0) + 2 * BLOCK;
}

/** The archive as a stream: each member's header, content and padding, then two zero blocks. */
export function tarStream(sources: readonly TarSource[], mtime: Date = new Date()): Readable {
  for (const s of sources) assertSafeName(s.name);
  const seconds = Math.floor(mtime.getTime() / 1000);
  async function* blocks() {
    for (const s of sources) {
      yield header(s.name, s.size, s.mode ?? 0o644, seconds);
      let written = 0;
      if (Buffer.isBuffer(s.content)) {
        written = s.content.length;
        yield s.content;
      } else {
        for await (const chunk of fs.createReadStream(s.content.file)) {
          written += (chunk as Buffer).length;
          yield chunk as Buffer;
        }
      }
      if (written !== s.size) throw new TarFormatError(`${s.name}: ${written} bytes read, ${s.size} announced (the file changed while archiving)`);
      const pad = padding(s.size);
      if (pad) yield Buffer.alloc(pad);
    }
    yield Buffer.alloc(2 * BLOCK);
  }
  return Readable.from(blocks(), { objectMode: false });
}

export interface TarMember {
  name: string;
  size: number;
  mode: number;
  /** Byte offset of the content in the archive file. */
  offset: number;
}

function parseSize(h: Buffer): number {
  if (h[124] & 0x80) {
    let v = 0n;
    for (let i = 125; i < 136; i++) v = (v << 8n) | BigInt(h[i]);
    return Number(v);
  }
  return parseOctal(h, 124, 12, 'size');
}

function parseOctal(h: Buffer, start: number, width: number, what: string): number {
  const text = h.subarray(start, start + width).toString('ascii').replace(/[\0 ]+$/g, '').trim();
  if (!/^[0-7]*$/.test(text)) throw new TarFormatError(`not a tar archive (bad ${what} field)`);
  return text === '' ? 0 : parseInt(text, 8);
}

/**
 * Lists an archive file's members without reading their content. Refuses anything but regular files
 * with safe names, a bad header checksum, or a member running past the end of the file.
 */
export async function listTar(file: string): Promise<TarMember[]> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size: total } = await handle.stat();
    const members: TarMember[] = [];
    const h = Buffer.alloc(BLOCK);
    let offset = 0;
    for (;;) {
      if (offset + BLOCK > total) throw new TarFormatError('archive truncated (no end-of-archive marker)');
      await handle.read(h, 0, BLOCK, offset);
      if (h.every((b) => b === 0)) return members;
      const stored = parseOctal(h, 148, 8, 'checksum');
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i];
      if (sum !== stored) throw new TarFormatError(`not a tar archive or corrupted (header checksum at byte ${offset})`);
      const name = h.subarray(0, 100).toString('ascii').replace(/\0.*$/s, '');
      const type = String.fromCharCode(h[156] || 0x30);
      if (type !== '0') throw new TarFormatError(`member "${name}" is not a regular file (type ${type})`);
      assertSafeName(name);
      const size = parseSize(h);
      const mode = parseOctal(h, 100, 8, 'mode');
      if (offset + BLOCK + size > total) throw new TarFormatError(`archive truncated inside member "${name}"`);
      members.push({ name, size, mode, offset: offset + BLOCK });
      offset += BLOCK + size + padding(size);
    }
  } finally {
    await handle.close();
  }
}

/** A member's content as a stream (nothing is read into memory whole). */
export function memberStream(file: string, m: TarMember): Readable {
  if (m.size === 0) return Readable.from([]);
  return fs.createReadStream(file, { start: m.offset, end: m.offset + m.size - 1 });
}
