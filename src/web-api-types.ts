import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from './app.ts';
import { FixedClock } from './platform/clock.ts';
import { testConfig } from './platform/config.ts';
import type { Db } from './platform/db/types.ts';

/**
 * The web application's API types (`web/src/api/schema.gen.ts`) are generated from the OpenAPI document
 * the server publishes at /api/v1/openapi.json, so a renamed field or a new enum value fails the web's
 * typecheck instead of a user's screen. `npm run gen:api-types` rewrites the file; a test fails when
 * the committed file differs from what the current routes generate.
 */
export const WEB_API_TYPES = fileURLToPath(new URL('../web/src/api/schema.gen.ts', import.meta.url));

const HEADER =
  '// Generated from /api/v1/openapi.json by `npm run gen:api-types` (src/web-api-types.ts).\n' +
  '// Do not edit: change the route schemas and regenerate; test/web-api-types.test.ts fails when this is stale.\n\n';

/** Building the routes reads no row: the document comes from the schemas, so no database is opened. */
const NO_DATABASE: Db = {
  description: 'none (OpenAPI document only)',
  query: () => Promise.reject(new Error('no database: only the OpenAPI document is built')),
  transaction: () => Promise.reject(new Error('no database: only the OpenAPI document is built')),
  listen: () => Promise.reject(new Error('no database: only the OpenAPI document is built')),
  close: () => Promise.resolve(),
} as unknown as Db;

/** The document the server publishes, from an application built in this process (no port, no database). */
export async function openApiDocument(): Promise<OpenAPI3> {
  const silent = { info() {}, warn() {}, error() {}, debug() {} };
  const app = await buildApp({ deps: { db: NO_DATABASE, clock: new FixedClock(new Date('2026-01-01T00:00:00Z')), config: testConfig(), log: silent } });
  try {
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}`);
    return res.json() as OpenAPI3;
  } finally {
    await app.close();
  }
}

/** The text of web/src/api/schema.gen.ts for `doc`. */
export async function webApiTypes(doc: OpenAPI3): Promise<string> {
  const ast = await openapiTS(doc, { alphabetize: true, silent: true });
  return HEADER + astToString(ast);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await webApiTypes(await openApiDocument());
  fs.writeFileSync(WEB_API_TYPES, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), WEB_API_TYPES)} (${text.length} characters)\n`);
}
