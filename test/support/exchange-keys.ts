import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeKeys, type NodeKeys } from '../../src/platform/crypto/keys.ts';

/** The committed test-only key directories (test/fixtures/exchange/README.md). */
export const EXCHANGE_FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/exchange');

/**
 * Loads a node's keys for a test: a copy of a committed fixture key directory (`xa-keys`, `xb-keys`), so
 * the committed files are never touched, or a fresh key directory when `fixture` is null. Returns a
 * cleanup function that removes the copy.
 */
export async function testNodeKeys(fixture: 'xa-keys' | 'xb-keys' | null): Promise<{ keys: NodeKeys; cleanup: () => void }> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'custodia-exchange-keys-'));
  const keysDir = path.join(tmp, 'keys');
  if (fixture) fs.cpSync(path.join(EXCHANGE_FIXTURES, fixture), keysDir, { recursive: true });
  const keys = await loadNodeKeys({ keysDir });
  return { keys, cleanup: () => fs.rmSync(tmp, { recursive: true, force: true }) };
}
