import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { announceInitialAdministrator, registerAccountsCommands } from './cli.ts';
import { createAccountsService } from './service.ts';
import { CATALOG, createServices } from '../modules.ts';

describeEngines('first start: the administrator one-time password', (engine) => {
  const opened: TestDeps[] = [];
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });
  async function fresh() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-first-start-'));
    dirs.push(dataDir);
    const deps = await createTestDeps(engine, { dataDir: path.join(dataDir, 'data') });
    opened.push(deps);
    let written = '';
    return { deps, out: (isTTY: boolean) => ({ isTTY, write: (s: string) => ((written += s), true) }), written: () => written };
  }

  it('writes it to an owner-only file in the data directory when standard output is not a terminal, and prints only the path (issue 10)', async () => {
    const f = await fresh();
    expect(await announceInitialAdministrator(createServices(f.deps).accounts, f.deps, f.out(false))).toBe(true);
    const file = path.join(f.deps.config.dataDir, 'one-time-password-admin.txt');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const password = /One-time password: (\S+)/.exec(fs.readFileSync(file, 'utf8'))![1];
    expect(f.written()).toContain(file);
    expect(f.written()).not.toContain(password);
    // It is the real one: it signs in (and must be changed).
    await expect(createServices(f.deps).accounts.login({ username: 'admin', password })).resolves.toMatchObject({ user: { mustChangePassword: true } });
    // Only on the first start.
    expect(await announceInitialAdministrator(createServices(f.deps).accounts, f.deps, f.out(false))).toBe(false);
  });

  it('prints it on a terminal, and writes no file', async () => {
    const f = await fresh();
    expect(await announceInitialAdministrator(createServices(f.deps).accounts, f.deps, f.out(true))).toBe(true);
    expect(f.written()).toMatch(/One-time password: {5}\S{12,}/);
    expect(fs.existsSync(f.deps.config.dataDir)).toBe(false);
  });
});

describeEngines('custodia users create / update (the accounts API from the operator’s shell)', (engine) => {
  let deps: TestDeps;
  afterAll(async () => deps?.close());

  /** Runs one `custodia users …` command in this process, on the test database; returns what it printed. */
  async function custodia(...args: string[]): Promise<string> {
    const services = createServices(deps);
    const program = new Command().exitOverride();
    registerAccountsCommands(program, { catalog: CATALOG, run: (_name, fn) => fn({ deps, service: services.accounts, services }) });
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
    try {
      await program.parseAsync(['node', 'custodia', 'users', ...args]);
    } finally {
      write.mockRestore();
    }
    return out;
  }

  it('names an officer’s agency on create and changes or clears it on update, audited as the operator; a party that is no State agency is refused', async () => {
    deps = await createTestDeps(engine, { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-users-cli-')) });
    const registry = createServices(deps).registry;
    const police = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['state_agency'], name: 'Police', country: 'XC' })).id;
    const customs = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['state_agency'], name: 'Customs', country: 'XC' })).id;
    const dealer = (await registry.createParty(SYSTEM_ACTOR, { kind: 'organisation', roles: ['dealer'], name: 'Dealer', country: 'XC' })).id;

    const created = await custodia('create', 'officer.one', '--role', 'tracing_officer', '--name', 'Officer One', '--agency', police);
    const user = JSON.parse(created.slice(0, created.indexOf('\n}\n') + 2));
    expect(user).toMatchObject({ username: 'officer.one', role: 'tracing_officer', agencyPartyId: police, mustChangePassword: true });
    expect(JSON.parse(await custodia('update', 'Officer.One', '--agency', customs, '--reason', 'moved to customs'))).toMatchObject({ agencyPartyId: customs });
    expect(JSON.parse(await custodia('update', 'officer.one', '--agency', 'none', '--reason', 'left'))).toMatchObject({ agencyPartyId: null });
    const audit = await deps.db.query<{ action: string; actor_name: string; reason: string | null }>("SELECT action, actor_name, reason FROM audit_log WHERE entity = 'user' AND entity_id = $1 ORDER BY seq", [user.id]);
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['accounts.user.create', null],
      ['accounts.user.update', 'moved to customs'],
      ['accounts.user.update', 'left'],
    ]);
    expect(audit.every((a) => a.actor_name.startsWith('cli:'))).toBe(true);

    await expect(custodia('update', 'officer.one', '--agency', dealer, '--reason', 'wrong')).rejects.toMatchObject({ errors: [{ field: 'agencyPartyId', code: 'agency.not_state_agency' }] });
    await expect(custodia('update', 'nobody.here', '--agency', police, '--reason', 'x')).rejects.toMatchObject({ status: 404 });
  });
});
