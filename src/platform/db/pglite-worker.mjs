// Entry of the embedded database's thread (pglite-thread.ts): the TypeScript sources run through tsx's
// loader here too, as in bin/custodia.mjs — a worker thread does not inherit the loader of its parent.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
