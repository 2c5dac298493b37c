import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { announceInitialAdministrator } from './cli.ts';
import { createAccountsService } from './service.ts';
import { createServices } from '../modules.ts';

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
