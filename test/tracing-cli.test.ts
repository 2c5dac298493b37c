import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/auth/actor.ts';
import { systemClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { enrolmentFingerprint, loadNodeKeys } from '../src/platform/crypto/keys.ts';
import { openDatabase } from '../src/platform/db/open.ts';
import type { Queryable } from '../src/platform/db/types.ts';
import { createRegistryService, type RegistryService } from '../src/registry/service.ts';
import { createTracingService, type TracingService } from '../src/tracing/service.ts';
import { testPng } from './support/images.ts';

/**
 * `custodia tracing …` as an officer's administrator runs them on an embedded node (XA), each command a
 * process of its own: a refused seizure list (exit 2, every error in FILE.errors.csv, nothing written), a
 * good one, the list, a domestic trace with its PDF, the figures; then a request drafted and signed on XA
 * exported to a file and imported on a second node (XB) with XA's key set and fingerprint.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-tracing-cli-'));

function envFor(state: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CUSTODIA_DATA_DIR: path.join(dir, state.toLowerCase()), CUSTODIA_STATE: state, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.CUSTODIA_KEYS_DIR;
  return env;
}

function custodia(args: string[], state = 'XA'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/custodia.mjs'), ...args], { cwd: ROOT, env: envFor(state), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The node's services in this process, between commands (the data-directory lock keeps the two apart). */
async function withNode<T>(state: string, fn: (s: { registry: RegistryService; tracing: TracingService; db: Queryable }) => Promise<T>): Promise<T> {
  const config = loadConfig(envFor(state));
  const opened = await openDatabase(config, 'tracing-cli test');
  try {
    const deps = { db: opened.db, clock: systemClock, config, log: { info() {}, warn() {}, error() {}, debug() {} } } as never;
    const registry = createRegistryService(deps);
    return await fn({ registry, tracing: createTracingService(deps, { registry }), db: opened.db });
  } finally {
    await opened.close();
  }
}

const officer: Actor = { kind: 'user', userId: null, name: 'officer', role: 'tracing_officer', organisationId: null };

describe('custodia tracing (command line, embedded database)', () => {
  let police: string;

  beforeAll(async () => {
    police = await withNode('XA', async ({ registry }) => {
      const maker = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['manufacturer'], name: 'Acme Arms', country: 'NL' })).id;
      await registry.registerItem(SYSTEM_ACTOR, {
        item: { kind: 'firearm', firearmType: 'self_loading_pistol', make: 'Acme', model: 'P9', calibre: '9x19mm', yearOfManufacture: 2019 },
        markings: [{ kind: 'manufacture', location: 'frame', manufacturerName: 'Acme Arms', countryOfManufacture: 'NL', serialNumber: 'CLI-0001' }],
        event: { kind: 'manufactured', occurredAt: '2024-01-10T09:00:00Z', toPartyId: maker },
      });
      return (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['state_agency'], name: 'XA Police', country: 'NL' })).id;
    });
  }, 600_000);
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'imports a seizure list whole or not at all, lists it, traces an item into a PDF and prints the figures',
    async () => {
      const header = 'case,recovered_on,place,agency_party_id,recovery_type,legal_justification,criminal_context,kind,type,make,calibre,country_of_manufacture,nature,serial,marking_state';
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, [header, `A,2026-05-20,Port,${police},seized,illicit_possession,drugs,firearm,laser,Acme,9x19mm,,industrial,CLI-0001,intact`].join('\n'));
      const refused = await custodia(['tracing', 'import', bad]);
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toContain('Nothing was recorded');
      expect(fs.readFileSync(`${bad}.errors.csv`, 'utf8')).toContain('2,type,recovered_item.type_invalid');

      const good = path.join(dir, 'good.csv');
      fs.writeFileSync(
        good,
        [
          header,
          `A,2026-05-20,Port,${police},seized,illicit_possession,drugs,firearm,self_loading_pistol,Acme,9x19mm,,industrial,CLI 0001,intact`,
          `B,2026-05-21,Road,${police},found,other,none,firearm,revolver,Taurus,.38 Special,BR,industrial,,removed`,
        ].join('\n'),
      );
      const imported = await custodia(['tracing', 'import', good]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stderr).toContain('Recorded 2 recoveries, 2 items');
      expect(imported.stdout).toMatch(/REC-\d{4}-000001 {2}2026-05-20 {2}seized {2}1 item\(s\) {2}linked 1/);
      expect(imported.stdout).toMatch(/REC-\d{4}-000002 {2}2026-05-21 {2}found {2}1 item\(s\) {2}registered 1/);

      const listed = await custodia(['tracing', 'recoveries', 'list']);
      expect(listed.code, listed.stderr).toBe(0);
      expect(listed.stdout.trim().split('\n').map((l) => l.split('  ')[2])).toEqual(['found', 'seized']);
      const second = listed.stdout.split('  ')[0];

      const pdf = path.join(dir, 'trace.pdf');
      const traced = await custodia(['tracing', 'trace', `${second}/1`, '--pdf', pdf]);
      expect(traced.code, traced.stderr).toBe(0);
      expect(traced.stdout).toContain('the records end abroad: an international request to BR');
      expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const unknown = await custodia(['tracing', 'trace', `${second}/9`]);
      expect(unknown.code).toBe(2);

      // Photographs by command: stored with the hash of their bytes; a text file named .jpg refuses the lot.
      const png = path.join(dir, 'left.png');
      fs.writeFileSync(png, testPng(4));
      const fake = path.join(dir, 'fake.jpg');
      fs.writeFileSync(fake, 'not an image');
      const refusedPhoto = await custodia(['tracing', 'photo', 'add', `${second}/1`, png, fake]);
      expect(refusedPhoto.code).toBe(2);
      expect(refusedPhoto.stderr).toContain('file.1: "fake.jpg" is not a JPEG, PNG or WebP image');
      const photo = await custodia(['tracing', 'photo', 'add', `${second}/1`, png, '--caption', 'Left side']);
      expect(photo.code, photo.stderr).toBe(0);
      expect(photo.stdout).toContain(`${second}/1  ${createHash('sha256').update(testPng(4)).digest('hex')}  image/png`);

      const figures = await custodia(['tracing', 'figures', '--from', '2026-01-01', '--to', '2026-12-31', '--json']);
      expect(figures.code, figures.stderr).toBe(0);
      expect(JSON.parse(figures.stdout)).toMatchObject({ firearmsRecovered: 2, firearmsOriginEstablished: 0 });
    },
    600_000,
  );

  it(
    'exports a signed request from XA and imports it on XB with XA’s key set and fingerprint',
    async () => {
      const { id, jwks, fingerprint } = await withNode('XA', async ({ tracing }) => {
        const [recovery] = (await tracing.listRecoveries(officer, { recoveryType: 'found' })).items;
        const item = (await tracing.getRecovery(officer, recovery.id)).items[0];
        const draft = await tracing.draftTracingRequest(officer, {
          recoveredItemId: item.id,
          counterpartState: 'XB',
          priority: 'routine',
          illicitGrounds: ['illicit_under_national_law'],
          legalJustification: 'Found on a road; Criminal Code art. 12.',
          intendedUseOfInformation: 'Criminal investigation.',
          circumstances: 'Found beside a road.',
        });
        const sent = await tracing.sendTracingRequest(officer, draft.id);
        const keys = await loadNodeKeys(loadConfig(envFor('XA')));
        return { id: sent.id, jwks: keys.publicJwks(), fingerprint: await enrolmentFingerprint(keys.publicJwk) };
      });
      const out = path.join(dir, 'request.json');
      const exported = await custodia(['tracing', 'requests', 'export', id, '--out', out]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toContain('tracing_request, to XB');
      const keysFile = path.join(dir, 'xa-jwks.json');
      fs.writeFileSync(keysFile, JSON.stringify(jwks));

      const wrong = await custodia(['tracing', 'requests', 'import', out, '--keys', keysFile, '--fingerprint', 'AAAA-BBBB'], 'XB');
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('fingerprint');
      const received = await custodia(['tracing', 'requests', 'import', out, '--keys', keysFile, '--fingerprint', fingerprint], 'XB');
      expect(received.code, received.stderr).toBe(0);
      expect(received.stdout).toMatch(/^TRQ-\d{4}-\d{6} {2}incoming {2}XA {2}received/);
    },
    600_000,
  );

  it(
    'lists the reminders of requests near, due or past their deadline, and exits 4 when one is overdue (for cron)',
    async () => {
      const today = new Date().toISOString().slice(0, 10);
      const id = await withNode('XB', async ({ tracing }) => {
        const [received] = (await tracing.listTracingRequests(officer, { direction: 'incoming' })).items;
        await tracing.setTracingDeadline(officer, received.id, { responseDueOn: today, reason: 'Agreed with XA.' });
        return received.id;
      });
      const due = await custodia(['tracing', 'reminders'], 'XB');
      expect(due.code, due.stderr).toBe(0);
      expect(due.stdout).toContain('0 overdue, 1 due today, 0 approaching');
      expect(due.stdout).toMatch(new RegExp(`^due +TRQ-\\d{4}-\\d{6} {2}routine {2}received {2}due ${today} {2}due today {2}our answer to XA {2}\\(id ${id}\\)$`, 'm'));

      // Three days on (the deadline moved back in the database stands for the days passing).
      await withNode('XB', ({ db }) => db.query(`UPDATE tracing_requests SET response_due_on = response_due_on - 3 WHERE id = $1`, [id]));
      const late = await custodia(['tracing', 'reminders', '--json'], 'XB');
      expect(late.code, late.stderr).toBe(4);
      expect(JSON.parse(late.stdout)).toMatchObject({ counts: { overdue: 1, due: 0, approaching: 0 }, items: [{ id, reminder: 'overdue', daysLeft: -3 }] });
      const outgoingOnly = await custodia(['tracing', 'reminders', '--direction', 'outgoing'], 'XB');
      expect(outgoingOnly.code, outgoingOnly.stderr).toBe(0);
    },
    600_000,
  );
});
