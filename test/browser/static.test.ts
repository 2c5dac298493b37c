import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { ensureWebBuilt } from './support.ts';

describe('serving the web application', () => {
  let t: TestApp;
  beforeAll(async () => {
    await ensureWebBuilt();
    t = await createTestApp('pglite');
    // A cold start (tsx transpiling the server, PGlite initdb, argon2 hashes) on a busy 2-core machine.
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('serves index.html at / and for deep links such as the QR code’s /verify/NUMBER', async () => {
    for (const url of ['/', '/verify/XC-EXP-2026-000001', '/registry/items/0190']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.body).toContain('<div id="root"></div>');
      expect(r.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable, and unknown assets and API paths as problem+json 404s', async () => {
    const index = (await t.app.inject({ method: 'GET', url: '/' })).body;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(asset).toBeTruthy();
    const a = await t.app.inject({ method: 'GET', url: asset! });
    expect(a.statusCode).toBe(200);
    expect(a.headers['cache-control']).toContain('immutable');
    for (const url of ['/assets/nope.js', '/api/v1/no-such-route']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it('publishes the permission table the server enforces, so the application hides what a role may not do', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/web/permissions' });
    expect(r.statusCode).toBe(200);
    const { permissions } = r.json() as { permissions: Record<string, string[]> };
    expect(permissions['registry.items.write']).toContain('registry_clerk');
    expect(permissions['registry.items.write']).not.toContain('industry');
  });

  it('names the State this node serves with the permission table, so country pickers offer its own code', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/web/permissions' });
    expect(r.json().state).toBe(t.deps.config.state);
    expect(r.json().state).toMatch(/^[A-Z]{2}$/);
  });
});
