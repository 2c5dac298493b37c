import { createHash } from 'node:crypto';
import { createAuditService } from '../audit/service.ts';
import type { Catalog } from '../platform/module.ts';
import type { VerifyReport } from '../audit/verify.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { recordAudit } from '../platform/audit/record.ts';
import type { Clock } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { appliedMigrations, migrate } from '../platform/db/migrate.ts';
import { openDatabase } from '../platform/db/open.ts';
import { openPostgres, redactUrl } from '../platform/db/postgres.ts';
import type { Db, Queryable } from '../platform/db/types.ts';
import type { Deps } from '../platform/deps.ts';
import { ConflictError, RuleViolationError } from '../platform/http/errors.ts';
import { uuidv7 } from '../platform/ids.ts';
import { CUSTODIA_VERSION } from '../platform/version.ts';
import { dependencyOrder } from './model.ts';
import * as store from './store.ts';

/**
 * `custodia migrate-to DATABASE_URL`: copies a stopped embedded node into an empty PostgreSQL database.
 * The schema comes from the same migrations; then, in one transaction on the target, every table's rows
 * are copied in foreign-key order (keyset batches in primary-key order, as JSON rendered identically on
 * both servers), read back and compared with the source row for row (SHA-256 of the same JSON), and the
 * audit log's size and root compared; any difference rolls the target back to empty. After the commit a
 * full `audit verify` runs on the target. The keys directory is not touched: it stays the node's.
 *
 * The migration is recorded and audited on the source *before* the copy, so both databases hold the same
 * record of it and stay identical.
 */
export interface MigrateOptions {
  actor: Actor;
  clock: Clock;
  log: Deps['log'];
  /** How to re-read every audited entity (the module list's catalog), for the audit verification of the target. */
  auditedEntities: Catalog['auditedEntities'];
  batchSize?: number;
  onStep?: (message: string) => void;
  onProgress?: (p: { table: string; done: number; total: number }) => void;
}

export interface TableCopy {
  table: string;
  rows: number;
  sha256: string;
}

export interface MigrateReport {
  ok: boolean;
  source: string;
  target: string;
  tables: TableCopy[];
  audit: { treeSize: number; rootHash: string };
  verify: VerifyReport;
  runId: string;
  ms: number;
}

class CopyMismatchError extends RuleViolationError {
  constructor(differences: string[]) {
    super(`The copy does not match the source; the target was rolled back to empty: ${differences.join('; ')}`, [
      { field: 'target', code: 'operations.migrate_mismatch', message: differences.join('; ') },
    ]);
  }
}

/** Reads a whole table in batches, handing each batch's JSON to `each`; returns the rows and their SHA-256. */
async function scanTable(q: Queryable, table: string, key: store.KeyColumn[], batchSize: number, each: (json: string, done: number) => Promise<void>): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  let rows = 0;
  let after: string[] | null = null;
  for (;;) {
    const batch = await store.readRowBatch(q, table, key, after, batchSize);
    if (batch.count === 0 || !batch.json) break;
    hash.update(batch.json);
    rows += batch.count;
    await each(batch.json, rows);
    after = batch.last;
    if (batch.count < batchSize) break;
  }
  return { rows, sha256: hash.digest('hex') };
}

async function targetIsEmpty(target: Db, deps: Omit<Deps, 'db'>, actor: Actor, catalog: Pick<Catalog, 'auditedEntities'>): Promise<boolean> {
  if ((await store.userRelationCount(target)) === 0) return true;
  // A database holding only Custodia's schema, never written to: every write is audited, so an empty
  // audit log means nothing but the migrations' own seed rows is there.
  if ((await appliedMigrations(target)).length === 0) return false;
  return (await createAuditService({ ...deps, db: target }, catalog).head(actor, target)).treeSize === 0;
}

export async function migrateTo(config: Config, targetUrl: string, options: MigrateOptions): Promise<MigrateReport> {
  const started = Date.now();
  const step = options.onStep ?? (() => undefined);
  const batchSize = options.batchSize ?? 2000;
  if (config.databaseUrl) {
    throw new RuleViolationError('This node already runs on PostgreSQL (DATABASE_URL is set): migrate-to copies an embedded node. Use `custodia backup` and `custodia restore` to move between PostgreSQL servers.', [
      { field: 'DATABASE_URL', code: 'operations.migrate_source_not_embedded', message: 'the source must be the embedded database' },
    ]);
  }
  const target = redactUrl(targetUrl);
  const source = await openDatabase(config, `custodia migrate-to ${target}`);
  let dest: Db | undefined;
  try {
    dest = await openPostgres(targetUrl, 2);
    if (!(await targetIsEmpty(dest, { clock: options.clock, config, log: options.log }, options.actor, options))) {
      throw new ConflictError(`${target} is not empty. migrate-to only fills an empty database (or one whose Custodia schema was never written to).`, [
        { field: 'DATABASE_URL', code: 'operations.migrate_target_not_empty', message: `${target} already holds data` },
      ]);
    }
    step(`creating the schema in ${target}`);
    await migrate(dest);
    const [fromMigrations, toMigrations, fromTables, toTables] = await Promise.all([appliedMigrations(source.db), appliedMigrations(dest), store.listTables(source.db), store.listTables(dest)]);
    if (fromMigrations.join() !== toMigrations.join() || fromTables.join() !== toTables.join()) {
      throw new RuleViolationError('The two schemas differ after migrating both; nothing was copied.', [
        { field: 'schema', code: 'operations.migrate_schema_differs', message: `source tables ${fromTables.length}, migrations ${fromMigrations.length}; target tables ${toTables.length}, migrations ${toMigrations.length}` },
      ]);
    }

    const runId = uuidv7();
    const run: store.RunRow = { id: runId, kind: 'migration', at: options.clock.now(), actor_name: options.actor.name, engine: 'pglite', detail: { to: target, custodiaVersion: CUSTODIA_VERSION } };
    await source.db.transaction(async (tx) => {
      await store.insertRun(tx, run);
      await recordAudit(tx, options.actor, options.clock, { action: 'operations.migration.start', entity: 'operations_run', entityId: runId, state: store.runState(run) });
    });

    const audit = createAuditService({ db: source.db, clock: options.clock, config, log: options.log }, options);
    const tables: TableCopy[] = [];
    const head = await source.db.transaction((s) =>
      dest!.transaction(async (t) => {
        await store.useStableOutput(s);
        await store.useStableOutput(t);
        const totals = await store.tableCounts(s, fromTables);
        const order = dependencyOrder(fromTables, await store.foreignKeys(s));
        await store.truncateTables(t, order);
        for (const table of order) {
          step(`copying ${table} (${totals[table]} rows)`);
          const key = await store.primaryKey(s, table);
          const copied = await scanTable(s, table, key, batchSize, async (json, done) => {
            await store.insertRowBatch(t, table, json);
            options.onProgress?.({ table, done, total: totals[table] });
          });
          tables.push({ table, ...copied });
        }
        step('reading the target back and comparing every table with the source');
        const differences: string[] = [];
        for (const c of tables) {
          const key = await store.primaryKey(t, c.table);
          const back = await scanTable(t, c.table, key, batchSize, async () => undefined);
          if (back.rows !== c.rows || back.sha256 !== c.sha256) differences.push(`${c.table}: source ${c.rows} rows ${c.sha256.slice(0, 12)}, target ${back.rows} rows ${back.sha256.slice(0, 12)}`);
        }
        const [from, to] = [await audit.head(options.actor, s), await audit.head(options.actor, t)];
        if (from.treeSize !== to.treeSize || from.rootHash !== to.rootHash) differences.push(`audit log: source ${from.treeSize} entries root ${from.rootHash}, target ${to.treeSize} root ${to.rootHash}`);
        if (differences.length) throw new CopyMismatchError(differences);
        return to;
      }),
    );

    // A database filled by one large copy has no planner statistics until autovacuum analyses it (later, or
    // never where it is off): the exact serial lookup then ran from the trigram index, 100× slower at 10M.
    step('refreshing the target\'s planner statistics (ANALYZE)');
    await store.analyseDatabase(dest);
    step('verifying the audit log on the target (audit verify)');
    const verify = await createAuditService({ db: dest, clock: options.clock, config, log: options.log }, options).verify(options.actor);
    return { ok: verify.ok, source: source.db.description, target, tables, audit: { treeSize: head.treeSize, rootHash: head.rootHash }, verify, runId, ms: Date.now() - started };
  } finally {
    await dest?.close();
    await source.close();
  }
}
