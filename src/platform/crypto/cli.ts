import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { enrolmentFingerprint, loadNodeKeys, rotateNodeKeys } from './keys.ts';

/** `custodia keys show` and `custodia keys rotate`: the node's signing keys live in files, not the database. */
export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description("the node's Ed25519 signing keys (licences, envelopes, audit checkpoints)");
  keys
    .command('show')
    .description('print the current public key as a JWK with its fingerprint, and the retired keys')
    .option('--json', 'print the whole JWK set as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const k = await loadNodeKeys(config);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(k.publicJwks(), null, 2)}\n`);
        return;
      }
      process.stdout.write(`key directory: ${config.keysDir}\n`);
      process.stdout.write(`current key id: ${k.kid}\n`);
      process.stdout.write(`fingerprint (SHA-256 of the public key): ${k.fingerprint}\n`);
      process.stdout.write(`enrolment fingerprint (RFC 7638, read to a peer State's administrator): ${await enrolmentFingerprint(k.publicJwk)}\n`);
      process.stdout.write(`${JSON.stringify(k.publicJwk, null, 2)}\n`);
      process.stdout.write(`encryption key (X25519, for envelopes a relay carries): ${k.encryption.kid}\n`);
      const retired = k.publicJwks().keys.filter((j) => j.retired);
      if (retired.length > 0) {
        process.stdout.write(`retired keys (kept for verification):\n`);
        for (const r of retired) process.stdout.write(`  ${r.kid}  retired ${r.retired}\n`);
      }
    });
  keys
    .command('rotate')
    .description('make a new signing key; the old public key stays published for verification')
    .action(async () => {
      const config = loadConfig();
      const { retired, current } = await rotateNodeKeys(config);
      process.stdout.write(`retired key: ${retired}\ncurrent key: ${current.kid}\nfingerprint: ${current.fingerprint}\n`);
      process.stdout.write(`enrolment fingerprint: ${await enrolmentFingerprint(current.publicJwk)}\n`);
      process.stdout.write('A running server picks the new key up at its next signature.\n');
    });
}
