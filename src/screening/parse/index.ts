import { parseOfacSdnCsv } from './ofac-csv.ts';
import { parseOfacXml } from './ofac-xml.ts';
import { parseUnXml } from './un.ts';
import type { ListFormat, ParsedList, ProgressFn } from './types.ts';
import { MalformedListError } from './xml.ts';

export { MalformedListError } from './xml.ts';
export type * from './types.ts';

/** Recognises a list file from its first bytes (never from its name, which users rename). */
export function detectFormat(head: Buffer): ListFormat {
  const text = head.subarray(0, 4096).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '');
  if (/<CONSOLIDATED_LIST[\s>]/.test(text)) return 'un_xml';
  if (/<sdnList[\s>]/.test(text)) return 'ofac_sdn_xml';
  if (/^\d+,"[^"]*",/.test(text.trimStart())) return 'ofac_sdn_csv';
  throw new MalformedListError(
    'Unrecognised list format: expected a UN Consolidated List XML, an OFAC sdnList XML or an OFAC SDN.CSV file.',
  );
}

export async function parseList(content: Buffer, progress?: ProgressFn): Promise<ParsedList> {
  const format = detectFormat(content);
  if (format === 'ofac_sdn_csv') return parseOfacSdnCsv(content, progress);
  const text = content.toString('utf8');
  const parsed = format === 'un_xml' ? await parseUnXml(text, progress) : await parseOfacXml(text, progress);
  if (parsed.entries.length === 0) throw new MalformedListError('The file holds no entries.');
  return parsed;
}

export { parseOfacSdnCsv, parseOfacXml, parseUnXml };
