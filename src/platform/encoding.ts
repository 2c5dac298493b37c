import { TextDecoder } from 'node:util';

/**
 * Text files from outside (CSV exports, sanctions lists) decoded strictly: an invalid byte sequence or a
 * NUL is refused with the line it is on, never turned into U+FFFD and stored. Windows and Excel exports
 * in Spanish- and French-speaking administrations are often windows-1252; the caller names the encoding,
 * a byte-order mark decides it when present.
 */

/** What a user may name. `latin1` is read as windows-1252, as browsers and the WHATWG Encoding Standard do
 *  (the two agree on every printable character; windows-1252 adds €, œ, Š… where ISO-8859-1 has C1 controls). */
export const TEXT_ENCODINGS = ['utf-8', 'windows-1252', 'latin1', 'utf-16', 'utf-16le', 'utf-16be'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

type Resolved = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export class TextDecodeError extends Error {
  constructor(
    readonly line: number,
    readonly code: 'encoding.invalid' | 'encoding.nul_character' | 'encoding.bom_mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'TextDecodeError';
  }
}

const BOMS: Array<{ bytes: number[]; encoding: Resolved }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

export function detectBom(head: Buffer): { encoding: Resolved; length: number } | null {
  const bom = BOMS.find((b) => b.bytes.every((x, i) => head[i] === x));
  return bom ? { encoding: bom.encoding, length: bom.bytes.length } : null;
}

function resolve(named: TextEncoding | undefined, bom: Resolved | undefined): Resolved {
  const n: Resolved | undefined =
    named === undefined ? undefined : named === 'latin1' ? 'windows-1252' : named === 'utf-16' ? (bom === 'utf-16be' ? 'utf-16be' : 'utf-16le') : named;
  if (bom && n && bom !== n) {
    throw new TextDecodeError(1, 'encoding.bom_mismatch', `The file starts with a ${bom} byte-order mark, but ${named} was given.`);
  }
  return bom ?? n ?? 'utf-8';
}

/** Index just past the last complete line in `buf` (0 if none): a newline never splits a character there. */
function lastLineEnd(buf: Buffer, enc: Resolved): number {
  if (enc === 'utf-8' || enc === 'windows-1252') return buf.lastIndexOf(0x0a) + 1;
  const hi = enc === 'utf-16le' ? 1 : 0;
  for (let i = (buf.length & ~1) - 2; i >= 0; i -= 2) {
    if (buf[i + hi] === 0 && buf[i + 1 - hi] === 0x0a) return i + 2;
  }
  return 0;
}

const countNewlines = (s: string) => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

/** windows-1252's 0x80–0x9F (WHATWG index; the five unassigned bytes map to the C1 controls, as browsers do). */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Node 20's TextDecoder reads 'windows-1252' as ISO-8859-1 (0x80 → U+0080, not €): decoded here instead. */
const cp1252 = {
  decode: (bytes: Buffer) => bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]),
};

function decoderFor(enc: Resolved): { decode(bytes: Buffer): string } {
  return enc === 'windows-1252' ? cp1252 : new TextDecoder(enc, { fatal: true, ignoreBOM: true });
}

const WHAT: Record<Resolved, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'windows-1252', 'utf-16le': 'UTF-16', 'utf-16be': 'UTF-16' };

/**
 * An incremental decoder: `push` chunks of bytes, get text back, whole lines at a time; `end` returns the
 * rest. Throws TextDecodeError naming the 1-based line of the first invalid sequence or NUL.
 */
export interface LineDecoder {
  push(chunk: Buffer): string;
  end(): string;
  /** The encoding actually used (after the byte-order mark, if any). */
  readonly encoding: Resolved;
  /** Source bytes decoded so far (for progress). */
  readonly bytesRead: number;
}

export function createLineDecoder(named?: TextEncoding): LineDecoder {
  let enc: Resolved | undefined;
  let decoder: { decode(bytes: Buffer): string };
  let carry: Buffer = Buffer.alloc(0);
  let line = 1;
  let bytesRead = 0;

  const decodeLines = (bytes: Buffer): string => {
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      // Find the line: decode line by line (only on the error path).
      let start = 0;
      for (;;) {
        const rest = bytes.subarray(start);
        const end = firstLineEnd(rest, enc!);
        const piece = end === 0 ? rest : rest.subarray(0, end);
        try {
          decoder.decode(piece);
        } catch {
          throw new TextDecodeError(line, 'encoding.invalid', `Line ${line} is not valid ${WHAT[enc!]}${enc === 'utf-8' ? ' (if the file comes from Windows or Excel, give its encoding, e.g. windows-1252)' : ''}.`);
        }
        line++;
        start += piece.length;
      }
    }
    const nul = text.indexOf('\u0000');
    if (nul !== -1) {
      const at = line + countNewlines(text.slice(0, nul));
      throw new TextDecodeError(at, 'encoding.nul_character', `Line ${at} contains a NUL character (U+0000), which no field accepts.`);
    }
    line += countNewlines(text);
    return text;
  };

  return {
    get encoding() {
      return enc ?? resolve(named, undefined);
    },
    get bytesRead() {
      return bytesRead;
    },
    push(chunk: Buffer): string {
      bytesRead += chunk.length;
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      if (enc === undefined) {
        if (buf.length < 3 && !detectBom(buf)) {
          carry = buf;
          return '';
        }
        const bom = detectBom(buf);
        enc = resolve(named, bom?.encoding);
        decoder = decoderFor(enc);
        if (bom) buf = buf.subarray(bom.length);
      }
      const end = lastLineEnd(buf, enc);
      carry = Buffer.from(buf.subarray(end));
      return end ? decodeLines(buf.subarray(0, end)) : '';
    },
    end(): string {
      if (enc === undefined) {
        const bom = detectBom(carry);
        enc = resolve(named, bom?.encoding);
        decoder = decoderFor(enc);
        if (bom) carry = carry.subarray(bom.length);
      }
      const rest = carry;
      carry = Buffer.alloc(0);
      return rest.length ? decodeLines(rest) : '';
    },
  };
}

/** Index just past the first line of `buf` (0 if it has no newline). */
function firstLineEnd(buf: Buffer, enc: Resolved): number {
  if (enc === 'utf-8' || enc === 'windows-1252') return buf.indexOf(0x0a) + 1;
  const hi = enc === 'utf-16le' ? 1 : 0;
  for (let i = 0; i + 1 < buf.length; i += 2) {
    if (buf[i + hi] === 0 && buf[i + 1 - hi] === 0x0a) return i + 2;
  }
  return 0;
}

/** Decodes a whole buffer strictly (a byte-order mark is honoured and removed). */
export function decodeText(buf: Buffer, named?: TextEncoding): { text: string; encoding: Resolved } {
  const d = createLineDecoder(named);
  const text = d.push(buf) + d.end();
  return { text, encoding: d.encoding };
}
