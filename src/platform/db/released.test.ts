import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from './migrate.ts';
import { checkMigrationSet, migrationSha256, parseReleased, readReleased, releaseNewMigrations, RELEASED_FILE } from './released.ts';

describe('migrations/ (one global order: migrations/README.md)', () => {
  it('every migration is released in order, numbered 0001, 0002, … and unchanged since its release', () => {
    const problems = checkMigrationSet(MIGRATIONS_DIR).map((p) => p.message);
    expect(problems, `\n${problems.join('\n\n')}\n`).toEqual([]);
  });

  it('records the names the first ten files were released under, in the order they reached main', () => {
    const released = readReleased(MIGRATIONS_DIR);
    expect(released.slice(0, 10).map((r) => r.formerNames[0] ?? r.name)).toEqual([
      '0001_platform.sql',
      '0100_registry.sql',
      '0400_reference_embargo.sql',
      '0500_licensing.sql',
      '0180_registry_import.sql',
      '0600_screening.sql',
      '0300_audit_tree.sql',
      '0200_accounts.sql',
      '0610_screening_drop_name_key.sql',
      '0220_accounts_auth_notify.sql',
    ]);
  });
});

describe('the migration-set check and `npm run migrations:release`', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /** A scratch migrations folder: `released` files are written and released, `fresh` only written. */
  function folder(released: string[], fresh: string[] = []): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-migrations-'));
    dirs.push(dir);
    for (const f of released) fs.writeFileSync(path.join(dir, f), `-- ${f}\nSELECT 1;\n`);
    expect(releaseNewMigrations(dir)).toEqual({ appended: released, problems: [] });
    for (const f of fresh) fs.writeFileSync(path.join(dir, f), `-- ${f}\nSELECT 2;\n`);
    return dir;
  }
  const messages = (dir: string) => checkMigrationSet(dir).map((p) => p.message);

  it('accepts a released folder and asks for the release of a new file that takes the next number', () => {
    expect(messages(folder(['0001_a.sql', '0002_b.sql']))).toEqual([]);
    const dir = folder(['0001_a.sql', '0002_b.sql'], ['0003_c.sql']);
    expect(messages(dir)).toEqual(['migrations/0003_c.sql is new and not yet in migrations/released.txt: run npm run migrations:release and commit migrations/released.txt with the file.']);
    expect(releaseNewMigrations(dir)).toEqual({ appended: ['0003_c.sql'], problems: [] });
    expect(messages(dir)).toEqual([]);
    expect(readReleased(dir).map((r) => r.name)).toEqual(['0001_a.sql', '0002_b.sql', '0003_c.sql']);
  });

  it('refuses a new file that sorts before a released one, naming the rename to make', () => {
    const dir = folder(['0001_a.sql', '0002_b.sql', '0003_c.sql'], ['0002_lockout.sql']);
    const [problem] = messages(dir);
    expect(problem).toContain('migrations/0002_lockout.sql is not released yet and its number does not follow the last released migration (0003_c.sql)');
    expect(problem).toContain('git mv migrations/0002_lockout.sql migrations/0004_lockout.sql, then run npm run migrations:release');
    const release = releaseNewMigrations(dir);
    expect(release.appended).toEqual([]);
    expect(release.problems).toEqual([problem]);
    expect(fs.readFileSync(path.join(dir, RELEASED_FILE), 'utf8')).not.toContain('0002_lockout.sql');
  });

  it('refuses a number taken twice after a rebase kept both lines, and says which to rename', () => {
    const dir = folder(['0001_a.sql', '0002_ops.sql']);
    fs.writeFileSync(path.join(dir, '0002_lockout.sql'), 'SELECT 3;\n');
    fs.appendFileSync(path.join(dir, RELEASED_FILE), `0002_lockout.sql ${migrationSha256(dir, '0002_lockout.sql')}\n`);
    const [problem] = messages(dir);
    expect(problem).toContain('migrations/released.txt line');
    expect(problem).toContain('0002_lockout.sql should be number 0003 (it follows 0002_ops.sql)');
    expect(problem).toContain("keep main's lines first, then yours");
    expect(problem).toContain('git mv migrations/0002_lockout.sql migrations/0003_lockout.sql');
  });

  it('refuses a released file that changed or disappeared', () => {
    const dir = folder(['0001_a.sql', '0002_b.sql']);
    fs.appendFileSync(path.join(dir, '0001_a.sql'), 'ALTER TABLE x ADD COLUMN y int;\n');
    fs.rmSync(path.join(dir, '0002_b.sql'));
    const problems = messages(dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^migrations\/0001_a\.sql changed after it was released .* restore it \(git checkout main -- migrations\/0001_a\.sql\) and put the change in a new migration/);
    expect(problems[1]).toMatch(/^migrations\/0002_b\.sql is released \(migrations\/released\.txt line \d+\) but missing/);
  });

  it('ignores line endings: a CRLF checkout of a released file still matches', () => {
    const dir = folder(['0001_a.sql']);
    fs.writeFileSync(path.join(dir, '0001_a.sql'), '-- 0001_a.sql\r\nSELECT 1;\r\n');
    expect(messages(dir)).toEqual([]);
  });

  it('refuses a badly named .sql file and a reused former name', () => {
    const dir = folder(['0001_a.sql']);
    fs.writeFileSync(path.join(dir, '12_Extra.sql'), 'SELECT 1;\n');
    expect(messages(dir)[0]).toMatch(/^migrations\/12_Extra\.sql: a migration is named NNNN_words\.sql/);

    const renamed = folder(['0001_a.sql', '0002_b.sql']);
    const list = path.join(renamed, RELEASED_FILE);
    fs.writeFileSync(list, fs.readFileSync(list, 'utf8').replace(/^(0002_b\.sql\s+[0-9a-f]{64})$/m, '$1 0100_b.sql'));
    fs.writeFileSync(path.join(renamed, '0100_b.sql'), 'SELECT 1;\n');
    expect(messages(renamed)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^migrations\/0100_b\.sql is a former name of 0002_b\.sql/)]),
    );
  });

  it('reads the list: comments and former names; a malformed line names its number', () => {
    const sha = 'a'.repeat(64);
    expect(parseReleased(`# head\n\n0001_a.sql ${sha}\n0002_b.sql ${sha} 0100_b.sql  # renamed\n`)).toEqual([
      { name: '0001_a.sql', sha256: sha, formerNames: [], line: 3 },
      { name: '0002_b.sql', sha256: sha, formerNames: ['0100_b.sql'], line: 4 },
    ]);
    expect(() => parseReleased(`0001_a.sql ${sha}\n0002_b.sql\n`)).toThrow(/line 2 is not "NNNN_name\.sql <sha256> \[former names\]"/);
    expect(() => parseReleased(`0001_a.sql ${sha}\n<<<<<<< HEAD\n`)).toThrow(/line 2 is a merge-conflict marker: .* Keep main's lines, delete your line/);
  });
});
