import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { JPEG_HEAD, multipartBody, testPng, WEBP_HEAD } from '../../test/support/images.ts';
import type { Role } from '../platform/auth/actor.ts';
import { sniffImageType } from './photograph-model.ts';

const MAX = 64 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Photographs of recovered items over HTTP (issue 13 §1): upload, type and size checks, access, withdrawal, tracing requests. */
describeEngines('tracing photographs', (engine) => {
  let t: TestApp;
  let police: string;
  let recovery: { id: string; reference: string; items: { id: string }[] };
  let other: { id: string; items: { id: string }[] };
  const savedMax = process.env.CUSTODIA_TRACING_PHOTO_MAX_BYTES;

  const call = async (method: 'GET' | 'POST', url: string, role: Role, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: await t.headersFor(role), ...(payload === undefined ? {} : { payload: payload as object }) });
  const upload = async (url: string, role: Role, files: Parameters<typeof multipartBody>[0], fields: Record<string, string> = {}) => {
    const { payload, contentType } = multipartBody(files, fields);
    return t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...(await t.headersFor(role)), 'content-type': contentType }, payload });
  };
  const photoCount = async () => (await t.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM recovered_item_photographs'))[0].n;
  const itemUrl = (r: { id: string; items: { id: string }[] }, i = 0) => `/tracing/recoveries/${r.id}/items/${r.items[i].id}/photographs`;

  beforeAll(async () => {
    // The limit is a setting: a small one here, so "too big" needs no 10 MB upload.
    process.env.CUSTODIA_TRACING_PHOTO_MAX_BYTES = String(MAX);
    t = await createTestApp(engine);
    police = (await call('POST', '/registry/parties', 'registry_clerk', { kind: 'organisation', roles: ['state_agency'], name: 'Police HQ', country: 'NL' })).json().id;
    const record = async (serial: string) =>
      (
        await call('POST', '/tracing/recoveries', 'tracing_officer', {
          recoveredOn: '2026-05-01',
          place: { text: 'Harbour' },
          agencyPartyId: police,
          recoveryType: 'seized',
          legalJustification: 'illicit_trafficking',
          criminalContext: 'trafficking',
          items: [
            { kind: 'firearm', type: 'self_loading_pistol', nature: 'industrial', make: 'Glock', model: '17', calibre: '9x19mm', countryOfManufacture: 'AT', markings: [{ location: 'frame', state: 'intact', serialAsRead: serial }] },
            { kind: 'firearm', type: 'revolver', nature: 'craft', markings: [{ location: 'frame', state: 'unmarked' }] },
          ],
        })
      ).json();
    recovery = await record('PH-1001');
    other = await record('PH-2002');
  });
  afterAll(async () => {
    if (savedMax === undefined) delete process.env.CUSTODIA_TRACING_PHOTO_MAX_BYTES;
    else process.env.CUSTODIA_TRACING_PHOTO_MAX_BYTES = savedMax;
    await t?.close();
  });

  it('knows an image by its bytes, not its name', () => {
    expect(sniffImageType(testPng())).toBe('image/png');
    expect(sniffImageType(JPEG_HEAD)).toBe('image/jpeg');
    expect(sniffImageType(WEBP_HEAD)).toBe('image/webp');
    expect(sniffImageType(Buffer.from('GIF89a...'))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
  });

  it('stores an uploaded photograph with the SHA-256 of its bytes, lists it and serves it with its type', async () => {
    const png = testPng(8);
    const res = await upload(itemUrl(recovery), 'tracing_officer', [{ name: 'pistol-left.png', content: png, type: 'image/png' }], { caption: 'Left side, serial area' });
    expect(res.statusCode).toBe(201);
    const [photo] = res.json().items;
    expect(photo).toMatchObject({
      recoveryId: recovery.id,
      recoveredItemId: recovery.items[0].id,
      itemReference: `${recovery.reference}/1`,
      mediaType: 'image/png',
      sizeBytes: png.length,
      sha256: sha256(png),
      caption: 'Left side, serial area',
      fileName: 'pistol-left.png',
      withdrawn: false,
    });
    // The hash stored is the hash of the bytes stored (computed by the database, not trusted from the code).
    const [row] = await t.deps.db.query<{ sha256: string; actual: string; n: number }>(
      "SELECT sha256, encode(sha256(content), 'hex') AS actual, octet_length(content) AS n FROM recovered_item_photographs WHERE id = $1",
      [photo.id],
    );
    expect(row).toEqual({ sha256: sha256(png), actual: sha256(png), n: png.length });

    const list = await call('GET', `/tracing/recoveries/${recovery.id}/photographs`, 'auditor');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    expect((await call('GET', `/tracing/recoveries/${recovery.id}/photographs?itemId=${recovery.items[1].id}`, 'auditor')).json().items).toEqual([]);

    const img = await call('GET', `/tracing/photographs/${photo.id}/content`, 'registry_clerk');
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.headers['x-content-type-options']).toBe('nosniff');
    expect(img.headers['content-disposition']).toBe(`inline; filename="${recovery.reference}_1-${sha256(png).slice(0, 12)}.png"`);
    expect(img.headers['x-content-sha256']).toBe(sha256(png));
    expect(Buffer.compare(img.rawPayload, png)).toBe(0);

    const audit = await t.deps.db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'recovered_item_photograph' AND entity_id = $1", [photo.id]);
    expect(audit.map((a) => a.action)).toEqual(['tracing.photograph.add']);
  });

  it('takes several photographs in one upload, each typed by its signature', async () => {
    const res = await upload(itemUrl(recovery, 1), 'customs_officer', [
      { name: 'a.jpeg', content: JPEG_HEAD },
      { name: 'b.bin', content: WEBP_HEAD },
    ]);
    expect(res.statusCode).toBe(201);
    expect(res.json().items.map((p: { mediaType: string; sha256: string }) => [p.mediaType, p.sha256])).toEqual([
      ['image/jpeg', sha256(JPEG_HEAD)],
      ['image/webp', sha256(WEBP_HEAD)],
    ]);
  });

  it('refuses a file that is not an image whatever its name, a file over the limit, and a form without files, writing nothing', async () => {
    const before = await photoCount();
    const text = await upload(itemUrl(recovery), 'tracing_officer', [{ name: 'photo.jpg', content: Buffer.from('this is a text file, not a photograph\n'), type: 'image/jpeg' }]);
    expect(text.statusCode).toBe(400);
    expect(text.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'photograph.type_not_allowed' })]);

    // One bad file refuses the whole upload: the good one beside it is not stored either.
    const mixed = await upload(itemUrl(recovery), 'tracing_officer', [
      { name: 'good.png', content: testPng(4) },
      { name: 'bad.jpg', content: Buffer.from('<html>') },
    ]);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors).toEqual([expect.objectContaining({ field: 'file.1', code: 'photograph.type_not_allowed' })]);

    const big = await upload(itemUrl(recovery), 'tracing_officer', [{ name: 'huge.png', content: testPng(8, [0, 0, 0], MAX + 10) }]);
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json().errors).toEqual([expect.objectContaining({ field: 'file', code: 'photograph.too_large' })]);

    const none = await upload(itemUrl(recovery), 'tracing_officer', [], { caption: 'nothing attached' });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].code).toBe('photograph.file_required');

    const json = await call('POST', itemUrl(recovery), 'tracing_officer', { file: 'x' });
    expect(json.statusCode).toBe(400);
    expect(json.json().errors[0].code).toBe('photograph.multipart_required');

    const extra = await upload(itemUrl(recovery), 'tracing_officer', [{ name: 'ok.png', content: testPng(4) }], { colour: 'red' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().errors[0].field).toBe('colour');
    expect(await photoCount()).toBe(before);
  });

  it('refuses an item of another recovery, and industry users, like any record they may not read', async () => {
    const before = await photoCount();
    const crossed = await upload(`/tracing/recoveries/${recovery.id}/items/${other.items[0].id}/photographs`, 'tracing_officer', [{ name: 'p.png', content: testPng() }]);
    expect(crossed.statusCode).toBe(404);
    expect((await call('GET', `/tracing/recoveries/${recovery.id}/photographs?itemId=${other.items[0].id}`, 'auditor')).statusCode).toBe(404);
    expect(await photoCount()).toBe(before);

    const [photo] = (await call('GET', `/tracing/recoveries/${recovery.id}/photographs`, 'auditor')).json().items;
    expect((await upload(itemUrl(recovery), 'industry', [{ name: 'p.png', content: testPng() }])).statusCode).toBe(403);
    expect((await call('GET', `/tracing/recoveries/${recovery.id}/photographs`, 'industry')).statusCode).toBe(403);
    expect((await call('GET', `/tracing/photographs/${photo.id}/content`, 'industry')).statusCode).toBe(403);
    expect((await call('POST', `/tracing/photographs/${photo.id}/withdraw`, 'industry', { reason: 'x' })).statusCode).toBe(403);
    // Reading is not writing: an auditor sees the photographs but adds none.
    expect((await upload(itemUrl(recovery), 'auditor', [{ name: 'p.png', content: testPng() }])).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/tracing/photographs/${photo.id}/content` })).statusCode).toBe(401);
    expect(await photoCount()).toBe(before);
  });

  it('withdraws a photograph with a reason and keeps it: still served, still in the audit log, no longer cited by a new request', async () => {
    const kept = testPng(6, [10, 120, 10]);
    const [keep] = (await upload(itemUrl(recovery), 'tracing_officer', [{ name: 'right.png', content: kept }], { caption: 'Right side' })).json().items;
    const [first] = (await call('GET', `/tracing/recoveries/${recovery.id}/photographs?itemId=${recovery.items[0].id}`, 'auditor')).json().items;

    expect((await call('POST', `/tracing/photographs/${first.id}/withdraw`, 'tracing_officer', {})).statusCode).toBe(400);
    const withdrawn = await call('POST', `/tracing/photographs/${first.id}/withdraw`, 'tracing_officer', { reason: 'Shows the wrong pistol' });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ withdrawn: true, withdrawalReason: 'Shows the wrong pistol', sha256: first.sha256 });
    const again = await call('POST', `/tracing/photographs/${first.id}/withdraw`, 'tracing_officer', { reason: 'twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].code).toBe('photograph.already_withdrawn');

    expect((await call('GET', `/tracing/photographs/${first.id}/content`, 'auditor')).statusCode).toBe(200);
    const audit = await t.deps.db.query<{ action: string; reason: string | null }>(
      "SELECT action, reason FROM audit_log WHERE entity = 'recovered_item_photograph' AND entity_id = $1 ORDER BY seq",
      [first.id],
    );
    expect(audit).toEqual([
      { action: 'tracing.photograph.add', reason: null },
      { action: 'tracing.photograph.withdraw', reason: 'Shows the wrong pistol' },
    ]);

    // The outgoing tracing request names the photographs in force by hash, in the signed document and its PDF.
    const draft = await call('POST', '/tracing/requests', 'tracing_officer', {
      recoveredItemId: recovery.items[0].id,
      counterpartState: 'AT',
      priority: 'routine',
      illicitGrounds: ['transferred_without_authorisation'],
      legalJustification: 'Penal code art. 3.',
      intendedUseOfInformation: 'Investigation.',
      circumstances: 'Seized in the harbour.',
    });
    expect(draft.statusCode).toBe(201);
    expect(draft.json().request.weapons[0].photoDigests).toEqual([{ sha256: sha256(kept), mediaType: 'image/png', sizeBytes: kept.length, description: 'Right side' }]);

    // A photograph added after the draft is in the document when it is signed.
    const late = JPEG_HEAD;
    expect((await upload(itemUrl(recovery), 'tracing_officer', [{ name: 'late.jpg', content: late }])).statusCode).toBe(201);
    const id = draft.json().id;
    expect((await call('POST', `/tracing/requests/${id}/send`, 'tracing_officer', {})).statusCode).toBe(200);
    const doc = (await call('GET', `/tracing/requests/${id}/document`, 'tracing_officer')).json();
    const envelope = JSON.parse(Buffer.from(String(doc.document).split('.')[1], 'base64url').toString('utf8'));
    expect(envelope.body.weapons[0].photoDigests.map((p: { sha256: string }) => p.sha256)).toEqual([sha256(kept), sha256(late)]);
    expect(JSON.stringify(envelope)).not.toContain(first.sha256);
    const pdf = await call('GET', `/tracing/requests/${id}/pdf?part=request`, 'auditor');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(keep.sha256).toBe(sha256(kept));
  });

  it('audit verify re-hashes the stored bytes: an image altered behind the application is named', async () => {
    const ok = await call('POST', '/audit/verify', 'auditor');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().ok).toBe(true);
    const [photo] = (await call('GET', `/tracing/recoveries/${recovery.id}/photographs?itemId=${recovery.items[1].id}`, 'auditor')).json().items;
    await t.deps.db.query('UPDATE recovered_item_photographs SET content = $2 WHERE id = $1', [photo.id, testPng(3)]);
    const bad = (await call('POST', '/audit/verify', 'auditor')).json();
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad.problems)).toContain(photo.id);
  });
});
