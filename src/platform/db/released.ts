import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The committed record of released migrations (`migrations/released.txt`): one line per file, in the
 * order the files reached `main`, with the SHA-256 of each file and the names it was released under
 * before (nodes that applied it under such a name have that name in `schema_migrations`; the runner
 * renames it). Numbers run 0001, 0002, … in that order, so the order of names is the order every node
 * applied them in. `checkMigrationSet` holds a migrations folder to that; `npm run migrations:release`
 * appends new files. See migrations/README.md.
 */
export const RELEASED_FILE = 'released.txt';
export const RELEASE_COMMAND = 'npm run migrations:release';

/** `NNNN_words.sql`: four digits, then lower-case words joined by underscores. */
export const MIGRATION_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export interface ReleasedMigration {
  name: string;
  sha256: string;
  /** Names this file was released under before a rename; upgraded nodes may have recorded one of them. */
  formerNames: string[];
  /** 1-based line in released.txt, for messages. */
  line: number;
}

export function migrationNumber(name: string): number {
  const m = MIGRATION_NAME.exec(name);
  return m ? Number(m[1]) : Number.NaN;
}

export function numbered(n: number, name: string): string {
  const rest = MIGRATION_NAME.exec(name)?.[2] ?? name.replace(/^\d*_?/, '').replace(/\.sql$/, '');
  return `${String(n).padStart(4, '0')}_${rest}.sql`;
}

/** The `.sql` files of `dir` that the runner applies, in name order (= release order). */
export function migrationFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => MIGRATION_NAME.test(f))
    .sort();
}

/** SHA-256 of a migration with LF line endings, so a checkout that rewrites line endings still matches. */
export function migrationSha256(dir: string, name: string): string {
  const text = fs.readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class ReleasedListError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleasedListError';
  }
}

export function parseReleased(text: string): ReleasedMigration[] {
  const out: ReleasedMigration[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    if (/^(<<<<<<<|=======|>>>>>>>|\|\|\|\|\|\|\|)/.test(raw)) {
      throw new ReleasedListError(
        `migrations/${RELEASED_FILE} line ${i + 1} is a merge-conflict marker: main released a migration while you added yours. ` +
          `Keep main's lines, delete your line and the markers, rename your file to the number after main's last line ` +
          `(git mv migrations/<yours>.sql migrations/<next>_<words>.sql) and run ${RELEASE_COMMAND}.`,
      );
    }
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    const [name, sha256, ...formerNames] = line.split(/\s+/);
    if (!MIGRATION_NAME.test(name) || !/^[0-9a-f]{64}$/.test(sha256 ?? '') || formerNames.some((f) => !MIGRATION_NAME.test(f))) {
      throw new ReleasedListError(
        `migrations/${RELEASED_FILE} line ${i + 1} is not "NNNN_name.sql <sha256> [former names]": ${JSON.stringify(raw)}. ` +
          `Restore the line as it is on main (git checkout main -- migrations/${RELEASED_FILE}) and run ${RELEASE_COMMAND}.`,
      );
    }
    out.push({ name, sha256, formerNames, line: i + 1 });
  }
  return out;
}

/** The released list of `dir`, or none when the folder has no list (a test's scratch folder). */
export function readReleased(dir: string): ReleasedMigration[] {
  const file = path.join(dir, RELEASED_FILE);
  return fs.existsSync(file) ? parseReleased(fs.readFileSync(file, 'utf8')) : [];
}

/** Former name → current name, for the runner to rename what upgraded nodes recorded. */
export function formerNameMap(released: ReleasedMigration[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const r of released) for (const f of r.formerNames) map.set(f, r.name);
  return map;
}

export interface MigrationProblem {
  /** A sentence naming the file and saying what to do. */
  message: string;
  /** A new, well-numbered file only missing from the released list: what the release command fixes. */
  unreleased: boolean;
}

/** Everything wrong with a migrations folder against its released list. Empty when the folder is right. */
export function checkMigrationSet(dir: string): MigrationProblem[] {
  let released: ReleasedMigration[];
  try {
    released = readReleased(dir);
  } catch (err) {
    return [{ message: (err as Error).message, unreleased: false }];
  }
  const problems: string[] = [];
  const unreleased: string[] = [];
  const where = `migrations/${RELEASED_FILE}`;
  const sqlFiles = fs.readdirSync(dir).filter((f) => f.endsWith('.sql'));
  const files = new Set(sqlFiles.filter((f) => MIGRATION_NAME.test(f)));
  const listed = new Set(released.map((r) => r.name));

  for (const f of sqlFiles) {
    if (!MIGRATION_NAME.test(f)) {
      problems.push(
        `migrations/${f}: a migration is named NNNN_words.sql (four digits, lower-case words joined by underscores), or the runner ignores it. ` +
          `Rename it (git mv migrations/${f} migrations/<NNNN>_<words>.sql with the next free number) and run ${RELEASE_COMMAND}.`,
      );
    }
  }

  const seenNames = new Map<string, number>();
  released.forEach((r, i) => {
    const expected = i + 1;
    const n = migrationNumber(r.name);
    if (n !== expected) {
      const before = i > 0 ? released[i - 1].name : undefined;
      problems.push(
        `${where} line ${r.line}: ${r.name} should be number ${String(expected).padStart(4, '0')}` +
          (before ? ` (it follows ${before})` : '') +
          `. Migrations are numbered 0001, 0002, … in the order they reach main, so that every node applies them in one order. ` +
          `Lines already on main never change or move: keep main's lines first, then yours. If ${r.name} is yours (not yet on main), ` +
          `delete its line, rename it to the next free number (git mv migrations/${r.name} migrations/${numbered(released.length, r.name)}, ` +
          `or the next after that if you have several) and run ${RELEASE_COMMAND}.`,
      );
    }
    for (const name of [r.name, ...r.formerNames]) {
      const other = seenNames.get(name);
      if (other !== undefined) problems.push(`${where} line ${r.line}: ${name} is already named on line ${other}; every current and former name is used once.`);
      else seenNames.set(name, r.line);
    }
    for (const f of r.formerNames) {
      if (files.has(f)) problems.push(`migrations/${f} is a former name of ${r.name} (${where} line ${r.line}); a new migration takes a new name: git mv it to the next free number and run ${RELEASE_COMMAND}.`);
    }
    if (!files.has(r.name)) {
      problems.push(
        `migrations/${r.name} is released (${where} line ${r.line}) but missing. Nodes in the field have applied it: restore it (git checkout main -- migrations/${r.name}). ` +
          `A released file is never removed; to undo what it did, add a new migration.`,
      );
    } else {
      const sha = migrationSha256(dir, r.name);
      if (sha !== r.sha256) {
        problems.push(
          `migrations/${r.name} changed after it was released (${where} line ${r.line} has sha256 ${r.sha256.slice(0, 12)}…, the file now ${sha.slice(0, 12)}…). ` +
            `Nodes that applied it never run it again, so a fresh install would no longer match them: restore it (git checkout main -- migrations/${r.name}) ` +
            `and put the change in a new migration. If ${r.name} is yours and not yet on main, delete its line from ${where} and run ${RELEASE_COMMAND}.`,
        );
      }
    }
  });

  const last = released.at(-1);
  let next = released.length + 1;
  for (const f of [...files].filter((x) => !listed.has(x)).sort()) {
    if (migrationNumber(f) !== next) {
      const target = numbered(next, f);
      problems.push(
        `migrations/${f} is not released yet and its number does not follow the last released migration` +
          (last ? ` (${last.name})` : '') +
          `: migrations apply in one order on every node, so a new file takes the next number. ` +
          `Rename it: git mv migrations/${f} migrations/${target}, then run ${RELEASE_COMMAND} and commit ${where} with it.`,
      );
    } else {
      unreleased.push(`migrations/${f} is new and not yet in ${where}: run ${RELEASE_COMMAND} and commit ${where} with the file.`);
    }
    next += 1;
  }
  return [...problems.map((message) => ({ message, unreleased: false })), ...unreleased.map((message) => ({ message, unreleased: true }))];
}

/**
 * `npm run migrations:release`: appends the new files of the folder to its released list, once the folder
 * has no other problem (a new file that does not take the next number is refused with the rename to do).
 */
export function releaseNewMigrations(dir: string): { appended: string[]; problems: string[] } {
  const problems = checkMigrationSet(dir)
    .filter((p) => !p.unreleased)
    .map((p) => p.message);
  if (problems.length > 0) return { appended: [], problems };
  const listed = new Set(readReleased(dir).map((r) => r.name));
  const fresh = migrationFiles(dir).filter((f) => !listed.has(f));
  const file = path.join(dir, RELEASED_FILE);
  let text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (text !== '' && !text.endsWith('\n')) text += '\n';
  for (const f of fresh) text += `${f.padEnd(40)} ${migrationSha256(dir, f)}\n`;
  fs.writeFileSync(file, text);
  return { appended: fresh, problems: [] };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const dir = process.argv[2] ? path.resolve(process.argv[2]) : fileURLToPath(new URL('../../../migrations/', import.meta.url));
  const { appended, problems } = releaseNewMigrations(dir);
  for (const p of problems) process.stderr.write(`${p}\n\n`);
  if (problems.length > 0) process.exitCode = 1;
  else process.stdout.write(appended.length > 0 ? `released: ${appended.join(', ')}\n` : `nothing new: every migration is in migrations/${RELEASED_FILE}\n`);
}
