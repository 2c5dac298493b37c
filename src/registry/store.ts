/**
 * The registry's SQL, split by aggregate: parties and registrations (store-parties.ts), items with
 * their search and counts (store-items.ts), markings and custody events (store-events.ts). This file
 * holds no SQL: it names the three as one, for the bulk import, the demo loader, the audited-entity list
 * and the benchmarks, which read several aggregates at once. The registry's own use cases import the
 * file of the aggregate they touch.
 */
export * from './store-parties.ts';
export * from './store-items.ts';
export * from './store-events.ts';
