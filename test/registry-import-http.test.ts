import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from './support/engines.ts';
import { createTestApp, type TestApp } from './support/app.ts';

const HEADER = 'kind,type,make,model,calibre,serial_number,country_of_manufacture,year_of_manufacture';

function multipart(fileName: string, content: string): { body: Buffer; contentType: string } {
  const boundary = '----custodia-test-boundary';
  const body = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
    'utf8',
  );
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEngines('registry import API', (engine) => {
  let t: TestApp;
  let clerk: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(engine);
    clerk = await t.headersFor('registry_clerk');
  });
  afterAll(async () => {
    await t.close();
  });

  /** Follows the job until it ends: a condition, bounded only by the test's timeout (a count of polls failed under load). */
  async function finished(id: string) {
    for (;;) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/registry/imports/${id}`, headers: clerk });
      expect(res.statusCode).toBe(200);
      const job = res.json();
      if (job.status !== 'running') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('imports a text/csv upload in the background and reports the job; the same bytes again change nothing', async () => {
    const csv = [HEADER, 'firearm,rifle,CZ,457,22 Long Rifle,HTTP-1,CZ,2020', 'firearm,shotgun,Benelli,M4,12/76,HTTP-2,IT,2012'].join('\n');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports', headers: { ...clerk, 'content-type': 'text/csv', 'x-file-name': 'two.csv' }, payload: csv });
    expect(res.statusCode).toBe(202);
    const started = res.json();
    expect(res.headers.location).toBe(`/api/v1/registry/imports/${started.id}`);
    expect(started).toMatchObject({ mode: 'all_or_nothing', fileName: 'two.csv', alreadyImported: false });
    const job = await finished(started.id);
    expect(job).toMatchObject({ status: 'completed', rowsTotal: 2, rowsInvalid: 0, itemsCreated: 2, itemsExisting: 0 });
    const found = await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?serial=http1', headers: clerk });
    expect(found.statusCode).toBe(200);
    expect(JSON.stringify(found.json())).toContain('HTTP-1');

    const again = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports', headers: { ...clerk, 'content-type': 'text/csv' }, payload: csv });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: started.id, alreadyImported: true, status: 'completed' });
  });

  it('rejects a multipart upload with bad rows and serves the report of bad rows as CSV', async () => {
    const csv = [HEADER, 'firearm,rifle,CZ,457,22 Long Rifle,HTTP-3,CZ,2020', 'firearm,rifle,CZ,457,22 Long Rifle,,CZ,2020', 'firearm,blunderbuss,X,Y,,HTTP-4,GB,1990'].join('\n');
    const { body, contentType } = multipart('bad.csv', csv);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports', headers: { ...clerk, 'content-type': contentType }, payload: body });
    expect(res.statusCode).toBe(202);
    const job = await finished(res.json().id);
    expect(job).toMatchObject({ status: 'rejected', fileName: 'bad.csv', rowsTotal: 3, rowsInvalid: 2, itemsCreated: 0 });
    const report = await t.app.inject({ method: 'GET', url: job.errorsUrl, headers: clerk });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.headers['content-disposition']).toContain('attachment');
    const lines = report.body.trim().split('\n');
    expect(lines[0]).toBe('line,column,code,message');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(['3,serial_number,marking.serial_required', '4,type,csv.type_invalid']);
    const found = await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?serial=HTTP-3', headers: clerk });
    expect(JSON.stringify(found.json())).not.toContain('HTTP-3');
  });

  it('partial=true keeps the valid rows', async () => {
    const csv = [HEADER, 'firearm,rifle,CZ,457,22 Long Rifle,HTTP-5,CZ,2020', 'firearm,rifle,CZ,457,22 Long Rifle,,CZ,2020'].join('\n');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports?partial=true', headers: { ...clerk, 'content-type': 'text/csv' }, payload: csv });
    const job = await finished(res.json().id);
    expect(job).toMatchObject({ status: 'completed', mode: 'partial', itemsCreated: 1, rowsInvalid: 1 });
  });

  it('refuses a Latin-1 file with 400 naming the line, and imports it with ?encoding=windows-1252', async () => {
    const latin1 = Buffer.from([HEADER, 'firearm,rifle,CZ,457,22 Long Rifle,HTTP-6,CZ,2020', 'firearm,shotgun,Armería Hércules,M1,12/70,HTTP-7,ES,2019'].join('\r\n'), 'latin1');
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports', headers: { ...clerk, 'content-type': 'text/csv' }, payload: latin1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'file', line: 3, code: 'encoding.invalid' })]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports?encoding=windows-1252', headers: { ...clerk, 'content-type': 'text/csv' }, payload: latin1 });
    expect(res.statusCode).toBe(202);
    expect(await finished(res.json().id)).toMatchObject({ status: 'completed', itemsCreated: 2 });
    const found = await t.app.inject({ method: 'GET', url: '/api/v1/registry/items?serial=HTTP-7', headers: clerk });
    expect(found.json().items[0].make).toBe('Armería Hércules');
  });

  it('answers problem+json: empty upload (400 naming the field), unknown job (404), auditor (403), anonymous (401)', async () => {
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports', headers: { ...clerk, 'content-type': 'text/csv' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.json().errors[0].field).toBe('file');
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/registry/imports/01900000-0000-7000-8000-000000000000', headers: clerk });
    expect(missing.statusCode).toBe(404);
    const auditor = await t.headersFor('auditor');
    const forbidden = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports', headers: { ...auditor, 'content-type': 'text/csv' }, payload: `${HEADER}\n` });
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/registry/imports', headers: { 'content-type': 'text/csv' }, payload: `${HEADER}\n` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('documents the three routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/registry/imports', '/api/v1/registry/imports/{id}', '/api/v1/registry/imports/{id}/errors']));
  });
});
