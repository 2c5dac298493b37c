import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import { defineAuditedEvent } from '../../platform/audit/entities.ts';
import { recordAudit, recordAuditBatch, type AuditInput } from '../../platform/audit/record.ts';
import type { Deps } from '../../platform/deps.ts';
import { insertMarkings, itemState, partyState, registrationState } from '../store.ts';
import { countItems, insertEventsBatch, insertItemsRaw } from '../import/store.ts';
import { loadCartridges } from './calibres.ts';
import { DEFAULT_DEMO, generateItems, generateParties, type DemoOptions } from './generate.ts';
import { insertPartiesBatch, insertPartyVersionsBatch, insertPersonalsBatch, insertRegistrationsBatch } from './store.ts';

export interface DemoLoadOptions {
  seed?: number;
  firearms?: number;
  parts?: number;
  ammunitionLots?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoLoadResult {
  loaded: boolean;
  /** Why nothing was loaded. */
  reason?: string;
  parties: number;
  items: number;
  markings: number;
  events: number;
  calibreSource: string;
  ms: number;
}

/** The load itself (seed, sizes, counts) is an event with no row of its own: `audit verify` checks its entry with the tree. */
export const AUDITED_DEMO_LOAD = defineAuditedEvent('demo_load');

const DEMO_ACTOR: Actor = { ...SYSTEM_ACTOR, name: 'custodia demo' };
const REASON = 'demonstration State (fictional)';
const BATCH = 5000;

/**
 * Loads the fictional demonstration State into an empty registry, in one transaction (an interrupted
 * load leaves nothing behind), set-based throughout and audited like any other write.
 */
export async function loadDemo(deps: Deps, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const started = Date.now();
  const cartridges = loadCartridges();
  const empty = { parties: 0, items: 0, markings: 0, events: 0, calibreSource: cartridges.source };
  if ((await countItems(deps.db)) > 0) {
    return { loaded: false, reason: 'the registry already holds items; the demonstration State is loaded only into an empty one', ...empty, ms: Date.now() - started };
  }
  const opts: DemoOptions = {
    seed: options.seed ?? DEFAULT_DEMO.seed,
    firearms: options.firearms ?? DEFAULT_DEMO.firearms,
    parts: options.parts ?? DEFAULT_DEMO.parts,
    ammunitionLots: options.ammunitionLots ?? DEFAULT_DEMO.ammunitionLots,
    state: deps.config.state,
    now: deps.clock.now(),
    cartridges: cartridges.cartridges,
  };
  const total = opts.firearms + opts.parts + opts.ammunitionLots;
  const counts = { parties: 0, items: 0, markings: 0, events: 0 };
  await deps.db.transaction(async (tx) => {
    const parties = generateParties(opts);
    for (let i = 0; i < parties.all.length; i += BATCH) {
      const chunk = parties.all.slice(i, i + BATCH);
      await insertPartiesBatch(
        tx,
        chunk.map((p) => p.row),
      );
      await insertPersonalsBatch(
        tx,
        chunk.flatMap((p) => (p.personal ? [p.personal] : [])),
      );
      const regs = chunk.flatMap((p) => p.registrations);
      await insertRegistrationsBatch(tx, regs);
      const audits: AuditInput[] = [];
      const versions = chunk.map((p) => {
        const state = partyState(p.row, p.personal);
        audits.push({ action: 'registry.party.create', entity: 'party', entityId: p.row.id, reason: REASON, state });
        return { party_id: p.row.id, version: 1, state: { ...state, personal: undefined }, personal: state.personal, recorded_at: opts.now, reason: null };
      });
      for (const r of regs) audits.push({ action: 'registry.registration.create', entity: 'registration', entityId: r.id, reason: REASON, state: registrationState(r) });
      await insertPartyVersionsBatch(tx, versions);
      await recordAuditBatch(tx, DEMO_ACTOR, deps.clock, audits);
      counts.parties += chunk.length;
    }
    for (const chunk of generateItems(opts, parties, BATCH)) {
      await insertItemsRaw(tx, chunk.items);
      await insertMarkings(tx, chunk.markings);
      await insertEventsBatch(tx, chunk.events);
      // One entry per item, holding its final custody state; its generated markings and events are covered
      // by the load's own entry (seed and counts), not one entry each: that would triple the load time.
      const audits: AuditInput[] = chunk.items.map((r) => ({ action: 'registry.item.create', entity: 'item', entityId: r.id, reason: REASON, state: itemState(r) }));
      await recordAuditBatch(tx, DEMO_ACTOR, deps.clock, audits);
      counts.items += chunk.items.length;
      counts.markings += chunk.markings.length;
      counts.events += chunk.events.length;
      options.onProgress?.(counts.items, total);
    }
    await recordAudit(tx, DEMO_ACTOR, deps.clock, {
      action: 'registry.demo.load',
      entity: 'demo_load',
      entityId: `seed-${opts.seed}`,
      reason: REASON,
      state: { seed: opts.seed, firearms: opts.firearms, parts: opts.parts, ammunitionLots: opts.ammunitionLots, state: opts.state, ...counts, calibreSource: cartridges.source },
    });
  });
  return { loaded: true, ...counts, calibreSource: cartridges.source, ms: Date.now() - started };
}
