import { SYSTEM_ACTOR, type Actor } from '../../platform/auth/actor.ts';
import type { ScreeningContext } from '../context.ts';
import type { VersionRef } from '../matcher.ts';
import { screeningPolicy } from '../policy.ts';
import type { PartyToScreen } from '../schemas.ts';
import { screenAndRecord } from '../steps.ts';

/**
 * Screens every current party of the registry (organisations by name and registration number,
 * persons by name, date of birth and identity document). Persons' names are personal data: the
 * registry reads them for the system actor and audits each read. Screened parties are remembered
 * for re-screening when lists change.
 */
export async function screenRegistryParties(ctx: ScreeningContext, actor: Actor): Promise<{ parties: number; withOpenHits: number; listVersions: VersionRef[] }> {
  const { registry } = ctx;
  screeningPolicy.require(actor, 'screening.screen.run');
  const parties: Array<PartyToScreen & { origin: string }> = [];
  let cursor: string | undefined;
  do {
    const page = await registry.listParties(SYSTEM_ACTOR, { limit: 500, ...(cursor ? { cursor } : {}) });
    for (const p of page.items) {
      if (p.kind === 'organisation') {
        if (!p.name) continue;
        const detail = await registry.getParty(SYSTEM_ACTOR, p.id);
        parties.push({
          partyRef: `registry:${p.id}`, origin: 'registry', name: p.name, kind: 'organisation', country: p.country ?? undefined,
          identifiers: detail.registrationNumber && detail.registrationNumber.length >= 3 ? [{ type: 'registration', number: detail.registrationNumber }] : [],
        });
      } else {
        const detail = await registry.getParty(SYSTEM_ACTOR, p.id);
        const personal = detail.personal;
        const name = [personal?.givenNames, personal?.familyName].filter(Boolean).join(' ') || detail.name;
        if (!name) continue;
        parties.push({
          partyRef: `registry:${p.id}`, origin: 'registry', name, kind: 'person', country: p.country ?? undefined,
          dob: personal?.dateOfBirth ?? undefined,
          identifiers: personal?.identityDocumentNumber && personal.identityDocumentNumber.length >= 3 ? [{ type: 'identity document', number: personal.identityDocumentNumber }] : [],
        });
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  let withOpenHits = 0;
  let versions: VersionRef[] = [];
  for (let i = 0; i < parties.length; i += 500) {
    const r = await ctx.deps.db.transaction((t) => screenAndRecord(ctx, t, actor, parties.slice(i, i + 500), 'registry_batch', false));
    withOpenHits += r.results.filter((x) => x.openHits > 0).length;
    versions = r.versions;
  }
  return { parties: parties.length, withOpenHits, listVersions: versions };
}
