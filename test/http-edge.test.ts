import helmet from 'helmet';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../src/platform/http/security-headers.ts';
import { describeEngines } from './support/engines.ts';
import { createTestApp, type TestApp } from './support/app.ts';

/** The cases the fuzzer first found, each pinned: refused at the edge with a named field, never a 500. */
describeEngines('bad input at the edge', (engine) => {
  let t: TestApp;
  let auditSize: () => Promise<number>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    auditSize = async () => (await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n;
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json(): { errors?: Array<{ field: string; code?: string }> } }, status: number, field: string, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field, code }));
  };

  it('refuses a NUL character in a JSON member, a query parameter or a path segment, public routes included, naming it', async () => {
    const before = await auditSize();
    expectProblem(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ad\u0000min', password: 'x' } }), 400, 'username', 'body.nul_character');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/public/licences/XC%00EXP/verification' }), 400, 'number', 'params.nul_character');
    const clerk = await t.headersFor('registry_clerk');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?make=Glo%00ck', headers: clerk }), 400, 'make', 'querystring.nul_character');
    // A repeated parameter is an array: the NUL in its second value is found and named by position.
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?make=Glock&make=Glo%00ck', headers: clerk }), 400, 'make.1', 'querystring.nul_character');
    // A NUL in a parameter's name.
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?ma%00ke=Glock', headers: clerk }), 400, 'ma\\u0000ke', 'querystring.nul_character');
    const party = await t.app.inject({
      method: 'POST', url: '/api/v1/registry/parties', headers: clerk,
      payload: { kind: 'organisation', roles: ['dealer'], name: 'Armería\u0000 Central', country: 'FR', identifiers: [{ scheme: 'vat', value: 'FR1\u0000' }] },
    });
    expect(party.statusCode).toBe(400);
    expect(party.json().errors.map((e: { field: string }) => e.field)).toContain('name');
    expect(await auditSize()).toBe(before);
  });

  it('refuses an audit seq too large for any entry with 400, not 500', async () => {
    const auditor = await t.headersFor('auditor');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/audit/entries/99999999999999999999', headers: auditor }), 400, 'ref', 'audit.entry_seq_range');
  });

  it('answers a malformed percent-encoding and an over-long path segment as problem+json with the security headers', async () => {
    const clerk = await t.headersFor('registry_clerk');
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/v1/registry/items/%E0%A4%A', headers: clerk }), 400, 'path', 'request.bad_url');
    expectProblem(await t.app.inject({ method: 'POST', url: `/api/v1/registry/items/${'x'.repeat(500)}/markings`, headers: clerk, payload: {} }), 414, 'path', 'request.path_segment_too_long');
  });

  it('refuses a cut multipart upload with 400 naming the file', async () => {
    const clerk = await t.headersFor('registry_clerk');
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/registry/imports', headers: { ...clerk, 'content-type': 'multipart/form-data; boundary=zz' },
      payload: '--zz\r\nContent-Disposition: form-data; name="file"; filename="items.csv"\r\n\r\nkind,type\r\n--z',
    });
    expectProblem(res, 400, 'file', 'upload.multipart_malformed');
  });

  it('sets on every answer exactly the headers helmet sets with the project’s options (recorded once at start-up)', async () => {
    const expected: Record<string, string> = {};
    const recorder = { setHeader: (name: string, value: unknown) => (expected[name.toLowerCase()] = String(value)), removeHeader: () => undefined };
    helmet(SECURITY_HEADERS)({} as never, recorder as never, () => undefined);
    expect(Object.keys(expected).length).toBeGreaterThan(10);
    const clerk = await t.headersFor('registry_clerk');
    const answers = [
      await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?serial=NONE', headers: clerk }),
      await t.app.inject({ method: 'GET', url: '/api/v1/registry/items' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/registry/items/%E0%A4%A', headers: clerk }),
    ];
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 400]);
    for (const res of answers) {
      for (const [name, value] of Object.entries(expected)) expect(res.headers[name], name).toBe(value);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});
