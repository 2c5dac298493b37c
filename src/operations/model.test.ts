import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Buffer } from './archive.ts';
import { backupFileName, buildManifest, checkParts, countDifferences, dependencyOrder, replacedName, unknownMigrations, type Manifest } from './model.ts';
import { listTar, memberStream, tarLength, tarStream, TarFormatError } from './tar.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-ops-model-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function manifest(parts: Manifest['parts'], engine: Manifest['engine'] = 'postgres'): Manifest {
  return buildManifest({
    id: '01900000-0000-7000-8000-000000000000',
    createdAt: new Date('2026-06-01T10:00:00Z'),
    custodiaVersion: '0.1.0',
    state: 'XC',
    engine,
    facts: { serverVersion: 'PostgreSQL 15', migrations: ['0001_platform.sql'], audit: { treeSize: 3, rootHash: 'AAAA', latestCheckpoint: null }, tables: { audit_log: 3 } },
    parts,
  });
}

describe('backup archive rules', () => {
  const db = { name: 'database/postgres.pgdump', role: 'database' as const, ...sha256Buffer(Buffer.from('dump')) };
  const key = { name: 'keys/node-ed25519.pem', role: 'key' as const, ...sha256Buffer(Buffer.from('key')) };
  const found = (entries: [string, Buffer][]) => new Map(entries.map(([n, b]) => [n, sha256Buffer(b)]));

  it('accepts an archive whose every part has the manifest size and SHA-256', () => {
    expect(checkParts(manifest([db, key]), found([[db.name, Buffer.from('dump')], [key.name, Buffer.from('key')]]))).toEqual([]);
  });

  it('names the part that is missing, altered, of another size or not in the manifest', () => {
    const problems = checkParts(
      manifest([db, key]),
      found([
        [db.name, Buffer.from('dumq')],
        ['keys/extra.pem', Buffer.from('x')],
      ]),
    );
    expect(problems.map((p) => [p.part, p.code])).toEqual([
      [db.name, 'operations.archive_part_hash'],
      [key.name, 'operations.archive_part_missing'],
      ['keys/extra.pem', 'operations.archive_part_unexpected'],
    ]);
    expect(checkParts(manifest([db]), found([[db.name, Buffer.from('dump!')]]))[0].code).toBe('operations.archive_part_size');
  });

  it('requires exactly one database part of the manifest engine and keys directly under keys/', () => {
    expect(checkParts(manifest([db], 'pglite'), found([[db.name, Buffer.from('dump')]])).map((p) => p.code)).toEqual(['operations.archive_database_part']);
    const nested = { ...key, name: 'keys/sub/k.pem' };
    expect(checkParts(manifest([db, nested]), found([[db.name, Buffer.from('dump')], [nested.name, Buffer.from('key')]])).map((p) => p.code)).toEqual(['operations.archive_key_part']);
  });

  it('knows an archive from a newer Custodia by its unknown migrations', () => {
    expect(unknownMigrations({ migrations: ['0001_a.sql', '0999_future.sql'] }, ['0001_a.sql', '0100_b.sql'])).toEqual(['0999_future.sql']);
    expect(unknownMigrations({ migrations: ['0001_a.sql'] }, ['0001_a.sql', '0100_b.sql'])).toEqual([]);
  });

  it('lists the tables whose counts differ, including a table missing on one side', () => {
    expect(countDifferences({ a: 1, b: 2, c: 3 }, { a: 1, b: 5, d: 0 })).toEqual([
      { table: 'b', expected: 2, actual: 5 },
      { table: 'c', expected: 3, actual: null },
      { table: 'd', expected: null, actual: 0 },
    ]);
  });

  it('orders tables after the tables their foreign keys reference, and refuses a cycle', () => {
    const order = dependencyOrder(['events', 'items', 'parties', 'markings'], [
      { table: 'items', references: 'parties' },
      { table: 'events', references: 'items' },
      { table: 'events', references: 'parties' },
      { table: 'markings', references: 'items' },
      { table: 'parties', references: 'parties' },
    ]);
    expect(order.indexOf('parties')).toBeLessThan(order.indexOf('items'));
    expect(order.indexOf('items')).toBeLessThan(order.indexOf('events'));
    expect(order.indexOf('items')).toBeLessThan(order.indexOf('markings'));
    expect(() => dependencyOrder(['a', 'b'], [{ table: 'a', references: 'b' }, { table: 'b', references: 'a' }])).toThrow(/cycle/);
  });

  it('names backup files and moved-aside directories by UTC time', () => {
    const at = new Date('2026-06-01T10:02:03.456Z');
    expect(backupFileName('XC', at)).toBe('custodia-backup-XC-20260601T100203Z.tar');
    expect(replacedName('/var/lib/custodia/pgdata', at)).toBe('/var/lib/custodia/pgdata.before-restore-20260601T100203Z');
  });
});

describe('ustar writer and reader', () => {
  it('writes an archive that tar(1) lists and extracts, and reads it back member by member', async () => {
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, Buffer.alloc(70_000, 7));
    const sources = [
      { name: 'manifest.json', size: 2, content: Buffer.from('{}') },
      { name: 'database/big.bin', size: 70_000, content: { file: big } },
      { name: 'keys/empty', size: 0, mode: 0o600, content: Buffer.alloc(0) },
    ];
    const file = path.join(dir, 'a.tar');
    await pipeline(tarStream(sources), fs.createWriteStream(file));
    expect(fs.statSync(file).size).toBe(tarLength(sources));
    expect(execFileSync('tar', ['tf', file]).toString().trim().split('\n')).toEqual(['manifest.json', 'database/big.bin', 'keys/empty']);
    const out = path.join(dir, 'x');
    fs.mkdirSync(out);
    execFileSync('tar', ['xf', file, '-C', out]);
    expect(fs.readFileSync(path.join(out, 'database/big.bin'))).toEqual(fs.readFileSync(big));

    const members = await listTar(file);
    expect(members.map((m) => [m.name, m.size, m.mode])).toEqual([
      ['manifest.json', 2, 0o644],
      ['database/big.bin', 70_000, 0o644],
      ['keys/empty', 0, 0o600],
    ]);
    const chunks: Buffer[] = [];
    for await (const c of memberStream(file, members[1])) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks)).toEqual(fs.readFileSync(big));
  });

  it('reads an archive written by tar(1)', async () => {
    const src = path.join(dir, 'src');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'hello.txt'), 'hello');
    const file = path.join(dir, 'gnu.tar');
    execFileSync('tar', ['--format=ustar', '-cf', file, '-C', src, 'hello.txt']);
    const [m] = await listTar(file);
    expect([m.name, m.size]).toEqual(['hello.txt', 5]);
  });

  it('refuses unsafe names, links, bad checksums and truncation', async () => {
    expect(() => tarStream([{ name: '../etc/passwd', size: 1, content: Buffer.from('x') }])).toThrow(TarFormatError);
    const src = path.join(dir, 'links');
    fs.mkdirSync(src);
    fs.writeFileSync(path.join(src, 'f'), 'x');
    fs.symlinkSync('f', path.join(src, 'l'));
    const linked = path.join(dir, 'links.tar');
    execFileSync('tar', ['--format=ustar', '-cf', linked, '-C', src, 'l']);
    await expect(listTar(linked)).rejects.toThrow(/not a regular file/);

    const good = path.join(dir, 'good.tar');
    await pipeline(tarStream([{ name: 'a', size: 600, content: Buffer.alloc(600, 1) }]), fs.createWriteStream(good));
    const bytes = fs.readFileSync(good);
    const badSum = Buffer.from(bytes);
    badSum[0] = 'b'.charCodeAt(0);
    fs.writeFileSync(path.join(dir, 'badsum.tar'), badSum);
    await expect(listTar(path.join(dir, 'badsum.tar'))).rejects.toThrow(/checksum/);
    fs.writeFileSync(path.join(dir, 'short.tar'), bytes.subarray(0, 700));
    await expect(listTar(path.join(dir, 'short.tar'))).rejects.toThrow(/truncated/);
  });
});
