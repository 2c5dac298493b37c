import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { KEY_FILES, type Jwks } from '../platform/crypto/keys.ts';

/** Accepts the bare token or the whole URL from the QR code (`…/verify/NUMBER?t=TOKEN`). */
export function tokenFromArgument(arg: string): string {
  const trimmed = arg.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    const t = new URL(trimmed).searchParams.get('t');
    if (!t) throw new Error('the URL carries no ?t= token');
    return t;
  }
  return trimmed;
}

async function readJwks(source: string | undefined): Promise<{ jwks: Jwks; from: string }> {
  if (source && /^https?:\/\//i.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    return { jwks: (await res.json()) as Jwks, from: source };
  }
  const file = source ?? path.join(loadConfig().keysDir, KEY_FILES.jwks);
  if (!fs.existsSync(file)) throw new Error(`no JWK set at ${file}; pass --jwks FILE (the issuing State's /.well-known/jwks.json)`);
  return { jwks: JSON.parse(fs.readFileSync(file, 'utf8')) as Jwks, from: file };
}

/**
 * `custodia verify-licence TOKEN [--jwks FILE|URL]`: checks a licence token's signature offline against
 * the issuing State's published keys (this node's own by default). It proves authenticity and contents
 * hash; the licence's current status (revoked, suspended) needs the online verification page.
 */
export function registerLicensingCommands(program: Command): void {
  program
    .command('verify-licence')
    .description("verify a licence QR token (or verification URL) offline against a JWK set (default: this node's keys)")
    .argument('<token>', 'compact JWS from the licence QR code, or the whole verification URL')
    .option('--jwks <file>', "the issuing State's JWK set (file, or URL of /.well-known/jwks.json)")
    .option('--json', 'print the result as JSON')
    .action(async (arg: string, opts: { jwks?: string; json?: boolean }) => {
      const { jwks, from } = await readJwks(opts.jwks);
      try {
        const { verifyLicenceTokenOffline } = await import('./licence-token.ts');
        const { kid, claims } = await verifyLicenceTokenOffline(tokenFromArgument(arg), jwks);
        const result = { valid: true, keys: from, kid, licence: claims.sub, issuingState: claims.iss, contentsSha256: claims.lh, validFrom: claims.vf, expiresOn: claims.vt, signedAt: new Date(claims.iat * 1000).toISOString() };
        if (opts.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        else {
          process.stdout.write(`VALID signature by key ${kid} (from ${from})\n`);
          process.stdout.write(`licence ${claims.sub} issued by ${claims.iss}, valid ${claims.vf} to ${claims.vt}\n`);
          process.stdout.write(`contents SHA-256 ${claims.lh}\n`);
          process.stdout.write('Current status (suspension, revocation) needs the online check: /api/v1/public/licences/NUMBER/verification\n');
        }
      } catch (err) {
        if (opts.json) process.stdout.write(`${JSON.stringify({ valid: false, keys: from, problem: (err as Error).message })}\n`);
        else process.stderr.write(`INVALID: ${(err as Error).message}\n`);
        process.exitCode = 1;
      }
    });
}
