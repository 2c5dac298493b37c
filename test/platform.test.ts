import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from './support/engines.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { recordAudit } from '../src/platform/audit/record.ts';
import { SYSTEM_ACTOR } from '../src/platform/auth/actor.ts';

describeEngines('platform', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers /healthz with the engine in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine });
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toBe('3.1.0');
  });

  it('answers unknown routes with problem+json', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });

  it('gives audit entries dense sequence numbers within and across transactions', async () => {
    const db = t.deps.db;
    const before = (await db.query<{ size: number }>('SELECT size FROM audit_head'))[0].size;
    await db.transaction(async (tx) => {
      await recordAudit(tx, SYSTEM_ACTOR, t.deps.clock, { action: 'test.thing.create', entity: 'thing', entityId: '1', state: { a: 1 } });
      await recordAudit(tx, SYSTEM_ACTOR, t.deps.clock, { action: 'test.thing.update', entity: 'thing', entityId: '1', state: { a: 2 } });
    });
    await expect(
      db.transaction(async (tx) => {
        await recordAudit(tx, SYSTEM_ACTOR, t.deps.clock, { action: 'test.thing.update', entity: 'thing', entityId: '1', state: { a: 3 } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const rows = await db.query<{ seq: number }>('SELECT seq FROM audit_log WHERE seq >= $1 ORDER BY seq', [before]);
    expect(rows.map((r) => r.seq)).toEqual([before, before + 1]);
    expect((await db.query<{ size: number }>('SELECT size FROM audit_head'))[0].size).toBe(before + 2);
  });
});
