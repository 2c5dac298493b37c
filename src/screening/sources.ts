import { AppError, PROBLEM_BASE } from '../platform/http/errors.ts';

/**
 * Where each list is published: the publishers' own addresses of the files `custodia lists fetch`
 * downloads, each overridable by an environment variable (a mirror inside the State's network, or a
 * test server). A node without internet imports the files with `custodia lists import FILE`.
 */
export const LIST_SOURCES = {
  un: {
    title: 'UN Security Council Consolidated List (XML)',
    env: 'CUSTODIA_LIST_URL_UN',
    url: 'https://scsanctions.un.org/resources/xml/en/consolidated.xml',
    page: 'https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list',
  },
  ofac: {
    title: 'US Treasury OFAC Specially Designated Nationals list (SDN.XML, sdnList schema)',
    env: 'CUSTODIA_LIST_URL_OFAC',
    url: 'https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML',
    page: 'https://ofac.treasury.gov/sanctions-list-service',
  },
} as const;

export type ListName = keyof typeof LIST_SOURCES;
export const LIST_NAMES = Object.keys(LIST_SOURCES) as ListName[];

export function listSourceUrl(list: ListName, env: NodeJS.ProcessEnv = process.env): string {
  return env[LIST_SOURCES[list].env]?.trim() || LIST_SOURCES[list].url;
}

/** The largest list file accepted (OFAC's advanced XML is over 100 MB; the files fetched are smaller). */
const MAX_BYTES = 256 * 1024 * 1024;

function downloadFailed(url: string, why: string): AppError {
  return new AppError(502, `${PROBLEM_BASE}list-download`, 'The list could not be downloaded', `${url}: ${why}. Nothing was imported.`, [
    { field: 'url', message: why, code: 'screening.list_download_failed' },
  ]);
}

/**
 * Downloads one list file (redirects followed); any answer but 200 with a body refuses it. The file's
 * name is the last segment of the address it came from (SDN.XML, consolidated.xml).
 */
export async function downloadListFile(url: string, timeoutMs = 300_000): Promise<{ content: Buffer; fileName: string }> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'custodia lists fetch' } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw downloadFailed(url, cause?.code ?? cause?.message ?? (err as Error).message);
  }
  if (res.status !== 200) {
    await res.body?.cancel();
    throw downloadFailed(url, `HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > MAX_BYTES) {
    await res.body?.cancel();
    throw downloadFailed(url, `${declared} bytes is more than a list file can be`);
  }
  const content = Buffer.from(await res.arrayBuffer());
  if (content.length === 0) throw downloadFailed(url, 'empty answer');
  if (content.length > MAX_BYTES) throw downloadFailed(url, `${content.length} bytes is more than a list file can be`);
  const fileName = decodeURIComponent(new URL(res.url || url).pathname.split('/').pop() ?? '');
  return { content, fileName: fileName || 'list.xml' };
}
