import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AuditService } from '../audit/service.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { recordAudit } from '../platform/audit/record.ts';
import { loadNodeKeys } from '../platform/crypto/keys.ts';
import { dumpDatabase } from '../platform/db/dump.ts';
import { appliedMigrations } from '../platform/db/migrate.ts';
import type { Queryable } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ConflictError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { CUSTODIA_VERSION } from '../platform/version.ts';
import { archiveSources, keyParts, readKeyFiles, sha256File } from './archive.ts';
import { backupFileName, buildManifest, DATABASE_PART, type Manifest, type SnapshotFacts } from './model.ts';
import { operationsPolicy } from './policy.ts';
import * as store from './store.ts';
import { tarLength, tarStream } from './tar.ts';

/**
 * `custodia backup FILE` and POST /api/v1/operations/backups: one archive with a consistent snapshot of
 * the database, the node's keys and a manifest. The backup is recorded and audited *before* the
 * snapshot, so the archive holds its own record and a restored node says which backup it came from.
 */
export interface BackupArchive {
  manifest: Manifest;
  fileName: string;
  byteLength: number;
  /** The archive's bytes; read it once (when the stream closes, the temporary dump is removed). */
  stream(): Readable;
  /** Removes the temporary database dump (needed only when the stream is never read). */
  dispose(): Promise<void>;
}

/** Facts read in the snapshot itself: schema version, audit head and every table's count. */
export async function readSnapshotFacts(audit: Pick<AuditService, 'head'>, actor: Actor, q: Queryable): Promise<Omit<SnapshotFacts, 'serverVersion'>> {
  const tables = await store.listTables(q);
  return {
    migrations: await appliedMigrations(q),
    audit: await audit.head(actor, q),
    tables: await store.tableCounts(q, tables),
  };
}

/** `audit`: a backup records the audit log's size and root it holds. */
export function createBackupService(deps: Deps, { audit }: { audit: AuditService }) {
  // One backup at a time per process: a PGlite dump is held in memory, and two would double it.
  let running = false;

  return {
    async create(actor: Actor, options: { via: 'cli' | 'api' }): Promise<BackupArchive> {
      operationsPolicy.require(actor, 'operations.backup.create');
      if (running) {
        throw new ConflictError('A backup is already being made by this server; try again when it has finished.', [
          { field: 'backup', code: 'operations.backup_running', message: 'Another backup is in progress.' },
        ]);
      }
      running = true;
      const tmp = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'custodia-backup-'));
      let disposed = false;
      const dispose = async () => {
        if (disposed) return;
        disposed = true;
        running = false;
        await fs.promises.rm(tmp, { recursive: true, force: true });
      };
      try {
        const id = uuidv7();
        const at = deps.clock.now();
        const engine = deps.db.engine;
        const row: store.RunRow = { id, kind: 'backup', at, actor_name: actor.name, engine, detail: { via: options.via, custodiaVersion: CUSTODIA_VERSION } };
        await deps.db.transaction(async (tx) => {
          await store.insertRun(tx, row);
          await recordAudit(tx, actor, deps.clock, { action: 'operations.backup.create', entity: 'operations_run', entityId: id, state: store.runState(row) });
        });
        await loadNodeKeys(deps.config); // a node that never signed anything gets its key now, so the backup has one
        const databaseFile = path.join(tmp, 'database');
        const dump = await dumpDatabase(deps.db, deps.config.databaseUrl, databaseFile, (tx) => readSnapshotFacts(audit, actor, tx));
        const keys = readKeyFiles(deps.config.keysDir);
        const manifest = buildManifest({
          id,
          createdAt: at,
          custodiaVersion: CUSTODIA_VERSION,
          state: deps.config.state,
          engine,
          facts: { ...dump.facts, serverVersion: dump.serverVersion },
          parts: [{ name: DATABASE_PART[engine], role: 'database', ...(await sha256File(databaseFile)) }, ...keyParts(keys)],
        });
        const sources = archiveSources(manifest, databaseFile, keys);
        deps.log.info({ backupId: id, engine, via: options.via, bytes: tarLength(sources), auditTreeSize: manifest.audit.treeSize }, 'backup taken');
        const stream = () => {
          // Read to the end, failed or abandoned: the temporary dump goes and the next backup may start.
          const out = tarStream(sources, at);
          out.once('close', () => void dispose());
          return out;
        };
        return { manifest, fileName: backupFileName(deps.config.state, at), byteLength: tarLength(sources), stream, dispose };
      } catch (err) {
        await dispose();
        throw err;
      }
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
