import fs from 'node:fs';
import { buildApp } from './app.ts';
import { DOC_PATH, renderMatrix, spliceGenerated } from './accounts/security-doc.ts';
import { systemClock } from './platform/clock.ts';
import { testConfig } from './platform/config.ts';
import { migrate } from './platform/db/migrate.ts';
import { openPglite } from './platform/db/pglite.ts';

/**
 * `npm run docs:security`: rewrites the generated part of docs/security.md from the module list's policy
 * tables and the route table of an app built from the same list (an entry point, like main.ts).
 */
const db = await openPglite(undefined);
await migrate(db);
const silent = { info() {}, warn() {}, error() {}, debug() {} };
const app = await buildApp({ deps: { db, clock: systemClock, config: testConfig(), log: silent } });
await app.ready();
const doc = fs.existsSync(DOC_PATH) ? fs.readFileSync(DOC_PATH, 'utf8') : '# Security\n';
fs.writeFileSync(DOC_PATH, spliceGenerated(doc, renderMatrix(app.catalog.policies, app.routeTable)));
process.stdout.write(`wrote ${DOC_PATH}: ${app.catalog.policies.size} policy tables, ${app.routeTable.length} routes\n`);
await app.close();
await db.close();
