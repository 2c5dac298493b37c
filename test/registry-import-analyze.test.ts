import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';
import { ANALYZE_AFTER_ITEMS, createImportService } from '../src/registry/import/service.ts';
import { createTestDeps, type TestDeps } from './support/deps.ts';
import { describeEngines } from './support/engines.ts';
import { csvSource } from './support/imports.ts';

/**
 * A large import leaves the planner's statistics fresh (autovacuum may be off or late: on this project's CI
 * PostgreSQL it is off). A small one leaves them to autovacuum, as any other write does.
 */

function csv(rows: number, tag: string) {
  const lines = ['kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture'];
  for (let i = 0; i < rows; i++) lines.push(`firearm,self-loading pistol,Glock,17,9mm Luger,${tag}-${i},AT,2015`);
  return csvSource(`${lines.join('\n')}\n`, [], `${tag}.csv`);
}

describeEngines('statistics after a large import', (engine) => {
  let t: TestDeps;
  beforeAll(async () => {
    t = await createTestDeps(engine);
  });
  afterAll(async () => t?.close());

  /** What the planner believes each table holds (-1: never analysed). */
  async function believed(): Promise<Record<string, number>> {
    const rows = await t.db.query<{ relname: string; reltuples: number }>(
      "SELECT relname, reltuples::float8 AS reltuples FROM pg_class WHERE relname IN ('registry_items', 'registry_markings') AND relkind = 'r'",
    );
    return Object.fromEntries(rows.map((r) => [r.relname, Number(r.reltuples)]));
  }

  it(`a small import leaves them alone; one of ${ANALYZE_AFTER_ITEMS} items or more refreshes items' and markings'`, async () => {
    const service = createImportService(t);
    const before = await believed();

    const small = await service.importItems(SYSTEM_ACTOR, csv(50, 'SMALL'));
    expect(small.job.status).toBe('completed');
    expect(await believed()).toEqual(before);

    const large = await service.importItems(SYSTEM_ACTOR, csv(ANALYZE_AFTER_ITEMS, 'LARGE'));
    expect(large.job.status).toBe('completed');
    expect(large.job.items_created).toBe(ANALYZE_AFTER_ITEMS);
    const after = await believed();
    // ANALYZE of a table this small reads every row: the count is exact.
    expect(after.registry_items).toBe(ANALYZE_AFTER_ITEMS + 50);
    expect(after.registry_markings).toBe(ANALYZE_AFTER_ITEMS + 50);
  });
});
