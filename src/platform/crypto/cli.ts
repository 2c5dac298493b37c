import type { Command } from 'commander';
import { cliActor, type Actor } from '../auth/actor.ts';
import { loadConfig } from '../config.ts';
import type { CommandContext } from '../module.ts';
import { enrolmentFingerprint, loadNodeKeys, rotateNodeKeys } from './keys.ts';

/** What rotates the keys and announces them to the peers (the exchange module's service). */
export interface KeyRotator {
  rotateKeys(actor: Actor): Promise<{ retiredKid: string; kid: string; fingerprint: string; encryptionKid: string; announcedTo: string[] }>;
}

/**
 * `custodia keys show` and `custodia keys rotate`: the node's keys live in files, not the database; a rotation
 * is announced to the State-to-State peers through the outbox (`rotator`, which opens the database), unless
 * --no-announce.
 */
export function registerKeysCommands(program: Command, rotator?: CommandContext<KeyRotator>): void {
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
    .description('make new signing and X25519 keys and announce them to every active peer (key_rotation signed by the old key); the old public key stays published for verification')
    .option('--no-announce', 'rotate the signing key only, without the database (peers must then re-pin by hand)')
    .action(async (opts: { announce: boolean }) => {
      const config = loadConfig();
      if (opts.announce && rotator) {
        const r = await rotator.run('custodia keys rotate', ({ service }) => service.rotateKeys(cliActor()));
        process.stdout.write(`retired key: ${r.retiredKid}\ncurrent key: ${r.kid}\nfingerprint: ${r.fingerprint}\nencryption key: ${r.encryptionKid}\n`);
        process.stdout.write(`announced to: ${r.announcedTo.length ? r.announcedTo.join(', ') : '(no active peer)'} (key_rotation envelopes in the outbox)\n`);
      } else {
        const { retired, current } = await rotateNodeKeys(config);
        process.stdout.write(`retired key: ${retired}\ncurrent key: ${current.kid}\nfingerprint: ${current.fingerprint}\n`);
      }
      const k = await loadNodeKeys(config);
      process.stdout.write(`enrolment fingerprint: ${await enrolmentFingerprint(k.publicJwk)}\n`);
      process.stdout.write('A running server picks the new keys up at its next signature.\n');
    });
}
