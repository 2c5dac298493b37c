import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { testConfig } from '../src/platform/config.ts';
import { migrate, MIGRATIONS_DIR } from '../src/platform/db/migrate.ts';
import { formerNameMap, migrationFiles, readReleased } from '../src/platform/db/released.ts';
import { describeEngines, emptyPublicSchema, openEmptyTestDb, type TestDb } from './support/engines.ts';
import { insertMachineToken } from './support/tokens.ts';
import { applyAsReleased, dumpTables, loadTables, readReleaseFixtures, schemaCatalog, UPGRADE_FIXTURES, type ReleaseFixture } from './support/upgrade.ts';

/**
 * A node of an earlier release, with its data, upgraded by today's runner, must end where a fresh install
 * starts (same catalog, same applied migrations), keep every row it had, and still pass `audit verify`.
 * Each fixture in test/fixtures/upgrade/ is one earlier release (made by make.ts there); each is tried as
 * a node that followed main (files applied in the order they reached main) and as a node installed fresh
 * at that release (files in the name order of the time).
 */

/**
 * Columns a migration rewrites on purpose ("table.column" → the migration that does it): their old values
 * are not expected to survive. Empty: no migration so far changes existing values.
 */
const REWRITTEN_BY_MIGRATION: Record<string, string> = {};

type Rows = Record<string, Record<string, unknown>[]>;

function catalogDifferences(upgraded: Record<string, string[]>, fresh: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const section of Object.keys(fresh)) {
    const u = new Set(upgraded[section]);
    const f = new Set(fresh[section]);
    for (const l of f) if (!u.has(l)) out.push(`${section}, only in a fresh install:      ${l}`);
    for (const l of u) if (!f.has(l)) out.push(`${section}, only in the upgraded database: ${l}`);
  }
  return out;
}

/** Each row of `before` not found in `after` (its columns of the time), with the columns that differ in the nearest row. */
function rowDifferences(before: Rows, after: Rows): string[] {
  const out: string[] = [];
  const kept = (table: string, column: string) => !REWRITTEN_BY_MIGRATION[`${table}.${column}`];
  for (const [table, rows] of Object.entries(before)) {
    const columns = Object.keys(rows[0] ?? {}).filter((c) => kept(table, c));
    const key = (row: Record<string, unknown>) => JSON.stringify(columns.map((c) => row[c]));
    const now = after[table] ?? [];
    const present = new Set(now.map(key));
    for (const row of rows) {
      if (present.has(key(row))) continue;
      const differing = (other: Record<string, unknown>) => columns.filter((c) => JSON.stringify(other[c]) !== JSON.stringify(row[c]));
      const show = (v: unknown) => JSON.stringify(v)?.slice(0, 80);
      let nearest: { row: Record<string, unknown>; columns: string[] } | undefined;
      for (const other of now) {
        const d = differing(other);
        if (!nearest || d.length < nearest.columns.length) nearest = { row: other, columns: d };
      }
      const where = `${table} ${columns[0]}=${show(row[columns[0]])}`;
      out.push(
        nearest
          ? `${where}: ${nearest.columns.map((c) => `${c} was ${show(row[c])}, now ${c in nearest.row ? show(nearest.row[c]) : 'no such column'}`).join('; ')}`
          : `${where}: the row is gone`,
      );
    }
  }
  return out;
}

describeEngines('upgrade from an earlier release', (engine) => {
  let fresh: Record<string, string[]>;
  let keysRoot: string;
  const released = readReleased(MIGRATIONS_DIR);
  const current = formerNameMap(released);

  // One database for every scenario, emptied between them (opening a PGlite costs seconds).
  let t: TestDb;
  beforeAll(async () => {
    keysRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-upgrade-keys-'));
    t = await openEmptyTestDb(engine);
    await migrate(t.db);
    fresh = await schemaCatalog(t.db);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(keysRoot, { recursive: true, force: true });
  });

  const fixtures = readReleaseFixtures();
  it('has at least one earlier release to upgrade from', () => {
    expect(fixtures.map((f) => f.release)).toContain('4aa7371');
  });

  for (const fixture of fixtures) {
    const orders: [string, ReleaseFixture['migrations']][] = [
      ['a node that followed main', fixture.migrations],
      ['a node installed fresh at that release', [...fixture.migrations].sort((a, b) => (a.name < b.name ? -1 : 1))],
    ];
    for (const [how, migrations] of orders) {
      it(`${fixture.release}, ${how}: upgraded, equals a fresh install, keeps its rows, passes audit verify`, async () => {
        await emptyPublicSchema(t.db);
        await applyAsReleased(t.db, migrations);
        await loadTables(t.db, fixture.data);
        const before = await dumpTables(t.db);
        expect(Object.fromEntries(Object.entries(before).map(([k, v]) => [k, v.length]))).toEqual(
          Object.fromEntries(Object.entries(fixture.data).map(([k, v]) => [k, v.length])),
        );

        const { applied } = await migrate(t.db);
        const had = new Set(fixture.migrations.map((m) => current.get(m.name) ?? m.name));
        expect(applied).toEqual(migrationFiles(MIGRATIONS_DIR).filter((f) => !had.has(f)));

        const schema = catalogDifferences(await schemaCatalog(t.db), fresh);
        expect(
          schema,
          `After upgrading a database of release ${fixture.release} (${how}), its schema differs from a fresh install's. ` +
            'Every migration must bring an earlier database to exactly what a fresh install gets: a released migration edited ' +
            'after the fact, or a new one that depends on state only a fresh install has, does this (migrations/README.md).',
        ).toEqual([]);

        const lost = rowDifferences(before, await dumpTables(t.db));
        expect(
          lost,
          `Rows of release ${fixture.release} lost or changed by the upgrade. If a migration rewrites a column on purpose, ` +
            'name the column in REWRITTEN_BY_MIGRATION in test/upgrade.test.ts with that migration.',
        ).toEqual([]);

        await expectServedAfterUpgrade(t.db, fixture, path.join(keysRoot, `${fixture.release}-${how.replace(/\W+/g, '-')}`));
      });
    }
  }

  /** The upgraded node's own API: `audit verify` passes, and records written before read back and verify. */
  async function expectServedAfterUpgrade(db: Parameters<typeof loadTables>[0], fixture: ReleaseFixture, keysDir: string): Promise<void> {
    fs.cpSync(path.resolve(UPGRADE_FIXTURES, '..', fixture.keys), keysDir, { recursive: true });
    const clock = new FixedClock(new Date('2026-06-02T10:00:00Z'));
    const silent = { info() {}, warn() {}, error() {}, debug() {} };
    const app = await buildApp({ deps: { db, clock, config: testConfig({ keysDir }), log: silent } });
    try {
      await app.ready();
      const { headers } = await insertMachineToken(db, { role: 'auditor', username: 'upgrade-auditor', now: clock.now(), expiresAt: new Date('2999-12-31T00:00:00Z') });
      const verify = await app.inject({ method: 'POST', url: '/api/v1/audit/verify', headers });
      expect(verify.statusCode).toBe(200);
      const report = verify.json();
      expect(report.problems, `audit verify after upgrading ${fixture.release}: a node in the field would report the same`).toEqual([]);
      expect(report).toMatchObject({ ok: true, treeSize: fixture.data.audit_log.length, checkpointsChecked: fixture.data.audit_checkpoint.length });
      expect(report.recordsChecked).toBeGreaterThan(0);

      const item = fixture.data.registry_items.find((i) => i.serial_number === 'AC-0001')!;
      const page = await app.inject({ method: 'GET', url: `/api/v1/registry/items/${item.id}`, headers });
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({ serialNumber: 'AC-0001', markings: [{ kind: 'manufacture' }, { kind: 'import' }] });
      expect(page.json().events.map((e: { kind: string }) => e.kind)).toEqual(['manufactured', 'transferred', 'transferred']);

      const licence = fixture.data.licensing_licences[0];
      const checked = await app.inject({ method: 'POST', url: '/api/v1/public/licences/verify-token', payload: { token: licence.token } });
      expect(checked.json()).toMatchObject({ verdict: 'authentic', hashMatches: true });
    } finally {
      await app.close();
    }
  }
});
