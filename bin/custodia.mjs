#!/usr/bin/env node
// The `custodia` command. TypeScript sources run through tsx's loader, so there is no separate build
// step for the server; the web application is built by `custodia start` when its sources changed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
