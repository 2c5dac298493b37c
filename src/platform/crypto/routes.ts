import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { Api } from '../http/types.ts';
import { loadNodeKeys, type NodeKeys } from './keys.ts';

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

/** The X25519 key other States encrypt relayed envelopes to, with its binding to the signing key (docs/exchange.md §2.2). */
const encJwkSchema = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('X25519'),
  x: z.string(),
  kid: z.string(),
  alg: z.literal('ECDH-ES'),
  use: z.literal('enc'),
  binding: z.string(),
});

export interface JwksRouteOptions {
  deps: Deps;
  /** Entries published after the signing keys (the exchange module's bound X25519 key). */
  extraKeys?: (keys: NodeKeys) => Promise<z.infer<typeof encJwkSchema>[]>;
}

/**
 * GET /.well-known/jwks.json: the node's public keys, current first then retired ones, so anyone (a
 * border officer's app, a peer State, an auditor) can verify signed licences, envelopes and audit
 * checkpoints without an account.
 */
export async function jwksRoutes(app: Api, opts: JwksRouteOptions): Promise<void> {
  app.get(
    '/.well-known/jwks.json',
    {
      config: { public: true },
      schema: {
        tags: ['keys'],
        summary: "The node's Ed25519 public keys (JWK set, kid = RFC 7638 thumbprint), then its X25519 encryption key bound to the signing key",
        response: { 200: z.object({ keys: z.array(z.union([jwkSchema, encJwkSchema])) }) },
      },
    },
    async (_request, reply) => {
      const keys = await loadNodeKeys(opts.deps.config);
      reply.header('cache-control', 'public, max-age=300');
      const extra = opts.extraKeys ? await opts.extraKeys(keys) : [];
      return { keys: [...keys.publicJwks().keys, ...extra] };
    },
  );
}
