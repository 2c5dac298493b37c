import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../platform/auth/actor.ts';
import { describeEngines } from '../../test/support/engines.ts';
import { createTestDeps, type TestDeps } from '../../test/support/deps.ts';
import { createServices } from '../modules.ts';
import { parseList } from './parse/index.ts';
import type { ScreeningService } from './service.ts';

/**
 * A name screened without a kind is screened as a person and as an organisation (issue 17 item 7): every
 * entity name and alias of the whole UN list, screened exactly as written and with no kind, finds its
 * entity. Before, 7 of the 273 entity names and 31 aliases ("THE HOUTHIS", "Les Sentinelles") found
 * nothing, because "the", "les", "of" were compared as words of a name of unknown kind.
 */
const FULL_UN = resolve(import.meta.dirname, '../../test/fixtures/sanctions/un_consolidated_list_2026-02-27.full.xml');

describeEngines('screening without a kind', (engine) => {
  let deps: TestDeps;
  let svc: ScreeningService;

  beforeAll(async () => {
    deps = await createTestDeps(engine);
    svc = createServices(deps).screening;
    await svc.importList(SYSTEM_ACTOR, { content: readFileSync(FULL_UN), fileName: 'un_consolidated_list_2026-02-27.xml' });
  }, 180_000);
  afterAll(async () => {
    await deps?.close();
  });

  it('finds every entity of the UN list by each of its names and aliases, as written, with no kind', async () => {
    const parsed = await parseList(readFileSync(FULL_UN));
    const entities = parsed.entries.filter((e) => e.kind === 'entity');
    expect(entities).toHaveLength(273);
    const names = entities.flatMap((e) => e.names.map((n) => ({ externalId: e.externalId, name: n.name, quality: n.quality })));
    expect(names.filter((n) => n.quality === 'primary')).toHaveLength(273);
    const { results } = await svc.screenParties(SYSTEM_ACTOR, {
      purpose: 'test',
      parties: names.map((n, i) => ({ partyRef: `test:${i}`, name: n.name })),
    });
    const missed = names.filter((n, i) => !results[i].hits.some((h) => h.externalId === n.externalId)).map((n) => n.name);
    expect(missed).toEqual([]);
  }, 120_000);

  it('says in the explanation which kind the better score was reached as', async () => {
    const houthis = await svc.screenName(SYSTEM_ACTOR, { name: 'THE HOUTHIS' });
    expect(houthis.hits[0]).toMatchObject({ entryName: 'THE HOUTHIS', score: 1, kind: 'entity' });
    expect(houthis.hits[0].explanation.features.at(-1)).toMatchObject({ feature: 'screened_as_organisation', effect: 0 });
    expect(houthis.hits[0].explanation.features.at(-1)!.detail).toMatch(/^no kind given: scored as an organisation, the better \(as a person /);
    // Given as an organisation it is the same hit, with nothing to say about kinds.
    const asOrganisation = await svc.screenName(SYSTEM_ACTOR, { name: 'THE HOUTHIS', kind: 'organisation' });
    expect(asOrganisation.hits[0]).toMatchObject({ entryName: 'THE HOUTHIS', score: 1 });
    expect(asOrganisation.hits[0].explanation.features).toEqual([]);
    // A listed person screened without a kind is scored as a person.
    const person = await svc.screenName(SYSTEM_ACTOR, { name: 'Germain Katanga' });
    expect(person.hits[0]).toMatchObject({ kind: 'individual' });
    expect(person.hits[0].explanation.features.at(-1)).toMatchObject({ feature: 'screened_as_person' });
  });
});
