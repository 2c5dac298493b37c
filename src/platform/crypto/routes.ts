import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { Api } from '../http/types.ts';
import { loadNodeKeys } from './keys.ts';

const jwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('EdDSA'),
  use: z.literal('sig'),
  created: z.string().optional(),
  retired: z.string().optional(),
});

/**
 * GET /.well-known/jwks.json: the node's public keys, current first then retired ones, so anyone (a
 * border officer's app, a peer State, an auditor) can verify signed licences, envelopes and audit
 * checkpoints without an account.
 */
export async function jwksRoutes(app: Api, opts: { deps: Deps }): Promise<void> {
  app.get(
    '/.well-known/jwks.json',
    {
      config: { public: true },
      schema: {
        tags: ['keys'],
        summary: "The node's Ed25519 public keys (JWK set, kid = RFC 7638 thumbprint)",
        response: { 200: z.object({ keys: z.array(jwkSchema) }) },
      },
    },
    async (_request, reply) => {
      const keys = await loadNodeKeys(opts.deps.config);
      reply.header('cache-control', 'public, max-age=300');
      return keys.publicJwks();
    },
  );
}
