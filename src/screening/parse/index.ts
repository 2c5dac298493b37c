import { TextDecoder } from 'node:util';
import { decodeText, detectBom, TextDecodeError, type TextEncoding } from '../../platform/encoding.ts';
import { parseOfacSdnCsv } from './ofac-csv.ts';
import { parseOfacXml } from './ofac-xml.ts';
import { parseUnXml } from './un.ts';
import type { ListFormat, ParsedList, ProgressFn } from './types.ts';
import { MalformedListError } from './xml.ts';

export { MalformedListError } from './xml.ts';
export type * from './types.ts';

/** Recognises a list file from its first bytes (never from its name, which users rename). */
export function detectFormat(head: Buffer, encoding?: TextEncoding): ListFormat {
  const utf16 = detectBom(head)?.encoding.startsWith('utf-16') || encoding?.startsWith('utf-16');
  const text = utf16
    ? new TextDecoder(detectBom(head)?.encoding ?? (encoding === 'utf-16be' ? 'utf-16be' : 'utf-16le')).decode(head.subarray(0, 8192))
    : head.subarray(0, 4096).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  if (/<CONSOLIDATED_LIST[\s>]/.test(text)) return 'un_xml';
  if (/<sdnList[\s>]/.test(text)) return 'ofac_sdn_xml';
  if (/^\d+,"[^"]*",/.test(text.trimStart())) return 'ofac_sdn_csv';
  throw new MalformedListError(
    'Unrecognised list format: expected a UN Consolidated List XML, an OFAC sdnList XML or an OFAC SDN.CSV file.',
  );
}

/** The encoding an XML declaration names (`<?xml … encoding="ISO-8859-1"?>`), if it names one we read. */
function declaredEncoding(head: Buffer): TextEncoding | undefined {
  const name = /^<\?xml[^>]*\sencoding=["']([A-Za-z0-9._-]+)["']/.exec(head.subarray(0, 200).toString('latin1').replace(/^\xEF\xBB\xBF/, ''))?.[1].toLowerCase();
  if (!name || name === 'utf-8' || name === 'utf8') return undefined;
  if (['iso-8859-1', 'latin1', 'latin-1', 'windows-1252', 'cp1252'].includes(name)) return 'windows-1252';
  if (name.startsWith('utf-16')) return 'utf-16';
  throw new MalformedListError(`The XML declares the encoding "${name}", which Custodia does not read: convert the file to UTF-8.`, 1);
}

/**
 * Decodes strictly: a byte that is not valid in the file's encoding is refused with its line, never read as
 * U+FFFD. The encoding is the one given, else the byte-order mark, else the XML declaration, else UTF-8
 * for XML and windows-1252 for OFAC's SDN.CSV (published in Latin-1).
 */
function decode(content: Buffer, format: ListFormat, encoding: TextEncoding | undefined): string {
  const named = encoding ?? (detectBom(content) ? undefined : format === 'ofac_sdn_csv' ? 'windows-1252' : declaredEncoding(content));
  try {
    return decodeText(content, named).text;
  } catch (err) {
    if (err instanceof TextDecodeError) throw new MalformedListError(err.message, err.line);
    throw err;
  }
}

export async function parseList(content: Buffer, progress?: ProgressFn, encoding?: TextEncoding): Promise<ParsedList> {
  const format = detectFormat(content, encoding);
  const text = decode(content, format, encoding);
  if (format === 'ofac_sdn_csv') return parseOfacSdnCsv(text, progress);
  const parsed = format === 'un_xml' ? await parseUnXml(text, progress) : await parseOfacXml(text, progress);
  if (parsed.entries.length === 0) throw new MalformedListError('The file holds no entries.');
  return parsed;
}

export { parseOfacSdnCsv, parseOfacXml, parseUnXml };
