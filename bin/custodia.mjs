#!/usr/bin/env node
// The `custodia` command. TypeScript sources run through tsx's loader, so there is no separate build
// step for the server; the web application is built by `custodia start` when its sources changed.
import { register } from 'tsx/esm/api';

register();
if (['start', 'serve'].includes(process.argv[2]) && process.env.CUSTODIA_SKIP_WEB_BUILD !== 'true') {
  const { ensureWebBuilt } = await import('../web/build.mjs');
  ensureWebBuilt();
}
const { main } = await import('../src/main.ts');
await main(process.argv);
