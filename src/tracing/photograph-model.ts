import type { FieldError } from '../platform/http/errors.ts';

/**
 * Photographs of recovered items (ISACS 05.31 lists them among a traced weapon's fields), pure: which
 * images are accepted, decided by the bytes' signature and never by the file's name (a text file named
 * `.jpg` is not a photograph), and how large one may be (a setting).
 */

export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoMediaType = (typeof PHOTO_MEDIA_TYPES)[number];

/** At most this many photographs in one upload (a form's selection, or one command). */
export const MAX_PHOTOS_PER_UPLOAD = 10;

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The image type the bytes say they are (JPEG SOI marker, PNG signature, RIFF…WEBP), or null. */
export function sniffImageType(bytes: Uint8Array): PhotoMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

export const PHOTO_EXTENSION: Record<PhotoMediaType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The largest photograph accepted, from CUSTODIA_TRACING_PHOTO_MAX_BYTES (default 10 MiB). */
export function photoMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.CUSTODIA_TRACING_PHOTO_MAX_BYTES;
  if (v === undefined || v === '') return 10 * 1024 * 1024;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1024 || n > 100 * 1024 * 1024) {
    throw new Error(`CUSTODIA_TRACING_PHOTO_MAX_BYTES must be a whole number of bytes (1024–104857600), got "${v}"`);
  }
  return n;
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MiB`;

export function tooLargeError(field: string, fileName: string | null, maxBytes: number): FieldError {
  return {
    field,
    code: 'photograph.too_large',
    message: `${fileName ? `"${fileName}"` : 'The file'} is larger than ${mib(maxBytes)}, the largest photograph accepted.`,
  };
}

/** What is wrong with one uploaded file, or nothing: its type comes from its bytes. */
export function photoFileErrors(field: string, file: { content: Uint8Array; fileName: string | null }, maxBytes: number): FieldError[] {
  if (file.content.length === 0) return [{ field, code: 'photograph.empty', message: `${file.fileName ? `"${file.fileName}"` : 'The file'} is empty.` }];
  if (file.content.length > maxBytes) return [tooLargeError(field, file.fileName, maxBytes)];
  if (!sniffImageType(file.content)) {
    return [
      {
        field,
        code: 'photograph.type_not_allowed',
        message: `${file.fileName ? `"${file.fileName}"` : 'The file'} is not a JPEG, PNG or WebP image (its content says so, whatever its name).`,
      },
    ];
  }
  return [];
}

/** The name a downloaded photograph is given: its recovered item and the start of its hash. */
export function photoFileName(itemReference: string, sha256: string, mediaType: PhotoMediaType): string {
  return `${itemReference.replace(/[^A-Za-z0-9-]+/g, '_')}-${sha256.slice(0, 12)}.${PHOTO_EXTENSION[mediaType]}`;
}
