import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../modules.ts';
import { definePolicy } from './auth/actor.ts';
import { defineAuditedEntity } from './audit/entities.ts';
import type { Deps } from './deps.ts';
import { buildCatalog, buildServices, defineModule } from './module.ts';

const SRC = fileURLToPath(new URL('..', import.meta.url));
const deps = {} as Deps;
const entity = (name: string) => defineAuditedEntity({ entity: name, load: async () => new Map() });

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('the module kit', () => {
  it('builds each service once, in list order, handing it exactly the services it needs', () => {
    const built: string[] = [];
    const a = defineModule({ name: 'a', createService: () => (built.push('a'), { tag: 'A' }) });
    const b = defineModule({
      name: 'b',
      needs: ['a'],
      createService: (_deps, needs: { a: { tag: string } }) => (built.push('b'), { fromA: needs.a.tag, keys: Object.keys(needs) }),
    });
    const services = buildServices([a, b], deps);
    expect(built).toEqual(['a', 'b']);
    expect(services.b).toEqual({ fromA: 'A', keys: ['a'] });
  });

  it('refuses a module listed before a service it needs', () => {
    const a = defineModule({ name: 'a', createService: () => ({}) });
    const b = defineModule({ name: 'b', needs: ['a'], createService: (_d, _n: { a: object }) => ({}) });
    expect(() => buildServices([b, a], deps)).toThrow(/"b" needs "a", which is not built before it/);
  });

  it('gathers policies and audited entities from the list, refusing a name declared twice', () => {
    const policy = definePolicy('a', { 'a.thing.read': ['auditor'] });
    const catalog = buildCatalog([defineModule({ name: 'a', policy, auditedEntities: [entity('a_thing')] })]);
    expect(catalog.rolesFor('a.thing.read')).toEqual(['auditor']);
    expect(catalog.rolesFor('b.thing.read')).toBeUndefined();
    expect([...catalog.auditedEntities.keys()]).toEqual(['a_thing']);
    expect(() => buildCatalog([defineModule({ name: 'a' }), defineModule({ name: 'a' })])).toThrow(/listed twice/);
    expect(() => buildCatalog([defineModule({ name: 'a', auditedEntities: [entity('x')] }), defineModule({ name: 'b', auditedEntities: [entity('x')] })])).toThrow(/declared twice/);
  });

  it('the node’s list builds: every need comes earlier, every policy and entity is declared once', () => {
    const catalog = buildCatalog(MODULES);
    expect([...catalog.policies.keys()].sort()).toEqual(['accounts', 'audit', 'exchange', 'licensing', 'operations', 'reference', 'registry', 'reporting', 'screening', 'tracing']);
    expect(catalog.auditedEntities.size).toBeGreaterThanOrEqual(25);
    for (const [i, m] of MODULES.entries()) {
      for (const need of (m as { needs?: readonly string[] }).needs ?? []) {
        expect(MODULES.findIndex((x) => x.name === need), `${m.name} needs ${need}`).toBeLessThan(i);
      }
    }
  });

  it('no module imports app.ts or modules.ts, and nothing is registered by importing a file for its side effects', () => {
    // Files directly under src/ are the entry points (main.ts, app.ts, modules.ts, the generators); modules live in folders.
    const offenders: string[] = [];
    for (const file of sourceFiles(SRC)) {
      if (path.dirname(file) === path.normalize(SRC).replace(/\/$/, '')) continue;
      const text = fs.readFileSync(file, 'utf8');
      if (/from '[./]*\/?(app|modules)\.ts'|import\('[./]*\/?(app|modules)\.ts'\)/.test(text)) offenders.push(`${path.relative(SRC, file)} imports an entry point`);
      for (const m of text.matchAll(/^import '([^']+)';/gm)) if (!m[1].startsWith('node:')) offenders.push(`${path.relative(SRC, file)} imports ${m[1]} for its side effects`);
    }
    expect(offenders).toEqual([]);
  });
});
