import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createAuditService } from '../audit/service.ts';
import type { Catalog } from '../platform/module.ts';
import type { VerifyReport } from '../audit/verify.ts';
import { type Actor } from '../platform/auth/actor.ts';
import { recordAudit } from '../platform/audit/record.ts';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { restorePgliteDataDir, restorePostgresDump } from '../platform/db/dump.ts';
import { acquireDataDirLock } from '../platform/db/lock.ts';
import { knownMigrationNames } from '../platform/db/migrate.ts';
import { openDatabase } from '../platform/db/open.ts';
import { openPglite } from '../platform/db/pglite.ts';
import { openPostgres, redactUrl } from '../platform/db/postgres.ts';
import type { Db, Engine } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ConflictError, RuleViolationError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { KEY_FILES } from '../platform/crypto/keys.ts';
import { checkArchive, extractMember } from './archive.ts';
import { readSnapshotFacts } from './backup.ts';
import { countDifferences, replacedName, unknownMigrations, type ArchiveProblem, type Manifest } from './model.ts';
import * as store from './store.ts';

/**
 * `custodia restore FILE`: checks every part of the archive against its manifest before touching
 * anything, refuses a target that already holds a database or keys unless `--force` (which moves an
 * embedded node's directories aside, never deletes them), restores the database and the keys, compares
 * every table's count and the audit root with the manifest, and ends with a full `audit verify`.
 * The server must be stopped (the embedded data directory's lock says so).
 */
export interface RestoreOptions {
  force: boolean;
  actor: Actor;
  clock: Clock;
  log: Deps['log'];
  /** How to re-read every audited entity (the module list's catalog), for the audit verification that ends a restore. */
  auditedEntities: Catalog['auditedEntities'];
  /** Progress lines for the operator. */
  onStep?: (message: string) => void;
}

export interface RestoreReport {
  ok: boolean;
  manifest: Manifest;
  target: string;
  /** Directories moved aside by --force. */
  movedAside: string[];
  countDifferences: ReturnType<typeof countDifferences>;
  audit: { treeSize: number; rootHash: string; matchesManifest: boolean };
  verify: VerifyReport;
  /** The restore's own audited record (absent when verification failed). */
  runId: string | null;
}

export class ArchiveRejectedError extends RuleViolationError {
  constructor(file: string, problems: ArchiveProblem[]) {
    super(
      `${file} cannot be restored: ${problems.length} problem(s) found before anything was changed.`,
      problems.map((p) => ({ field: p.part, code: p.code, message: p.message })),
    );
  }
}

/** Checks an archive without restoring it (`custodia restore FILE --check`). */
export async function checkBackupFile(file: string): Promise<Manifest> {
  const checked = await checkArchive(file);
  if (!checked.manifest || checked.problems.length > 0) throw new ArchiveRejectedError(file, checked.problems);
  const newer = unknownMigrations(checked.manifest, knownMigrationNames());
  if (newer.length > 0) {
    throw new ArchiveRejectedError(file, [
      { part: 'manifest.json', code: 'operations.archive_schema_newer', message: `made by a newer Custodia (${checked.manifest.custodiaVersion}): migrations ${newer.join(', ')} are unknown here; restore it with that version or later` },
    ]);
  }
  return checked.manifest;
}

function hasFiles(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

async function openRaw(config: Config): Promise<Db> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, 2) : openPglite(path.join(config.dataDir, 'pgdata'));
}

export async function restoreBackup(config: Config, file: string, options: RestoreOptions): Promise<RestoreReport> {
  const step = options.onStep ?? (() => undefined);
  step(`checking ${file}`);
  const manifest = await checkBackupFile(file);
  const { members } = await checkArchive(file);
  const engine: Engine = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.engine !== engine) {
    throw new ArchiveRejectedError(file, [
      {
        part: 'manifest.json',
        code: 'operations.archive_engine',
        message:
          manifest.engine === 'pglite'
            ? 'this is a backup of an embedded node: restore it without DATABASE_URL, then move it with `custodia migrate-to`'
            : 'this is a backup of a PostgreSQL node: set DATABASE_URL to an empty PostgreSQL database to restore it',
      },
    ]);
  }

  const pgdata = path.join(config.dataDir, 'pgdata');
  const target = engine === 'pglite' ? pgdata : redactUrl(config.databaseUrl!);
  const lock = engine === 'pglite' ? await acquireDataDirLock(config.dataDir, `custodia restore ${file}`) : undefined;
  const stage = await fs.promises.mkdtemp(path.join(engine === 'pglite' ? config.dataDir : os.tmpdir(), '.custodia-restore-'));
  const movedAside: string[] = [];
  let before: { counts: Record<string, number>; audit: { treeSize: number; rootHash: string } };
  try {
    // What is there already?
    let databaseInUse: boolean;
    let serverMajor = 0;
    if (engine === 'pglite') databaseInUse = fs.existsSync(path.join(pgdata, 'PG_VERSION'));
    else {
      const probe = await openPostgres(config.databaseUrl!, 1);
      try {
        databaseInUse = (await store.userRelationCount(probe)) > 0;
        const [v] = await probe.query<{ num: string }>(`SELECT current_setting('server_version_num') AS num`);
        serverMajor = Math.floor(Number(v.num) / 10000);
      } finally {
        await probe.close();
      }
    }
    const keysInUse = hasFiles(config.keysDir);
    if ((databaseInUse || keysInUse) && !options.force) {
      const what = [databaseInUse ? `the database ${target}` : null, keysInUse ? `the keys directory ${config.keysDir}` : null].filter(Boolean).join(' and ');
      throw new ConflictError(`${what} already hold data; restore into an empty target, or add --force to replace it.`, [
        { field: 'target', code: 'operations.restore_target_not_empty', message: `${what} is not empty` },
      ]);
    }

    step('extracting the database and keys');
    const dbPart = manifest.parts.find((p) => p.role === 'database')!;
    const stagedDb = path.join(stage, 'database');
    await extractMember(file, members.get(dbPart.name)!, stagedDb);

    const now = options.clock.now();
    if (engine === 'pglite' && databaseInUse) {
      const aside = replacedName(pgdata, now);
      fs.renameSync(pgdata, aside);
      movedAside.push(aside);
    }
    if (keysInUse) {
      const aside = replacedName(config.keysDir, now);
      fs.renameSync(config.keysDir, aside);
      movedAside.push(aside);
    }
    step(`restoring the database into ${target}`);
    if (engine === 'pglite') await restorePgliteDataDir(pgdata, stagedDb);
    else await restorePostgresDump(config.databaseUrl!, serverMajor, stagedDb, { clean: databaseInUse });
    fs.mkdirSync(config.keysDir, { recursive: true, mode: 0o700 });
    for (const part of manifest.parts.filter((p) => p.role === 'key')) {
      const name = path.basename(part.name);
      // Only the published key set is readable by others; every private key (and anything unknown) is 0600.
      await extractMember(file, members.get(part.name)!, path.join(config.keysDir, name), name === KEY_FILES.jwks ? 0o644 : 0o600);
    }

    // Compare with the manifest before any migration of this version runs.
    step('comparing table counts and the audit root with the manifest');
    const raw = await openRaw(config);
    try {
      const audit = createAuditService({ db: raw, clock: options.clock, config, log: options.log }, options);
      const facts = await readSnapshotFacts(audit, options.actor, raw);
      before = { counts: facts.tables, audit: facts.audit };
    } finally {
      await raw.close();
    }
  } finally {
    await fs.promises.rm(stage, { recursive: true, force: true });
    lock?.release();
  }

  const differences = countDifferences(manifest.tables, before.counts);
  const matchesManifest = before.audit.treeSize === manifest.audit.treeSize && before.audit.rootHash === manifest.audit.rootHash;

  step('verifying the audit log (audit verify)');
  const opened = await openDatabase(config, `custodia restore ${file}`);
  try {
    // Fresh planner statistics: pg_restore leaves the tables without any, and an embedded snapshot has
    // only what its node had gathered. Without them the exact serial lookup ran from the trigram index,
    // 100× slower at 10M items.
    await store.analyseDatabase(opened.db);
    const deps: Deps = { db: opened.db, clock: options.clock, config, log: options.log };
    const verify = await createAuditService(deps, options).verify(options.actor);
    const ok = verify.ok && matchesManifest && differences.length === 0;
    let runId: string | null = null;
    if (ok) {
      runId = uuidv7();
      const row: store.RunRow = {
        id: runId,
        kind: 'restore',
        at: options.clock.now(),
        actor_name: options.actor.name,
        engine,
        detail: { backupId: manifest.id, backupCreatedAt: manifest.createdAt, auditTreeSize: manifest.audit.treeSize, auditRootHash: manifest.audit.rootHash, movedAside },
      };
      await opened.db.transaction(async (tx) => {
        await store.insertRun(tx, row);
        await recordAudit(tx, options.actor, options.clock, { action: 'operations.backup.restore', entity: 'operations_run', entityId: row.id, state: store.runState(row) });
      });
    }
    return { ok, manifest, target, movedAside, countDifferences: differences, audit: { ...before.audit, matchesManifest }, verify, runId };
  } finally {
    await opened.close();
  }
}
