import type { Deps } from '../platform/deps.ts';
import type { RegistryService } from '../registry/service.ts';

/** What every tracing use case runs with: the platform, and the registry it checks recoveries against. */
export interface TracingContext {
  deps: Deps;
  registry: RegistryService;
}

export const todayOf = (ctx: TracingContext) => ctx.deps.clock.now().toISOString().slice(0, 10);
