import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/auth/actor.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { ForbiddenError, ValidationError } from '../src/platform/http/errors.ts';
import { stateHash } from '../src/platform/crypto/canonical.ts';
import { createImportService, type ImportSource } from '../src/registry/import/service.ts';
import { describeEngines } from './support/engines.ts';
import { createTestDeps, type TestDeps } from './support/deps.ts';
import { CATALOG } from '../src/modules.ts';

const clerk: Actor = { kind: 'user', userId: null, name: 'clerk', role: 'registry_clerk', organisationId: null };
const auditor: Actor = { kind: 'user', userId: null, name: 'auditor', role: 'auditor', organisationId: null };

function csv(text: string | Buffer, fileName = 'items.csv'): ImportSource {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return { fileName, bytes: buf.length, open: () => Readable.from([buf]) };
}

const HEADER = 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture,import_country,import_year,lot_number,quantity_rounds';
/** Four valid rows; `tag` makes serials (and so the bytes and natural keys) unique per test. */
function good(tag: string): string {
  return [
    HEADER,
    `firearm,self-loading pistol,Glock,17,9mm Luger,ABC-123${tag},AT,2015,,,,`,
    `firearm,rifle,Steyr Mannlicher,SSG 08,308 Winchester,ssg.0001${tag},AT,2019,FR,2020,,`,
    `part,barrel,Beretta,92FS,9mm Luger,BR 777${tag},IT,2010,,,,`,
    `ammunition,,Fiocchi,,9mm Luger,,IT,2024,,,LOT-42${tag},5000`,
  ].join('\n');
}

async function count(deps: TestDeps, table: string): Promise<number> {
  const [r] = await deps.db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${table}`);
  return Number(r.n);
}

/** Counts of the registry tables, to measure what one import wrote. */
async function snapshot(deps: TestDeps) {
  return {
    items: await count(deps, 'registry_items'),
    markings: await count(deps, 'registry_markings'),
    jobs: await count(deps, 'registry_import_jobs'),
  };
}

describeEngines('registry CSV import', (engine) => {
  // One database for the file (opening one costs seconds on a loaded machine): each test uses its own
  // makes and serials and measures what it wrote as a difference.
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps(engine);
  });
  afterAll(async () => {
    await deps.close();
  });

  it('imports every valid row with its markings, one audit entry per item plus one for the job', async () => {
    const svc = createImportService(deps);
    const before = await snapshot(deps);
    const out = await svc.importItems(clerk, csv(good('A')));
    expect(out.job.status).toBe('completed');
    expect(out.job.rows_total).toBe(4);
    expect(out.job.items_created).toBe(4);
    expect(out.errors).toEqual([]);
    const after = await snapshot(deps);
    expect(after.items - before.items).toBe(4);
    // pistol, rifle (+ import marking), barrel; the lot names no manufacturer so it has no mark row.
    expect(after.markings - before.markings).toBe(4);
    const [rifle] = await deps.db.query<{ serial_norm: string; status: string; id: string }>(
      "SELECT id, serial_norm, status FROM registry_items WHERE serial_norm = 'SSG0001A'",
    );
    expect(rifle).toMatchObject({ serial_norm: 'SSG0001A', status: 'registered' });
    const kinds = await deps.db.query<{ kind: string; import_country: string | null }>(
      'SELECT kind, import_country FROM registry_markings WHERE item_id = $1 ORDER BY seq',
      [rifle.id],
    );
    expect(kinds).toEqual([
      { kind: 'manufacture', import_country: null },
      { kind: 'import', import_country: 'FR' },
    ]);
    const audit = await deps.db.query<{ action: string; n: number }>(
      'SELECT action, count(*)::int8 AS n FROM audit_log WHERE entity_id = $1 OR reason = $2 GROUP BY action ORDER BY action',
      [out.job.id, `bulk import ${out.job.id}`],
    );
    expect(audit).toEqual([
      { action: 'registry.import.completed', n: 1 },
      { action: 'registry.import.start', n: 1 },
      { action: 'registry.item.import', n: 4 },
    ]);
  });

  it('records hashes the audited-entity loaders reproduce (audit verify would pass)', async () => {
    const svc = createImportService(deps);
    const out = await svc.importItems(clerk, csv(good('B')));
    const rows = await deps.db.query<{ entity: string; entity_id: string; state_hash: string }>(
      `SELECT DISTINCT ON (entity, entity_id) entity, entity_id, state_hash FROM audit_log
        WHERE entity_id = $1 OR reason = $2 ORDER BY entity, entity_id, seq DESC`,
      [out.job.id, `bulk import ${out.job.id}`],
    );
    expect(rows.length).toBe(5);
    for (const r of rows) {
      const loader = CATALOG.auditedEntities.get(r.entity);
      expect(loader, r.entity).toBeDefined();
      const states = await loader!.load(deps.db, [r.entity_id]);
      expect(stateHash(states.get(r.entity_id)), `${r.entity} ${r.entity_id}`).toBe(r.state_hash);
    }
  });

  it('all-or-nothing: one bad row writes no item and reports every bad row with line, column and reason', async () => {
    const svc = createImportService(deps);
    const text = [
      HEADER,
      'firearm,revolver,Taurus,85,38 Special,T-1,BR,2001,,,,',
      'firearm,laser cannon,Acme,X,,Z-1,US,2001,,,,',
      'firearm,rifle,Mauser,98,8 x 57 IS,M-1,DE,1910,ZZ,,,',
      'ammunition,,Sellier,,,,CZ,2024,,,,abc',
      'firearm,revolver,Colt,SAA,45 Colt,,US,1873,,,,',
    ].join('\n');
    const before = await snapshot(deps);
    const out = await svc.importItems(clerk, csv(text, 'bad.csv'), { batchSize: 1 });
    expect(out.job.status).toBe('rejected');
    expect(out.job.items_created).toBe(0);
    expect(out.job.rows_invalid).toBe(4);
    const after = await snapshot(deps);
    expect(after.items).toBe(before.items);
    expect(after.markings).toBe(before.markings);
    const by = out.errors.map((e) => `${e.line}:${e.column}:${e.code}`);
    expect(by).toEqual(
      expect.arrayContaining([
        '3:type:csv.type_invalid',
        '4:import_country:country.invalid',
        '5:quantity_rounds:csv.not_an_integer',
        '5:calibre:item.calibre_required',
        '5:lot_number:item.lot_number_required',
        '6:serial_number:marking.serial_required',
      ]),
    );
    expect(out.errors.every((e) => e.message.length > 0)).toBe(true);
    // The report is stored and readable after the fact.
    const stored = await svc.jobErrors(clerk, out.job.id);
    expect(stored.errors.length).toBe(out.errors.length);
    expect(stored.job.status).toBe('rejected');
    const [audited] = await deps.db.query<{ n: number }>("SELECT count(*)::int8 AS n FROM audit_log WHERE entity = 'item' AND reason = $1", [
      `bulk import ${out.job.id}`,
    ]);
    expect(audited.n).toBe(0);
  });

  it('partial: commits the valid rows and reports the bad ones', async () => {
    const svc = createImportService(deps);
    const text = [HEADER, 'firearm,revolver,Taurus,85,38 Special,T-1,BR,2001,,,,', 'firearm,revolver,Taurus,85,38 Special,,BR,2001,,,,', 'firearm,shotgun,Benelli,M4,12/76,B-9,IT,2012,,,,'].join('\n');
    const before = await snapshot(deps);
    const out = await svc.importItems(clerk, csv(text), { partial: true, batchSize: 1 });
    expect(out.job.status).toBe('completed');
    expect(out.job.items_created).toBe(2);
    expect(out.job.rows_invalid).toBe(1);
    expect(out.errors).toEqual([expect.objectContaining({ line: 3, column: 'serial_number', code: 'marking.serial_required' })]);
    expect((await snapshot(deps)).items - before.items).toBe(2);
  });

  it('re-importing the same file changes nothing; a new file with the same items skips them', async () => {
    const svc = createImportService(deps);
    const first = await svc.importItems(clerk, csv(good('C')));
    const before = await snapshot(deps);
    const again = await svc.importItems(clerk, csv(good('C')));
    expect(again.alreadyImported).toBe(true);
    expect(again.job.id).toBe(first.job.id);
    // Same items, written differently (case, serial punctuation, column order), plus one new item.
    const other = [
      'serial_number,kind,type,make,model,country_of_manufacture',
      'abc 123 c,firearm,self_loading_pistol,GLOCK,17,AT',
      'SSG-0001-C,firearm,rifle,Steyr Mannlicher,SSG 08,AT',
      'N-1,firearm,carbine,Ruger,PC,US',
    ].join('\n');
    const third = await svc.importItems(clerk, csv(other));
    expect(third.job.status).toBe('completed');
    expect(third.job.items_created).toBe(1);
    expect(third.job.items_existing).toBe(2);
    const after = await snapshot(deps);
    expect(after.items - before.items).toBe(1);
    expect(after.jobs - before.jobs).toBe(1);
  });

  it('reports a duplicate row inside one file against the first line', async () => {
    const svc = createImportService(deps);
    const text = [HEADER, 'firearm,rifle,CZ,457,22 Long Rifle,CZ-1,CZ,2020,,,,', 'firearm,rifle,cz,457,22 Long Rifle,cz1,CZ,2020,,,,'].join('\n');
    const out = await svc.importItems(clerk, csv(text));
    expect(out.job.status).toBe('rejected');
    expect(out.errors).toEqual([expect.objectContaining({ line: 3, code: 'csv.duplicate_row', message: expect.stringContaining('line 2') })]);
  });

  it('refuses a header with unknown or missing columns, naming them', async () => {
    const svc = createImportService(deps);
    const before = await snapshot(deps);
    const out = await svc.importItems(clerk, csv('type,serial,colour\nrifle,1,red\n'));
    expect(out.job.status).toBe('rejected');
    expect(out.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(
      expect.arrayContaining(['1:serial:csv.unknown_column', '1:colour:csv.unknown_column', '1:kind:csv.missing_column']),
    );
    expect((await snapshot(deps)).items).toBe(before.items);
  });

  it('reports malformed CSV (unclosed quote) with its line and imports nothing', async () => {
    const svc = createImportService(deps);
    const before = await snapshot(deps);
    const out = await svc.importItems(clerk, csv(`${HEADER}\nfirearm,rifle,CZ,455,22 Long Rifle,CZ-9,CZ,2020,,,,\nfirearm,rifle,"CZ,457\n`));
    expect(out.job.status).toBe('rejected');
    expect(out.errors[0]).toMatchObject({ code: 'csv.malformed' });
    expect((await snapshot(deps)).items).toBe(before.items);
  });

  it('refuses a role without registry.items.write before reading the file', async () => {
    const svc = createImportService(deps);
    const before = await snapshot(deps);
    await expect(svc.importItems(auditor, csv(good('D')))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await snapshot(deps)).jobs).toBe(before.jobs);
  });

  it('the system actor (CLI) may import', async () => {
    const svc = createImportService(deps);
    const out = await svc.importItems(SYSTEM_ACTOR, csv(good('E')));
    expect(out.job.items_created).toBe(4);
  });

  it('refuses a file that is not UTF-8 with the line, writing nothing, and imports it when its encoding is given', async () => {
    const svc = createImportService(deps);
    // A Windows/Excel export: "Armería" and "Hércules" in windows-1252 (é = 0xE9, í = 0xED).
    const text = [HEADER, 'firearm,rifle,CZ,457,22 Long Rifle,ENC-1,CZ,2020,,,,', 'firearm,shotgun,Armería Hércules,M1,12/70,ENC-2,ES,2019,,,,'].join('\r\n');
    const latin1 = Buffer.from(text, 'latin1');
    const before = await snapshot(deps);
    const refused = await svc.importItems(clerk, csv(latin1)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).errors).toEqual([expect.objectContaining({ field: 'file', line: 3, code: 'encoding.invalid' })]);
    expect(await snapshot(deps)).toEqual(before);

    const out = await svc.importItems(clerk, csv(latin1), { encoding: 'windows-1252' });
    expect(out.job.status).toBe('completed');
    const [row] = await deps.db.query<{ make: string }>(`SELECT make FROM registry_items WHERE serial_number = 'ENC-2'`);
    expect(row.make).toBe('Armería Hércules');
  });

  it('reads UTF-16 with a byte-order mark, and refuses a NUL with its line', async () => {
    const svc = createImportService(deps);
    const text = [HEADER, 'firearm,rifle,Škoda Zbrojovka,Ž-1,22 Long Rifle,U16-1,CZ,2020,,,,'].join('\n');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const out = await svc.importItems(clerk, csv(utf16));
    expect(out.job.status).toBe('completed');
    const [row] = await deps.db.query<{ make: string }>(`SELECT make FROM registry_items WHERE serial_number = 'U16-1'`);
    expect(row.make).toBe('Škoda Zbrojovka');
    const nul = await svc.importItems(clerk, csv(`${HEADER}\nfirearm,rifle,CZ,457,22 Long Rifle,NUL-1,CZ,2020,,,,\nfirearm,rifle,CZ\u0000,457,22 LR,NUL-2,CZ,2020,,,,\n`)).catch((e: unknown) => e);
    expect((nul as ValidationError).errors).toEqual([expect.objectContaining({ field: 'file', line: 3, code: 'encoding.nul_character' })]);
  });

  it('applies exactly the API\'s field limits, naming the row and column, and writes nothing', async () => {
    const svc = createImportService(deps);
    const before = await snapshot(deps);
    const text = [
      HEADER,
      'firearm,rifle,CZ,457,22 Long Rifle,LIM-1,CZ,2020,,,,',
      `firearm,rifle,CZ,457,22 Long Rifle,${'S'.repeat(10_000)},CZ,2020,,,,`,
      `firearm,rifle,${'M'.repeat(100_000)},457,22 Long Rifle,LIM-3,CZ,2020,,,,`,
      `firearm,rifle,CZ,457,22 Long Rifle,${'S'.repeat(100)},CZ,2020,,,,`,
    ].join('\n');
    const out = await svc.importItems(clerk, csv(text));
    expect(out.job.status).toBe('rejected');
    expect(out.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual(['3:serial_number:csv.too_long', '4:make:csv.too_long']);
    expect(out.errors[0].message).toContain('100');
    expect(await snapshot(deps)).toEqual({ ...before, jobs: before.jobs + 1 });
  });

  it('needs no type column for a file of ammunition lots; a firearm row then lacks its type', async () => {
    const svc = createImportService(deps);
    const ammo = ['kind,make,calibre,lot_number,quantity_rounds', 'ammunition,Fiocchi,9mm Luger,LOT-NT-1,1000', 'ammunition,Sellier & Bellot,7.62x39,LOT-NT-2,500'].join('\n');
    const out = await svc.importItems(clerk, csv(ammo));
    expect(out.job.status).toBe('completed');
    expect(out.job.items_created).toBe(2);
    const mixed = await svc.importItems(clerk, csv('kind,make,serial_number,country_of_manufacture,calibre,lot_number,quantity_rounds\nfirearm,CZ,NT-9,CZ,,,\nammunition,PPU,,RS,9mm Luger,LOT-NT-3,50\n'));
    expect(mixed.job.status).toBe('rejected');
    expect(mixed.errors).toEqual([expect.objectContaining({ line: 2, column: 'type' })]);
  });
});

// PostgreSQL only: several servers may share its jobs, so a job another process runs is known to be alive by its
// lease (the embedded database has one process, which knows what it runs).
describe.runIf(process.env.TEST_DATABASE_URL)('registry CSV import lease [postgres]', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps('postgres');
  });
  afterAll(async () => {
    await deps?.close();
  });
  const leaseOf = async (id: string) => (await deps.db.query<{ lease_until: Date }>('SELECT lease_until FROM registry_import_jobs WHERE id = $1', [id]))[0].lease_until;
  /** Another server process on the same database: its own service, its own clock. */
  const otherProcess = (at: Date) => createImportService({ ...deps, clock: new FixedClock(at) });

  it('a running import renews its lease, so another process sees it running; once the lease runs out it reads as interrupted', async () => {
    const text = `${HEADER}\nfirearm,rifle,CZ,457,22 Long Rifle,LEASE-1,CZ,2020,,,,\nfirearm,rifle,CZ,457,22 Long Rifle,LEASE-2,CZ,2020,,,,\n`;
    const [head, rest] = [text.slice(0, text.indexOf('LEASE-2') - 40), text.slice(text.indexOf('LEASE-2') - 40)];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let opened = 0;
    // The second read (the import itself) stalls half-way until the test has seen the lease renewed.
    const source: ImportSource = {
      fileName: 'slow.csv',
      bytes: Buffer.byteLength(text),
      open: () => (++opened === 1 ? Readable.from([Buffer.from(text)]) : Readable.from((async function* () {
        yield Buffer.from(head);
        await gate;
        yield Buffer.from(rest);
      })())),
    };
    const svc = createImportService(deps);
    const started = await svc.startItemsImport(clerk, source, { leaseRenewMs: 5 });
    const first = await leaseOf(started.job.id);
    deps.clock.advance(30_000);
    let renewed = first;
    while (renewed.getTime() === first.getTime()) {
      await new Promise((r) => setTimeout(r, 5));
      renewed = await leaseOf(started.job.id);
    }
    expect(renewed.getTime()).toBe(first.getTime() + 30_000);
    expect((await leaseOf(started.job.id)).getTime()).toBe(renewed.getTime());
    expect((await otherProcess(new Date(first.getTime() + 1)).getJob(clerk, started.job.id)).interrupted).toBe(false);
    expect((await otherProcess(renewed).getJob(clerk, started.job.id)).interrupted).toBe(true);
    release();
    expect((await started.done).job.status).toBe('completed');
    expect((await otherProcess(new Date(renewed.getTime() + 1)).getJob(clerk, started.job.id))).toMatchObject({ interrupted: false, job: { status: 'completed' } });
  });
});
