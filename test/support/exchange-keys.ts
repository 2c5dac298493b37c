import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeKeys, type NodeKeys } from '../../src/platform/crypto/keys.ts';

/** The committed test-only key directories (test/fixtures/exchange/README.md). */
export const EXCHANGE_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/exchange');

/**
 * Loads nodes' keys for a test, one per argument: a copy of a committed fixture key directory
 * (`xa-keys`, `xb-keys`), so the committed files are never touched, or a fresh key directory for null.
 * `cleanup` removes the copies.
 */
export async function testNodeKeys(...fixtures: ('xa-keys' | 'xb-keys' | null)[]): Promise<{ keys: NodeKeys[]; cleanup: () => void }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-exchange-keys-'));
  const keys: NodeKeys[] = [];
  for (const [i, fixture] of fixtures.entries()) {
    const keysDir = path.join(tmp, `node-${i}`);
    if (fixture) fs.cpSync(path.join(EXCHANGE_FIXTURES, fixture), keysDir, { recursive: true });
    keys.push(await loadNodeKeys({ keysDir }));
  }
  return { keys, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}
