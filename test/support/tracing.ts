import type { NodeKeys } from '../../src/platform/crypto/keys.ts';
import { createRegistryService, type RegistryService } from '../../src/registry/service.ts';
import { createTracingService, type TracingService } from '../../src/tracing/service.ts';
import { createTestDeps, type TestDeps } from './deps.ts';
import type { Engine } from '../../src/platform/db/types.ts';
import { testNodeKeys } from './exchange-keys.ts';

export interface TracingHarness {
  deps: TestDeps;
  registry: RegistryService;
  tracing: TracingService;
  /** keys[0] signs this node's documents; the others stand for other States' nodes. */
  keys: NodeKeys[];
  close: () => Promise<void>;
}

/** A tracing service over a fresh database, with the registry it reads and `otherStates` more node keys. */
export async function tracingHarness(engine: Engine, otherStates = 0): Promise<TracingHarness> {
  const deps = await createTestDeps(engine);
  const { keys, cleanup } = await testNodeKeys(...Array<null>(1 + otherStates).fill(null));
  const registry = createRegistryService(deps);
  const tracing = createTracingService(deps, { registry }, { keys: async () => keys[0] });
  return {
    deps,
    registry,
    tracing,
    keys,
    close: async () => {
      await deps.close();
      cleanup();
    },
  };
}
