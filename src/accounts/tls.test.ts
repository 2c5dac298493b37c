import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { createAccountsService } from './service.ts';
import { createServices } from '../modules.ts';

describeEngines('accounts behind a TLS-terminating proxy', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, { trustProxy: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('marks the session cookie Secure when the request came over HTTPS', async () => {
    const made = await createServices(t.deps).accounts.createAdministrator('proxyadmin');
    const login = (proto: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-forwarded-proto': proto },
        payload: { username: 'proxyadmin', password: made.password },
      });
    const tls = await login('https');
    expect(tls.statusCode).toBe(200);
    expect(String(tls.headers['set-cookie'])).toMatch(/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
    const plain = await login('http');
    expect(String(plain.headers['set-cookie'])).not.toContain('Secure');
  });
});
