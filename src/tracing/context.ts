import type { NodeKeys } from '../platform/crypto/keys.ts';
import type { Deps } from '../platform/deps.ts';
import type { RegistryService } from '../registry/service.ts';

/** What every tracing use case runs with: the platform, the registry it checks recoveries against, the node's keys. */
export interface TracingContext {
  deps: Deps;
  registry: RegistryService;
  /** The node's signing keys (tracing documents are signed with them). */
  keys(): Promise<NodeKeys>;
}

export const todayOf = (ctx: TracingContext) => ctx.deps.clock.now().toISOString().slice(0, 10);

/** Who documents say they come from (the licensing module's variable, so every document agrees). */
export function authorityName(ctx: TracingContext, env: NodeJS.ProcessEnv = process.env): string {
  return env.CUSTODIA_LICENSING_AUTHORITY ?? `National Firearms Control Authority (${ctx.deps.config.state})`;
}
