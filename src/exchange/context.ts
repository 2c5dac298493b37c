import type { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { loadNodeKeys, type NodeKeys } from '../platform/crypto/keys.ts';
import { ValidationError } from '../platform/http/errors.ts';
import type { LocalContext } from './model.ts';
import { loadExchangeSettings, type ExchangeSettings } from './settings.ts';
import { httpTransport, type PeerTransport } from './transport.ts';

/** What every exchange use case works with: the platform deps, the State's settings, keys and transport. */
export interface ExchangeContext {
  deps: Deps;
  settings: ExchangeSettings;
  transport: PeerTransport;
  /** The node's keys (cached by the platform; a `custodia keys rotate` is picked up at the next signature). */
  keys(): Promise<NodeKeys>;
  /** Jitter source for retry delays; tests fix it. */
  random(): number;
  /** The receiving context of the envelope rules at this instant. */
  local(): LocalContext;
}

export interface ExchangeOptions {
  settings?: Partial<ExchangeSettings>;
  transport?: PeerTransport;
  random?: () => number;
}

export function createExchangeContext(deps: Deps, options: ExchangeOptions = {}): ExchangeContext {
  const settings = { ...loadExchangeSettings(process.env), ...options.settings };
  return {
    deps,
    settings,
    transport: options.transport ?? httpTransport(settings.requestTimeoutMs),
    keys: () => loadNodeKeys(deps.config),
    random: options.random ?? Math.random,
    local: () => ({ state: deps.config.state, now: deps.clock.now(), clockSkewMs: settings.clockSkewMs, maxLifetimeMs: settings.maxLifetimeMs, maxBytes: settings.maxBytes }),
  };
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message, code: `exchange.${i.code}` })));
}
