import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import type { CommandContext } from '../platform/module.ts';
import { CATALOG, createServices } from '../modules.ts';
import { SCREEN_EXIT, registerScreeningCommands } from './cli.ts';
import type { ScreeningService } from './service.ts';
import { LIST_SOURCES, listSourceUrl } from './sources.ts';

const UN = readFileSync(resolve(import.meta.dirname, '../../test/fixtures/sanctions/un_consolidated_list_2026-02-27.xml'));

/**
 * `custodia screen` and `custodia lists fetch` as an operator runs them, in this process against a test
 * database: screening against no list is a warning with its own exit code, the exit code says whether
 * there were hits, and `lists fetch` downloads the list from the address configured (here a local HTTP
 * server standing in for the publisher) and imports it.
 */
describeEngines('custodia screen and custodia lists fetch', (engine) => {
  let deps: TestDeps;
  let server: Server;
  let base: string;
  const served: string[] = [];
  const env = { ...process.env };

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    server = createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url === '/un/consolidated.xml') return void res.writeHead(200, { 'content-type': 'application/xml' }).end(UN);
      if (req.url === '/moved') return void res.writeHead(302, { location: '/un/consolidated.xml' }).end();
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    process.env = env;
    await new Promise((done) => server?.close(done));
    await deps?.close();
  });

  async function custodia(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    process.exitCode = undefined;
    const cli: CommandContext<ScreeningService> = {
      catalog: CATALOG,
      run: async (_command, fn) => {
        const services = createServices(deps);
        return fn({ deps, service: services.screening, services });
      },
    };
    try {
      const program = new Command('custodia').exitOverride();
      registerScreeningCommands(program, cli);
      let thrown: unknown = null;
      await program.parseAsync(['node', 'custodia', ...args]).catch((e: unknown) => (thrown = e));
      return { stdout: out.join(''), stderr: err.join(''), code: process.exitCode ?? 0, thrown };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      process.exitCode = undefined;
    }
  }

  it('says that no list is active, with its own exit code, instead of "no hit"', async () => {
    const r = await custodia(['screen', 'Germain Katanga']);
    expect(r.code).toBe(SCREEN_EXIT.noList);
    expect(r.stderr).toContain('warning: No sanctions list is active');
    expect(r.stdout).toContain('not screened: no list is active');
    expect(r.stdout).not.toContain('no possible match');
    const json = await custodia(['screen', 'Germain Katanga', '--json']);
    expect(json.code).toBe(SCREEN_EXIT.noList);
    expect(JSON.parse(json.stdout)).toMatchObject({ hits: [], listVersions: [], warnings: [{ code: 'screening.no_active_list' }] });
  });

  it('reads the publishers\' addresses from the environment', () => {
    expect(listSourceUrl('un', {})).toBe(LIST_SOURCES.un.url);
    expect(listSourceUrl('ofac', { CUSTODIA_LIST_URL_OFAC: 'http://mirror.example/SDN.XML' })).toBe('http://mirror.example/SDN.XML');
  });

  it('refuses a download that fails and imports nothing', async () => {
    process.env.CUSTODIA_LIST_URL_UN = `${base}/gone.xml`;
    const r = await custodia(['lists', 'fetch', 'un']);
    expect(r.thrown).toMatchObject({ status: 502, errors: [{ field: 'url', code: 'screening.list_download_failed', message: 'HTTP 404' }] });
    expect(await createServices(deps).screening.listVersions(SYSTEM)).toEqual([]);
  });

  it('fetches the UN list from the configured address (redirects followed) and imports it; again, it is already active', async () => {
    process.env.CUSTODIA_LIST_URL_UN = `${base}/moved`;
    const r = await custodia(['lists', 'fetch', 'un']);
    expect(r.thrown).toBeNull();
    expect(served.slice(-2)).toEqual(['/moved', '/un/consolidated.xml']);
    expect(r.stdout).toMatch(/^un: imported un list published 2026-02-27: \d+ entries/);
    const versions = await createServices(deps).screening.listVersions(SYSTEM);
    expect(versions).toMatchObject([{ source: 'un', status: 'active', fileName: 'consolidated.xml' }]);
    const again = await custodia(['lists', 'fetch', 'un']);
    expect(again.thrown).toBeNull();
    expect(again.stdout).toContain('already the active version; nothing imported');
    expect(await createServices(deps).screening.listVersions(SYSTEM)).toHaveLength(1);
  }, 120_000);

  it('refuses a list it does not know', async () => {
    const r = await custodia(['lists', 'fetch', 'eu']);
    expect(r.thrown).toMatchObject({ code: 'commander.invalidArgument' });
  });

  it('exits 0 when nothing matches and 4 when there are possible matches', async () => {
    const clear = await custodia(['screen', 'Nobody In Particular Anywhere']);
    expect(clear.code).toBe(SCREEN_EXIT.clear);
    expect(clear.stdout).toContain('no possible match');
    expect(clear.stderr).toBe('');
    const hit = await custodia(['screen', 'Germain Katanga']);
    expect(hit.code).toBe(SCREEN_EXIT.hits);
    expect(hit.stdout).toMatch(/\n1 possible match\n/);
    expect(hit.stdout).toContain('KATANGA');
  }, 60_000);
});

const SYSTEM = { kind: 'system', userId: null, name: 'test', role: 'administrator', organisationId: null } as const;
