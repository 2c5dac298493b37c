import { accountsModule } from './accounts/module.ts';
import { auditModule } from './audit/module.ts';
import { licensingModule } from './licensing/module.ts';
import { exchangeModule } from './exchange/module.ts';
import { exchangeBridgeModule } from './exchange/bridge-module.ts';
import { licensingExchangeModule } from './licensing/exchange-module.ts';
import { operationsModule } from './operations/module.ts';
import { buildCatalog, buildServices, type Catalog, type ServicesOf } from './platform/module.ts';
import type { Deps } from './platform/deps.ts';
import { referenceModule } from './reference/module.ts';
import { reportingModule } from './reporting/module.ts';
import { importsModule } from './registry/import/module.ts';
import { registryModule } from './registry/module.ts';
import { screeningModule } from './screening/module.ts';
import { tracingModule } from './tracing/module.ts';

/**
 * Every module of the node, in the order their services are built: a module comes after the modules
 * it `needs`. Routes and commands are registered in this order too. To add a module, write its
 * `module.ts` (docs/ARCHITECTURE.md, "Adding a module") and add it here.
 */
export const MODULES = [
  referenceModule,
  registryModule,
  importsModule,
  screeningModule,
  accountsModule,
  auditModule,
  licensingModule,
  exchangeModule,
  licensingExchangeModule,
  operationsModule,
  tracingModule,
  exchangeBridgeModule,
  reportingModule,
] as const;

export type Services = ServicesOf<typeof MODULES>;

/** The policy tables and audited entities the list declares (docs/security.md, audit verify, the HTTP pre-check). */
export const CATALOG: Catalog = buildCatalog(MODULES);

/** Every service, built once from `deps` (tests and tools that need services without the HTTP app). */
export function createServices(deps: Deps, prebuilt: Partial<Services> = {}): Services {
  return buildServices(MODULES, deps, CATALOG, prebuilt);
}
