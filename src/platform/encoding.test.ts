import { describe, expect, it } from 'vitest';
import { createLineDecoder, decodeText, TextDecodeError } from './encoding.ts';

/** Feeds `buf` one byte at a time: every chunk boundary, including inside a character, must give the same text. */
function bytewise(buf: Buffer, encoding?: Parameters<typeof createLineDecoder>[0]): string {
  const d = createLineDecoder(encoding);
  let out = '';
  for (const b of buf) out += d.push(Buffer.from([b]));
  return out + d.end();
}

const failure = (fn: () => unknown): TextDecodeError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof TextDecodeError) return err;
    throw err;
  }
  throw new Error('expected a TextDecodeError');
};

describe('strict text decoding', () => {
  const text = 'kind,make\nfirearm,Armería Hércules\nfirearm,Škoda €\n';

  it('reads UTF-8, with or without a byte-order mark, across any chunk boundary', () => {
    expect(decodeText(Buffer.from(text)).text).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).text).toBe(text);
    expect(bytewise(Buffer.from(text))).toBe(text);
  });

  it('refuses invalid UTF-8 with the line it is on, never U+FFFD', () => {
    const latin1 = Buffer.from('kind,make\r\nfirearm,Glock\r\nfirearm,Armería\r\n', 'latin1');
    for (const e of [failure(() => decodeText(latin1)), failure(() => bytewise(latin1))]) {
      expect(e).toMatchObject({ line: 3, code: 'encoding.invalid' });
      expect(e.message).toMatch(/Line 3 is not valid UTF-8.*windows-1252/);
    }
    // A truncated sequence at the very end of the file.
    expect(failure(() => decodeText(Buffer.from([0x61, 0x0a, 0x62, 0xc3])))).toMatchObject({ line: 2 });
  });

  it('reads windows-1252 and latin1 (the same, as browsers read it), € and œ included', () => {
    const cp1252 = Buffer.from([0x41, 0x72, 0x6d, 0x65, 0x72, 0xed, 0x61, 0x20, 0x80, 0x20, 0x9c, 0x0a]);
    expect(decodeText(cp1252, 'windows-1252').text).toBe('Armería € œ\n');
    expect(decodeText(cp1252, 'latin1').text).toBe('Armería € œ\n');
    expect(bytewise(cp1252, 'latin1')).toBe('Armería € œ\n');
  });

  it('reads UTF-16 by its byte-order mark (either order), or as named', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(be)).toEqual({ text, encoding: 'utf-16be' });
    expect(bytewise(be)).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf16le'), 'utf-16').text).toBe(text);
    // A lone surrogate on line 2.
    const broken = Buffer.concat([Buffer.from('a\n', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('b\n', 'utf16le')]);
    expect(failure(() => decodeText(broken, 'utf-16le'))).toMatchObject({ line: 2, code: 'encoding.invalid' });
  });

  it('refuses a NUL character with its line, and a byte-order mark that contradicts the encoding given', () => {
    expect(failure(() => decodeText(Buffer.from('a\nb\nc\u0000d\n')))).toMatchObject({ line: 3, code: 'encoding.nul_character' });
    expect(failure(() => decodeText(Buffer.from([0xff, 0xfe, 0x61, 0x00]), 'windows-1252'))).toMatchObject({ line: 1, code: 'encoding.bom_mismatch' });
  });
});
