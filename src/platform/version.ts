import fs from 'node:fs';

/** This Custodia's version (package.json), recorded in backups and shown to operators. */
export const CUSTODIA_VERSION: string = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
