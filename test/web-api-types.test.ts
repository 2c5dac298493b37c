import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument, WEB_API_TYPES, webApiTypes } from '../src/web-api-types.ts';

/** The web's API types are generated from the server's OpenAPI document; a stale copy fails here. */
describe('web API types (web/src/api/schema.gen.ts)', () => {
  it('are what `npm run gen:api-types` generates from the current routes', async () => {
    const doc = await openApiDocument();
    expect(Object.keys(doc.paths ?? {})).toContain('/api/v1/registry/items/{id}');
    const expected = await webApiTypes(doc);
    const committed = fs.readFileSync(WEB_API_TYPES, 'utf8');
    // One assertion with a message that says what to do, rather than a 300 kB diff.
    expect(committed === expected, 'web/src/api/schema.gen.ts is stale: run `npm run gen:api-types` and commit it').toBe(true);
  });

  it('change when a route schema changes (the comparison can fail)', async () => {
    const doc = await openApiDocument();
    const items = doc.paths!['/api/v1/registry/items/{id}'] as { get: { summary?: string } };
    items.get.summary = 'a changed summary';
    expect(await webApiTypes(doc)).not.toBe(fs.readFileSync(WEB_API_TYPES, 'utf8'));
  });
});
