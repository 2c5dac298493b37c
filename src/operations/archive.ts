import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { checkParts, MANIFEST_NAME, manifestSchema, type ArchiveProblem, type Manifest, type ManifestPart } from './model.ts';
import { listTar, memberStream, TarFormatError, type TarMember, type TarSource } from './tar.ts';

/** Reading and writing backup archives on disk: the manifest first, then the parts it lists. */

export async function sha256File(file: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  return { bytes, sha256: hash.digest('hex') };
}

export function sha256Buffer(b: Buffer): { bytes: number; sha256: string } {
  return { bytes: b.length, sha256: createHash('sha256').update(b).digest('hex') };
}

export interface KeyFile {
  name: string;
  content: Buffer;
  mode: number;
}

/** The files of the node's keys directory (private key, published JWK set), as they are now. */
export function readKeyFiles(keysDir: string): KeyFile[] {
  return fs
    .readdirSync(keysDir, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.tmp'))
    .map((e) => {
      const file = path.join(keysDir, e.name);
      return { name: e.name, content: fs.readFileSync(file), mode: fs.statSync(file).mode & 0o777 };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The members of an archive in the order they are written: manifest, database, keys. */
export function archiveSources(manifest: Manifest, databaseFile: string, keys: readonly KeyFile[]): TarSource[] {
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const db = manifest.parts.find((p) => p.role === 'database')!;
  return [
    { name: MANIFEST_NAME, size: manifestBytes.length, content: manifestBytes },
    { name: db.name, size: db.bytes, content: { file: databaseFile } },
    ...keys.map((k) => ({ name: `keys/${k.name}`, size: k.content.length, mode: k.mode, content: k.content })),
  ];
}

export function keyParts(keys: readonly KeyFile[]): ManifestPart[] {
  return keys.map((k) => ({ name: `keys/${k.name}`, role: 'key' as const, ...sha256Buffer(k.content) }));
}

export interface CheckedArchive {
  manifest: Manifest | null;
  members: Map<string, TarMember>;
  problems: ArchiveProblem[];
}

const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/**
 * Reads an archive's manifest and re-hashes every part (streaming; nothing is extracted). Any problem
 * (not a tar file, no manifest, a part missing, altered or unexpected) is listed, naming the part.
 */
export async function checkArchive(file: string): Promise<CheckedArchive> {
  let list: TarMember[];
  try {
    list = await listTar(file);
  } catch (err) {
    if (err instanceof TarFormatError) return { manifest: null, members: new Map(), problems: [{ part: path.basename(file), code: 'operations.archive_format', message: err.message }] };
    throw err;
  }
  const members = new Map<string, TarMember>();
  for (const m of list) {
    if (members.has(m.name)) return { manifest: null, members, problems: [{ part: m.name, code: 'operations.archive_part_duplicate', message: `${m.name} appears twice in the archive` }] };
    members.set(m.name, m);
  }
  const first = list[0];
  if (!first || first.name !== MANIFEST_NAME || first.size > MAX_MANIFEST_BYTES) {
    return { manifest: null, members, problems: [{ part: MANIFEST_NAME, code: 'operations.archive_manifest_missing', message: `the archive does not start with ${MANIFEST_NAME}: not a Custodia backup` }] };
  }
  const chunks: Buffer[] = [];
  for await (const c of memberStream(file, first)) chunks.push(c as Buffer);
  let manifest: Manifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      return { manifest: null, members, problems: [{ part: MANIFEST_NAME, code: 'operations.archive_manifest_invalid', message: `the manifest is not a Custodia backup manifest of format 1 (${issues})` }] };
    }
    manifest = parsed.data;
  } catch {
    return { manifest: null, members, problems: [{ part: MANIFEST_NAME, code: 'operations.archive_manifest_invalid', message: 'the manifest is not JSON' }] };
  }
  const found = new Map<string, { bytes: number; sha256: string }>();
  for (const m of list.slice(1)) {
    const hash = createHash('sha256');
    for await (const c of memberStream(file, m)) hash.update(c as Buffer);
    found.set(m.name, { bytes: m.size, sha256: hash.digest('hex') });
  }
  return { manifest, members, problems: checkParts(manifest, found) };
}

/** Copies one member of the archive to `dest`. */
export async function extractMember(file: string, member: TarMember, dest: string, mode = 0o600): Promise<void> {
  await pipeline(memberStream(file, member), fs.createWriteStream(dest, { mode }));
}
